"""A unit's lifecycle status and condition, kept beside ERPNext's own Serial No status.

Stock movements move the status through :func:`after_movement` (called by the audit trail for every
movement ERPNext posts); the other changes are explicit actions (:func:`transition`), allowed only
from the states listed in :data:`ACTIONS`.
"""

from dataclasses import dataclass

from serial_tracking.platform.core.errors import TransitionError
from serial_tracking.platform.core.i18n import Term, _

# Statuses
IN_STOCK = "In Stock"
RESERVED = "Reserved"
ON_LOAN = "On Loan"
IN_REPAIR = "In Repair"
DELIVERED = "Delivered"
RETURNED = "Returned to Supplier"
CONSUMED = "Consumed"
LOST = "Lost"
RETIRED = "Retired"
COLLAPSED = _("Collapsed")  # merged into a count when its item switched to Quantity tracking
IN_SERVICE = "In Service"  # a customer's unit with us for service (an RMA): in our warehouse, not ours
STATUSES = (
	IN_STOCK,
	RESERVED,
	ON_LOAN,
	IN_REPAIR,
	DELIVERED,
	RETURNED,
	CONSUMED,
	LOST,
	RETIRED,
	COLLAPSED,
	IN_SERVICE,
)

# In one of our warehouses by ERPNext's books (a unit on loan or in repair is still ours and on hand; a
# customer's unit in service is in our warehouse, at no value of ours).
ON_HAND = frozenset({IN_STOCK, RESERVED, ON_LOAN, IN_REPAIR, IN_SERVICE})
# On hand and ours: what it cost is capital in stock.
OURS = ON_HAND - {IN_SERVICE}
# Left our stock for good: coming back in starts a new episode of the unit's history.
GONE = frozenset({None, DELIVERED, RETURNED, CONSUMED, RETIRED, COLLAPSED})
# Units a sale, transfer or consumption may take: the others are with someone, broken or missing.
AVAILABLE = frozenset({IN_STOCK, RESERVED})
# Units with a lifecycle status that a sale or consumption must refuse.
UNAVAILABLE = frozenset({ON_LOAN, IN_REPAIR, LOST, RETIRED, COLLAPSED, IN_SERVICE})
# How the desk shows each status (Frappe indicator colours).
COLOURS = {
	IN_STOCK: "green",
	RESERVED: "blue",
	ON_LOAN: "orange",
	IN_REPAIR: "yellow",
	DELIVERED: "gray",
	RETURNED: "gray",
	CONSUMED: "gray",
	LOST: "red",
	RETIRED: "darkgrey",
	COLLAPSED: "darkgrey",
	IN_SERVICE: "purple",
}
# On hand but promised or away: a tracking mode change waits until they are back In Stock.
ENGAGED = frozenset({RESERVED, ON_LOAN, IN_REPAIR, IN_SERVICE})

NOT_RECEIVED = _("not received")

CONDITIONS = ("New", "Good", "Fair", "Needs Repair", "Broken")

# Actions
CHECK_OUT = "Check Out"
CHECK_IN = "Check In"
SEND_TO_REPAIR = "Send to Repair"
BACK_FROM_REPAIR = "Back from Repair"
RESERVE = "Reserve"
UNRESERVE = "Unreserve"
MARK_LOST = "Mark Lost"
MARK_FOUND = "Mark Found"
RETIRE = "Retire"


@dataclass(frozen=True)
class Action:
	name: str
	to: str
	allowed_from: frozenset
	stock: str | None = None  # "out" or "in" when ERPNext must post a stock transaction for it
	custodian: bool = False  # names who takes the unit and when it is due back
	condition: bool = False  # may record the unit's condition


ACTIONS = {
	a.name: a
	for a in (
		Action(CHECK_OUT, ON_LOAN, frozenset({IN_STOCK}), custodian=True),
		Action(CHECK_IN, IN_STOCK, frozenset({ON_LOAN}), condition=True),
		Action(SEND_TO_REPAIR, IN_REPAIR, frozenset({IN_STOCK}), condition=True),
		Action(BACK_FROM_REPAIR, IN_STOCK, frozenset({IN_REPAIR}), condition=True),
		Action(RESERVE, RESERVED, frozenset({IN_STOCK})),
		Action(UNRESERVE, IN_STOCK, frozenset({RESERVED})),
		Action(MARK_LOST, LOST, frozenset({IN_STOCK, RESERVED, ON_LOAN, IN_REPAIR}), stock="out"),
		Action(MARK_FOUND, IN_STOCK, frozenset({LOST}), stock="in"),
		Action(RETIRE, RETIRED, frozenset({IN_STOCK, IN_REPAIR}), stock="out"),
	)
}


def transition(status: str | None, action: str, *, serial: str = "") -> str:
	"""The status ``action`` leads to from ``status``, or a TransitionError saying why not."""
	if action not in ACTIONS:
		raise TransitionError(_("Unknown unit action {action}."), action=action)
	rule = ACTIONS[action]
	if status not in rule.allowed_from:
		raise TransitionError(
			_("Unit {serial} is {status}: {action} is possible only for a unit that is {allowed}."),
			serial=serial,
			status=Term(status or NOT_RECEIVED),
			action=Term(action),
			allowed=tuple(Term(s) for s in STATUSES if s in rule.allowed_from),
		)
	return rule.to


def check_condition(condition: str | None) -> None:
	if condition and condition not in CONDITIONS:
		raise TransitionError(
			_("Condition must be one of {conditions}, not {condition}."),
			conditions=", ".join(CONDITIONS),
			condition=condition,
		)


SELL = "sell"
ISSUE = "issue"
REFUSALS = {
	SELL: _(
		"Unit {serial} is {status}, so it cannot be sold or delivered. Check it in or bring it back first."
	),
	ISSUE: _(
		"Unit {serial} is {status}, so it cannot be issued or consumed. Check it in or bring it back first."
	),
}


def check_available(serial: str, status: str | None, *, doing: str) -> None:
	"""Refuse to sell (``SELL``) or issue (``ISSUE``) a unit that is on loan, in repair, lost, retired
	or merged into a count."""
	if status in UNAVAILABLE:
		raise TransitionError(REFUSALS[doing], serial=serial, status=Term(status))


def overdue(due_date, today) -> int:
	"""Days a check-out is past its due date (0 when not due yet or no due date)."""
	if not due_date:
		return 0
	return max(0, (today - due_date).days)


CUSTODIAN_TYPES = ("Employee", "Customer")


def check_custodian(custodian_type: str | None, custodian: str | None, due_date) -> None:
	"""A check-out names who has the unit and when it is due back."""
	if custodian_type not in CUSTODIAN_TYPES or not custodian:
		raise TransitionError(_("Check out to an Employee or a Customer: name who takes the unit."))
	if not due_date:
		raise TransitionError(_("Give the date the unit is due back."))
