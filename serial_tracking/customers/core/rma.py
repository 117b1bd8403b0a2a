"""An RMA (return merchandise authorization) of one customer's unit, opened from a Warranty Claim: its
statuses, the steps that move it and the refusals that keep it honest.

Steps, each through ERPNext documents the Frappe layer makes: **receive** the unit into the service
warehouse (it stays the customer's), **diagnose** it, then **repair** it (a Maintenance Visit) and
**return** it, or **exchange** it for a replacement (the defective unit becomes ours), which may then go
**back to its supplier**. Undoing a step (cancelling its documents) takes the RMA back to the status it
had before the step; only the latest step that is still in force can be undone.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle


class RmaError(RuleError):
	title = _("RMA")


# Statuses
AUTHORIZED = "Authorized"  # opened; the unit is still with the customer
RECEIVED = "Received"  # the customer's unit is in the service warehouse
DIAGNOSED = "Diagnosed"
REPAIRED = "Repaired"
RETURNED = "Returned"  # given back to the customer (repaired, or nothing found)
EXCHANGED = "Exchanged"  # a replacement went to the customer; the defective unit is ours
BACK_TO_SUPPLIER = "Returned to Supplier"  # the defective unit went back to the supplier it came from
STATUSES = (AUTHORIZED, RECEIVED, DIAGNOSED, REPAIRED, RETURNED, EXCHANGED, BACK_TO_SUPPLIER)
OPEN = frozenset({AUTHORIZED, RECEIVED, DIAGNOSED, REPAIRED})  # the customer still waits
CLOSED = frozenset({RETURNED, EXCHANGED, BACK_TO_SUPPLIER})
# Statuses in which the unit is (or was) with us: the RMA counts as a returned defective.
RECEIVED_ONCE = frozenset(STATUSES) - {AUTHORIZED}
COLOURS = {
	AUTHORIZED: "orange",
	RECEIVED: "blue",
	DIAGNOSED: "blue",
	REPAIRED: "purple",
	RETURNED: "green",
	EXCHANGED: "green",
	BACK_TO_SUPPLIER: "gray",
}

# Steps
RECEIVE = "Receive"
DIAGNOSE = "Diagnose"
REPAIR = "Repair"
RETURN = "Return"
EXCHANGE = "Exchange"
TO_SUPPLIER = "Return to Supplier"


@dataclass(frozen=True)
class Step:
	name: str
	to: str
	allowed_from: frozenset


STEPS = {
	step.name: step
	for step in (
		Step(RECEIVE, RECEIVED, frozenset({AUTHORIZED})),
		Step(DIAGNOSE, DIAGNOSED, frozenset({RECEIVED, DIAGNOSED})),
		Step(REPAIR, REPAIRED, frozenset({DIAGNOSED})),
		Step(RETURN, RETURNED, frozenset({DIAGNOSED, REPAIRED})),
		Step(EXCHANGE, EXCHANGED, frozenset({DIAGNOSED, REPAIRED})),
		Step(TO_SUPPLIER, BACK_TO_SUPPLIER, frozenset({EXCHANGED})),
	)
}
STEP_NAMES = tuple(STEPS)

NOT_NOW = _("{rma} is {status}: {step} is possible only for an RMA that is {allowed}.")


def next_status(status: str, step: str, *, rma: str = "") -> str:
	"""The status ``step`` leads to from ``status``, or an RmaError saying why not."""
	if step not in STEPS:
		raise RmaError(_("Unknown RMA step {step}."), step=step)
	rule = STEPS[step]
	if status not in rule.allowed_from:
		raise RmaError(
			NOT_NOW,
			rma=rma,
			status=Term(status),
			step=Term(step),
			allowed=tuple(Term(s) for s in STATUSES if s in rule.allowed_from),
		)
	return rule.to


@dataclass(frozen=True)
class Done:
	"""A step in the RMA's log: the status before it, and whether it has been undone."""

	step: str
	status_before: str
	undone: bool = False
	key: str = ""  # the step's own id (its first document), to tell two steps of one kind apart


def last_live(log: Iterable[Done]) -> Done | None:
	"""The latest step still in force: the only one that may be undone."""
	live = [done for done in log if not done.undone]
	return live[-1] if live else None


def check_undo(log: Iterable[Done], key: str, *, rma: str = "") -> Done:
	"""The step ``key`` names, which must be the latest still in force; an RmaError otherwise."""
	log = list(log)
	done = next((d for d in log if d.key == key and not d.undone), None)
	if done is None:
		raise RmaError(_("{document} is no step of {rma} still in force."), document=key, rma=rma)
	last = last_live(log)
	if last is not done:
		raise RmaError(
			_("Undo the later step of {rma} first ({step}: {document}), then this one."),
			rma=rma,
			step=Term(last.step),
			document=last.key,
		)
	return done


# --- which unit may come back, and how ------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
	"""A unit as the RMA's checks see it."""

	serial: str
	item_code: str
	status: str | None  # lifecycle status
	owner: str | None = None  # the customer it was last delivered (or given back) to, while it is theirs
	was_delivered_to: bool = False  # ever delivered to the RMA's customer


def check_claimable(unit: Unit, customer: str) -> None:
	"""Only a unit sold to this customer, and still theirs, can come back on an RMA."""
	if unit.status in (lifecycle.DELIVERED, lifecycle.IN_SERVICE) and unit.owner == customer:
		return
	if unit.was_delivered_to:
		raise RmaError(
			_("Unit {serial} is no longer {customer}'s: it was returned (it is {status} now)."),
			serial=unit.serial,
			customer=customer,
			status=Term(unit.status or lifecycle.NOT_RECEIVED),
		)
	raise RmaError(
		_("Unit {serial} was never sold to {customer}: only a unit they bought can come back on an RMA."),
		serial=unit.serial,
		customer=customer,
	)


def check_not_on_another(serial: str, other: str | None) -> None:
	"""One open RMA per unit."""
	if other:
		raise RmaError(_("Unit {serial} is already on the open RMA {rma}."), serial=serial, rma=other)


def check_receivable(unit: Unit, rma: str, holding: str | None) -> None:
	"""The unit comes in once: not while it is with us already (``holding``: the RMA it came in on)."""
	if unit.status == lifecycle.IN_SERVICE:
		raise RmaError(
			_("Unit {serial} was already received on {holding}: it is with us now."),
			serial=unit.serial,
			holding=holding or rma,
		)


def check_replacement(defective: Unit, replacement: Unit, other_items_allowed: bool) -> None:
	"""A replacement is a unit of ours, free to sell, of the same item unless the company allows others."""
	if replacement.serial == defective.serial:
		raise RmaError(_("A unit cannot replace itself: choose another unit."))
	if replacement.item_code != defective.item_code and not other_items_allowed:
		raise RmaError(
			_(
				"Unit {replacement} is a {item}, not a {defective_item}: an exchange for another item needs the company's setting Allow Exchange for Another Item."
			),
			replacement=replacement.serial,
			item=replacement.item_code,
			defective_item=defective.item_code,
		)
	if replacement.status != lifecycle.IN_STOCK:
		raise RmaError(
			_("Unit {replacement} is {status}: a replacement must be a unit in stock, free to sell."),
			replacement=replacement.serial,
			status=Term(replacement.status or lifecycle.NOT_RECEIVED),
		)
