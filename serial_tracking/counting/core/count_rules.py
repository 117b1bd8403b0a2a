"""Cycle counts of serialized units: what a scan means, and what closing a count concludes.

A Unit Count captures the units its scope expects (a warehouse, optionally narrowed to an item group;
or the units on loan to a custodian) when it starts. Each scan is judged at once against that snapshot
and the books (:func:`judge`). Closing judges every unit once more against the books as they are then
(:func:`conclude`): a unit that a submitted transaction or a unit action moved after the snapshot (or
after it was seen) is accounted for, not mistaken for a loss or a misplaced unit.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from serial_tracking.platform.core.errors import CountError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle

# A count's statuses
OPEN = "Open"
CLOSED = "Closed"
QUEUED = "Approving"  # approval runs in the background
APPROVED = "Approved"
CANCELLED = "Cancelled"
STATUSES = (OPEN, CLOSED, QUEUED, APPROVED, CANCELLED)

# What a scan means, at once
EXPECTED = "Expected"
ALREADY_SCANNED = "Already Scanned"
MISPLACED = "Misplaced"  # on hand by the books, somewhere else (another warehouse or custodian)
OUTSIDE = "Outside Count"  # here by the books, but not part of this count (another item group, on loan)
NOT_ON_HAND = "Not on Hand"  # sold, returned, consumed, lost or retired by the books
UNKNOWN = "Unknown"  # no unit has this serial or maker serial
VERDICTS = (EXPECTED, ALREADY_SCANNED, MISPLACED, OUTSIDE, NOT_ON_HAND, UNKNOWN)
# How the scan panel shows each answer (Frappe indicator colours).
VERDICT_COLOURS = {
	EXPECTED: "green",
	ALREADY_SCANNED: "blue",
	MISPLACED: "orange",
	OUTSIDE: "yellow",
	NOT_ON_HAND: "red",
	UNKNOWN: "red",
}

# What closing concludes per unit
FOUND = "Found"
MISSING = "Missing"
MOVED = "Moved During Count"  # a transaction or unit action moved it after the snapshot or its scan
RESULTS = (FOUND, MISSING, MISPLACED, OUTSIDE, NOT_ON_HAND, UNKNOWN, MOVED)
# Results that get a "Counted" event on approval (MOVED was not counted; UNKNOWN has no unit).
COUNTED_RESULTS = frozenset({FOUND, MISSING, MISPLACED, OUTSIDE, NOT_ON_HAND})
# Results shown in the count's results table: everything but plain found units.
EXCEPTIONS = frozenset(RESULTS) - {FOUND}

# What approval does with a result line
MARK_LOST = lifecycle.MARK_LOST
RECONCILE = "Stock Reconciliation"
TRANSFER = "Material Transfer"
RECEIVE = "Receive"
NO_ACTION = "No Action"
ACTIONS = (MARK_LOST, RECONCILE, TRANSFER, RECEIVE, NO_ACTION)
ALLOWED_ACTIONS = {
	MISSING: (MARK_LOST, RECONCILE, NO_ACTION),
	MISPLACED: (TRANSFER, NO_ACTION),
	UNKNOWN: (RECEIVE, NO_ACTION),
}
MISSING_ACTIONS = (MARK_LOST, RECONCILE)

# Where the books have a unit, seen from a count's scope
HERE, ASIDE, ELSEWHERE, GONE = "here", "aside", "elsewhere", "gone"
# Statuses of units a warehouse count expects on its shelves (units on loan are with their custodian).
SHELF = frozenset({lifecycle.IN_STOCK, lifecycle.RESERVED, lifecycle.IN_REPAIR})


@dataclass(frozen=True)
class Scope:
	"""What a count covers: a warehouse (its units on the shelf), or the units on loan to a custodian;
	``item_groups`` narrows either to the items of these groups (None: every item)."""

	warehouse: str | None = None
	custodian: str | None = None
	item_groups: frozenset | None = None
	company: str | None = None

	def overlaps(self, other: "Scope") -> bool:
		if bool(self.custodian) != bool(other.custodian):
			return False
		same_place = (
			self.custodian == other.custodian if self.custodian else self.warehouse == other.warehouse
		)
		if not same_place:
			return False
		if self.item_groups is None or other.item_groups is None:
			return True
		return bool(self.item_groups & other.item_groups)


@dataclass(frozen=True)
class Unit:
	"""A unit as the books have it now."""

	serial_no: str
	item_code: str
	item_group: str | None = None
	serialized: bool = True  # the item is tracked as serialized units (not by quantity)
	warehouse: str | None = None
	status: str | None = None
	custodian: str | None = None
	company: str | None = None


@dataclass(frozen=True)
class Seen:
	"""A unit (or unknown code) as the count's scans saw it: its first scan, and the last condition noted."""

	at: datetime
	condition: str | None = None


@dataclass
class Result:
	key: str  # the serial, or the scanned code of an unknown serial
	result: str
	unit: Unit | None = None
	expected: bool = False
	seen: Seen | None = None
	action: str = ""

	@property
	def condition(self) -> str | None:
		return self.seen.condition if self.seen else None


# --- starting and scanning ------------------------------------------------------------------------


def check_scope(scope: Scope) -> None:
	if not scope.warehouse and not scope.custodian:
		raise CountError(_("Give the warehouse to count, or the custodian whose units on loan to count."))
	if scope.warehouse and scope.custodian:
		raise CountError(_("Count either a warehouse or a custodian's units on loan, not both at once."))


def check_no_overlap(scope: Scope, open_counts: Iterable[tuple[str, Scope]]) -> None:
	"""Refuse a count whose units another open count of the same place already covers."""
	for name, other in open_counts:
		if scope.overlaps(other):
			raise CountError(
				_("{place} is being counted already in {count}: approve or delete that count first."),
				place=scope.custodian or scope.warehouse,
				count=name,
			)


REFUSED = {
	"scan": _("Unit Count {count} is {status}: scans are refused. Reopen it to scan more."),
	"close": _("Unit Count {count} is {status}: only an open count can be closed."),
	"reopen": _("Unit Count {count} is {status}: only a closed count that is not approved can be reopened."),
	"approve": _("Unit Count {count} is {status}: only a closed count can be approved."),
}
NEEDS = {"scan": OPEN, "close": OPEN, "reopen": CLOSED, "approve": CLOSED}


def check_status(count: str, status: str, doing: str) -> None:
	if status != NEEDS[doing]:
		raise CountError(REFUSED[doing], count=count, status=Term(status))


def code_of(scanned: str | None) -> str:
	"""The serial a scan carries: the text itself, or the last part of a link to a unit's page."""
	code = (scanned or "").strip()
	if "/serial-no/" in code.lower():
		code = unquote(code.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0])
	if not code:
		raise CountError(_("The scan was empty: scan or type a serial."))
	return code


def check_serialized(unit: Unit) -> None:
	if not unit.serialized:
		raise CountError(
			_(
				"{serial} is a serial of {item}, which is tracked by quantity: count it with a Stock Reconciliation, not by scanning units."
			),
			serial=unit.serial_no,
			item=unit.item_code,
		)


def item_barcode(code: str, item_code: str, serialized: bool) -> CountError:
	"""The refusal of a scan that is an item's barcode rather than one unit's serial."""
	if serialized:
		return CountError(
			_("{code} is the barcode of item {item}, not of one unit: scan the unit's serial or label."),
			code=code,
			item=item_code,
		)
	return CountError(
		_(
			"{code} is the barcode of {item}, which is tracked by quantity: count it with a Stock Reconciliation, not by scanning units."
		),
		code=code,
		item=item_code,
	)


def place(scope: Scope, unit: Unit) -> str:
	"""Where the books have ``unit``, seen from ``scope``."""
	if unit.status not in lifecycle.ON_HAND or not unit.warehouse:
		return GONE
	in_groups = scope.item_groups is None or unit.item_group in scope.item_groups
	if scope.custodian:
		if unit.status == lifecycle.ON_LOAN and unit.custodian == scope.custodian:
			return HERE if in_groups else ASIDE
		return ELSEWHERE
	if unit.warehouse != scope.warehouse:
		return ELSEWHERE
	return HERE if in_groups and unit.status in SHELF else ASIDE


VERDICT_OF_PLACE = {HERE: EXPECTED, ASIDE: OUTSIDE, ELSEWHERE: MISPLACED, GONE: NOT_ON_HAND}


def judge(scope: Scope, unit: Unit | None, *, expected: bool, already: bool) -> str:
	"""What a scan means, at once: ``expected`` (the unit is in the count's snapshot), ``already`` (a
	scan of this count saw it before). A serial of a quantity-tracked item is refused."""
	if unit is not None:
		check_serialized(unit)
	if already:
		return ALREADY_SCANNED
	if unit is None:
		return UNKNOWN
	if expected:
		return EXPECTED
	return VERDICT_OF_PLACE[place(scope, unit)]


MESSAGES = {
	EXPECTED: _("{serial} ({item}) is expected here: counted."),
	ALREADY_SCANNED: _("{serial} was already scanned in this count."),
	MISPLACED: _("{serial} ({item}) belongs to {where}: misplaced."),
	OUTSIDE: _("{serial} ({item}) is not part of this count ({status}, item group {group})."),
	NOT_ON_HAND: _("{serial} ({item}) is {status} by the books, not on hand."),
	UNKNOWN: _("{serial} is not a known serial or maker serial."),
}


def message(verdict: str, code: str, unit: Unit | None) -> tuple[str, dict]:
	"""The untranslated answer to a scan, and its values."""
	if unit is None:
		return MESSAGES[verdict], {"serial": code}
	where = unit.warehouse
	if unit.status == lifecycle.ON_LOAN and unit.custodian:
		where = unit.custodian
	return MESSAGES[verdict], {
		"serial": unit.serial_no,
		"item": unit.item_code,
		"where": where or "",
		"status": Term(unit.status or lifecycle.NOT_RECEIVED),
		"group": unit.item_group or "",
	}


# --- closing --------------------------------------------------------------------------------------


def conclude(
	scope: Scope,
	expected: Iterable[str],
	seen: Mapping[str, Seen],
	units: Mapping[str, Unit],
	moved_at: Mapping[str, datetime],
	started_at: datetime,
) -> list[Result]:
	"""One result per unit the count expected or saw (``seen`` is keyed by serial, or by the scanned
	code of unknown serials). ``moved_at``: when the books last moved each unit (a transaction or a unit
	action), for units moved since the count started."""
	results = []
	expected = list(dict.fromkeys(expected))
	for serial in expected:
		unit = units.get(serial)
		if serial in seen:
			results.append(judge_seen(scope, serial, unit, seen[serial], moved_at, expected=True))
			continue
		moved = moved_at.get(serial)
		if unit is None or (moved and moved > started_at) or place(scope, unit) != HERE:
			results.append(Result(serial, MOVED, unit, expected=True))
		else:
			results.append(Result(serial, MISSING, unit, expected=True))
	expected_set = set(expected)
	for key, sighting in seen.items():
		if key not in expected_set:
			results.append(judge_seen(scope, key, units.get(key), sighting, moved_at, expected=False))
	return results


def judge_seen(scope, key, unit, sighting: Seen, moved_at, *, expected: bool) -> Result:
	if unit is None:
		return Result(key, UNKNOWN, None, expected, sighting)
	where = place(scope, unit)
	if where == HERE:
		return Result(key, FOUND, unit, expected, sighting)
	moved = moved_at.get(key)
	if moved and moved > sighting.at:  # the books moved it on purpose after it was seen
		return Result(key, MOVED, unit, expected, sighting)
	return Result(key, VERDICT_OF_PLACE[where], unit, expected, sighting)


def default_actions(results: Iterable[Result], scope: Scope, missing_action: str) -> None:
	"""Give each line that approval can act on its default action: missing units the count's choice,
	misplaced units a transfer here when one is possible, unknown serials none (they need an item)."""
	for line in results:
		if line.result == MISSING:
			line.action = missing_action if missing_action in MISSING_ACTIONS else MARK_LOST
		elif line.result == MISPLACED:
			line.action = TRANSFER if can_transfer(scope, line.unit) else NO_ACTION
		elif line.result == UNKNOWN:
			line.action = NO_ACTION


def can_transfer(scope: Scope, unit: Unit | None) -> bool:
	"""A misplaced unit can be moved into the counted warehouse by a transfer of the same company."""
	return bool(
		scope.warehouse
		and unit
		and unit.warehouse
		and unit.status in lifecycle.ON_HAND
		and unit.status != lifecycle.ON_LOAN
		and (not scope.company or unit.company == scope.company)
	)


def summary(results: Iterable[Result]) -> dict[str, int]:
	"""How many units each result has, and how many had their condition noted."""
	results = list(results)
	counts = Counter(r.result for r in results)
	out = {result: counts.get(result, 0) for result in RESULTS}
	out["conditions"] = sum(1 for r in results if r.condition)
	return out
