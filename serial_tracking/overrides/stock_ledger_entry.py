"""Stock Ledger Entry is the document ERPNext submits for every stock movement: serial intake and the
audit trail hang off it, and complete when the voucher that posted the entries has run its own hooks."""

from serial_tracking.services import audit_trail, serial_intake


def after_insert(doc, method=None):
	serial_intake.attach_bundle(doc)


def on_submit(doc, method=None):
	audit_trail.collect(doc)


def voucher_on_submit(doc, method=None):
	audit_trail.flush(doc)


def voucher_on_cancel(doc, method=None):
	audit_trail.reverse(doc)
