"""Every document ("*" in hooks): a stock voucher holds the units it moves before it validates its submit
or starts its cancel (one move per unit, whatever the concurrency); a voucher that posted stock ledger
entries gets the audit events of the units it moved, once its own hooks have run; one that starts over
starts from nothing; cancelling the document of an RMA's step undoes the step."""

from serial_tracking.audit import trail
from serial_tracking.concurrency import locks
from serial_tracking.customers import rma


def before_validate(doc, method=None):
	trail.start(doc)
	if getattr(doc, "_action", None) == "submit":
		locks.before_submit(doc)


def before_cancel(doc, method=None):
	rma.before_document_cancel(doc)
	trail.start(doc)
	locks.before_cancel(doc)


def on_submit(doc, method=None):
	trail.flush(doc)


def on_cancel(doc, method=None):
	trail.reverse(doc)
	rma.document_cancelled(doc)
