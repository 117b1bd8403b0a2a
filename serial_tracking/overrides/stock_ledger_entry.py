"""Stock Ledger Entry is the document ERPNext submits for every stock movement: generated serials are
handed over when it is inserted, and the audit trail notes the units it moved when it is submitted."""

from serial_tracking.audit import trail
from serial_tracking.series import generation


def after_insert(doc, method=None):
	generation.attach_bundle(doc)


def on_submit(doc, method=None):
	trail.collect(doc)
