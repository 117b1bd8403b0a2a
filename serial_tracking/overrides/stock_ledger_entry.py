"""Stock Ledger Entry is the document ERPNext submits for every stock movement: generated serials are
handed over when it is inserted, and the audit trail notes the units it moved when it is submitted."""

from serial_tracking.services import audit_trail, serial_generation


def after_insert(doc, method=None):
	serial_generation.attach_bundle(doc)


def on_submit(doc, method=None):
	audit_trail.collect(doc)
