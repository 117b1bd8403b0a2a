"""Every document ("*" in hooks): a stock voucher holds the units it moves before it validates its submit
or starts its cancel (one move per unit, whatever the concurrency); a voucher that posted stock ledger
entries gets the audit events of the units it moved, once its own hooks have run; one that starts over
starts from nothing."""

from serial_tracking.services import audit_trail, unit_locks


def before_validate(doc, method=None):
	audit_trail.start(doc)
	if getattr(doc, "_action", None) == "submit":
		unit_locks.before_submit(doc)


def before_cancel(doc, method=None):
	audit_trail.start(doc)
	unit_locks.before_cancel(doc)


def on_submit(doc, method=None):
	audit_trail.flush(doc)


def on_cancel(doc, method=None):
	audit_trail.reverse(doc)
