"""Per-unit profit arithmetic: margins, groups, days held, time spent in each status, and the cost
an assembled unit takes from its components.

A unit's margin is what it has *realised*: its income less what it cost, once it has left (sold, written
off, consumed...). While it is still held (in stock, on loan, in repair, reserved) what it cost to acquire
is *capital in stock*, not a loss: its margin then counts only what it earned and what it cost to run
(service, depreciation).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

# parts_cost: parts a repair fitted into the unit, less parts it took out that came back into stock;
# passed_on: the unit's own cost carried into the assemblies it became part of (it comes off here).
AMOUNTS = (
	"acquisition_cost",
	"revenue",
	"other_income",
	"service_cost",
	"depreciation",
	"parts_cost",
	"passed_on",
)
# capital: what a unit still held cost to acquire (0 once it has left), derived by with_margin
SUMMED = (*AMOUNTS, "capital")


def income(amounts: Mapping) -> float:
	return amounts["revenue"] + amounts["other_income"]


def cost(amounts: Mapping) -> float:
	"""What the unit cost: acquisition, parts, service and depreciation, less what it passed on."""
	return (
		amounts["acquisition_cost"]
		+ amounts["parts_cost"]
		+ amounts["service_cost"]
		+ amounts["depreciation"]
		- amounts["passed_on"]
	)


def capital(amounts: Mapping) -> float:
	"""What the unit cost to acquire (with its parts, less what it passed on): capital while it is held."""
	return amounts["acquisition_cost"] + amounts["parts_cost"] - amounts["passed_on"]


def margin(amounts: Mapping) -> float:
	"""Income less the unit's cost, but for the capital still held in it."""
	return income(amounts) - cost(amounts) + amounts.get("capital", 0.0)


def percent(part: float, whole: float) -> float | None:
	return round(part * 100 / whole, 2) if whole else None


def with_margin(row: dict, held: bool = False) -> dict:
	"""A unit row (or any mapping of the amounts) with its capital in stock (``held``: the unit is still
	ours), its realised margin and margin % filled in."""
	row["capital"] = capital(row) if held else 0.0
	row["margin"] = margin(row)
	row["margin_percent"] = percent(row["margin"], income(row))
	return row


def realised(row: Mapping) -> bool:
	"""Whether a unit has a result to show: it has left, or earned something while held."""
	return not row["capital"] or bool(income(row))


def best_and_worst(rows: Iterable[Mapping], each: int) -> list[Mapping]:
	"""The ``each`` best and ``each`` worst units by margin among those with a result, best first."""
	ranked = sorted((row for row in rows if realised(row)), key=lambda row: row["margin"], reverse=True)
	return ranked if len(ranked) <= 2 * each else [*ranked[:each], *ranked[-each:]]


@dataclass
class GroupTotal:
	key: str | None
	units: int = 0
	amounts: dict = field(default_factory=lambda: dict.fromkeys(SUMMED, 0.0))

	@property
	def margin(self) -> float:
		return margin(self.amounts)

	@property
	def margin_percent(self) -> float | None:
		return percent(self.margin, income(self.amounts))


def group(rows: Iterable[Mapping], key: str | None) -> list[GroupTotal]:
	"""Totals of unit rows per value of field ``key`` (one group for None), largest margin first."""
	totals: dict = {}
	for row in rows:
		k = row.get(key) if key else None
		total = totals.get(k)
		if total is None:
			total = totals[k] = GroupTotal(k)
		total.units += 1
		amounts = total.amounts
		for amount in SUMMED:
			amounts[amount] += row.get(amount, 0.0)
	return sorted(totals.values(), key=lambda t: (-t.margin, str(t.key)))


def total(rows: Iterable[Mapping]) -> GroupTotal:
	[everything] = group(rows, None) or [GroupTotal(None)]
	return everything


def days_held(first_in: date | None, last_out: date | None, on_hand: bool, today: date) -> int:
	"""Days from the unit's first receipt until it left for good (or until today, while it is held)."""
	if not first_in:
		return 0
	end = today if on_hand or not last_out else last_out
	return max(0, (end - first_in).days)


def average(total_amount: float, qty: float) -> float:
	return total_amount / qty if qty else 0.0


def status_days(
	changes: list[tuple[datetime, str | None]], start: datetime, end: datetime
) -> dict[str, float]:
	"""Days spent in each status between ``start`` and ``end``, from the unit's status changes in order
	(each change: when, and the status it led to). Time before the first change is not counted."""
	spent: dict[str, float] = {}
	if not changes:
		return spent
	for (when, status), following in zip(changes, [*changes[1:], (end, None)], strict=True):
		since, until = max(when, start), min(following[0], end)
		if status and until > since:
			spent[status] = spent.get(status, 0.0) + (until - since).total_seconds() / 86400
	return spent


def assembly_costs(
	finished: Mapping[str, str], components: Iterable[tuple[str, float]]
) -> dict[str, tuple[float, float]]:
	"""Per finished unit: (its own component units' cost, the change to ERPNext's valuation of it).

	ERPNext values every finished unit of a Manufacture or Repack entry alike: all that the entry
	consumed (and its additional costs), shared out. A unit's own serialized components are known, so
	its cost takes them instead of the entry's average of them: the change is its components' cost less
	that average. The changes of one entry's units add up to zero, so the units' costs still add up to
	ERPNext's valuation. ``finished``: unit -> its entry (every serialized finished unit of each entry);
	``components``: (finished unit, cost of one of its components as ERPNext valued it when consumed).
	"""
	own: dict[str, float] = defaultdict(float)
	for unit, amount in components:
		if unit in finished:
			own[unit] += amount
	count = Counter(finished.values())
	pooled: dict[str, float] = defaultdict(float)
	for unit, amount in own.items():
		pooled[finished[unit]] += amount
	return {
		unit: (own.get(unit, 0.0), own.get(unit, 0.0) - pooled[entry] / count[entry])
		for unit, entry in finished.items()
	}
