"""Every document ("*" in hooks): a voucher that posted stock ledger entries gets the audit events of
the units it moved, once its own hooks have run; one that starts over starts from nothing."""

from serial_tracking.services import audit_trail


def before_validate(doc, method=None):
	audit_trail.start(doc)


def before_cancel(doc, method=None):
	audit_trail.start(doc)


def on_submit(doc, method=None):
	audit_trail.flush(doc)


def on_cancel(doc, method=None):
	audit_trail.reverse(doc)
