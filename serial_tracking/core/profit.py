"""Per-unit profit arithmetic: margins, groups, days held, time spent in each status, and the cost
an assembled unit takes from its components."""

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


def margin(amounts: Mapping) -> float:
	"""Income less the unit's cost."""
	return income(amounts) - cost(amounts)


def percent(part: float, whole: float) -> float | None:
	return round(part * 100 / whole, 2) if whole else None


def with_margin(row: dict) -> dict:
	"""A unit row (or any mapping of the amounts) with its margin and margin % filled in."""
	row["margin"] = margin(row)
	row["margin_percent"] = percent(row["margin"], income(row))
	return row


@dataclass
class GroupTotal:
	key: str | None
	units: int = 0
	amounts: dict = field(default_factory=lambda: dict.fromkeys(AMOUNTS, 0.0))

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
		for amount in AMOUNTS:
			amounts[amount] += row[amount]
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
