"""Returned defectives measured: how many of the units sold came back (the defect rate), how long the
customer waited (turnaround), and how old an open RMA is. Per item, supplier or receipt: the receipts with
several returned defectives are where a recall starts."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median


def defect_rate(defective: int, sold: int) -> float | None:
	"""Returned defectives per hundred units sold (None when none were sold)."""
	if sold <= 0:
		return None
	return round(100.0 * defective / sold, 2)


def days_between(start: date | datetime, end: date | datetime) -> float:
	"""Days from ``start`` to ``end``, to the hour (never negative)."""
	seconds = (as_datetime(end) - as_datetime(start)).total_seconds()
	return round(max(0.0, seconds) / 86400, 2)


def as_datetime(value: date | datetime) -> datetime:
	return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def age(opened: date | datetime, today: date) -> int:
	"""Whole days an RMA has been open (0 on the day it was opened)."""
	opened_on = opened.date() if isinstance(opened, datetime) else opened
	return max(0, (today - opened_on).days)


@dataclass(frozen=True)
class Turnaround:
	"""How long the customer waited, from receipt of the unit to its return or exchange, in days."""

	count: int
	average: float | None
	median: float | None
	longest: float | None


def turnaround(days: Iterable[float]) -> Turnaround:
	values = sorted(days)
	if not values:
		return Turnaround(0, None, None, None)
	return Turnaround(
		len(values), round(sum(values) / len(values), 2), round(median(values), 2), round(values[-1], 2)
	)


@dataclass
class Group:
	"""One item, supplier or receipt: units sold and received back defective, and the waits."""

	key: str
	sold: int = 0
	defective: int = 0
	waits: list = None

	def __post_init__(self):
		self.waits = list(self.waits or [])

	@property
	def rate(self) -> float | None:
		return defect_rate(self.defective, self.sold)

	@property
	def turnaround(self) -> Turnaround:
		return turnaround(self.waits)


def groups(sold: dict[str, int], returns: Iterable[tuple[str, float | None]], least: int = 0) -> list[Group]:
	"""Groups from units sold per key and returned defectives as (key, days waited or None while open);
	those with at least ``least`` defectives, most defective first (then highest rate, then key)."""
	out: dict[str, Group] = {key: Group(key, sold=count) for key, count in sold.items()}
	for key, waited in returns:
		group = out.setdefault(key, Group(key))
		group.defective += 1
		if waited is not None:
			group.waits.append(waited)
	chosen = [g for g in out.values() if g.defective >= least and (g.defective or g.sold)]
	return sorted(chosen, key=lambda g: (-g.defective, -(g.rate or 0), g.key))
