"""Per-unit profit arithmetic: margins, groups, days held, time spent in each status."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

AMOUNTS = ("acquisition_cost", "revenue", "other_income", "service_cost", "depreciation")


@dataclass
class UnitProfit:
	serial_no: str
	acquisition_cost: float = 0.0
	revenue: float = 0.0
	other_income: float = 0.0
	service_cost: float = 0.0
	depreciation: float = 0.0
	extra: dict = field(default_factory=dict)

	@property
	def income(self) -> float:
		return self.revenue + self.other_income

	@property
	def cost(self) -> float:
		return self.acquisition_cost + self.service_cost + self.depreciation

	@property
	def margin(self) -> float:
		return self.income - self.cost

	@property
	def margin_percent(self) -> float | None:
		return percent(self.margin, self.income)


def percent(part: float, whole: float) -> float | None:
	return round(part * 100 / whole, 2) if whole else None


@dataclass
class GroupTotal:
	key: str | None
	units: int = 0
	amounts: dict = field(default_factory=lambda: dict.fromkeys(AMOUNTS, 0.0))

	@property
	def margin(self) -> float:
		a = self.amounts
		return (
			a["revenue"] + a["other_income"] - a["acquisition_cost"] - a["service_cost"] - a["depreciation"]
		)

	@property
	def margin_percent(self) -> float | None:
		return percent(self.margin, self.amounts["revenue"] + self.amounts["other_income"])


def group(units: Iterable[UnitProfit], key: Callable[[UnitProfit], str | None]) -> list[GroupTotal]:
	"""Totals per group, largest margin first."""
	totals: dict = {}
	for unit in units:
		k = key(unit)
		total = totals.setdefault(k, GroupTotal(k))
		total.units += 1
		for amount in AMOUNTS:
			total.amounts[amount] += getattr(unit, amount)
	return sorted(totals.values(), key=lambda t: (-t.margin, str(t.key)))


def total(units: Iterable[UnitProfit]) -> GroupTotal:
	[everything] = group(units, lambda unit: None) or [GroupTotal(None)]
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
