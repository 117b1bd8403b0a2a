"""When units and warehouses are due for a Unit Count: intervals per warehouse and per item group (a
group without one takes its nearest ancestor's), and due dates counted from the last count or, for
a unit never counted, from its arrival."""

from collections.abc import Mapping
from datetime import date, timedelta


def group_intervals(groups: Mapping[str, tuple[str | None, int]]) -> dict[str, int]:
	"""Each item group's counting interval in days: its own, else its nearest ancestor's (0: none).
	``groups`` maps a group to (its parent, its own interval)."""
	out: dict[str, int] = {}

	def interval(name: str, path: tuple = ()) -> int:
		if name in out:
			return out[name]
		parent, days = groups.get(name, (None, 0))
		if not days and parent and parent not in path and parent != name:
			days = interval(parent, (*path, name))
		out[name] = days or 0
		return out[name]

	for name in groups:
		interval(name)
	return out


def interval(warehouse_days: int | None, group_days: int | None) -> int:
	"""How often a unit must be counted: the shorter of its warehouse's and its item group's intervals
	(0: no schedule)."""
	given = [d for d in (warehouse_days, group_days) if d and d > 0]
	return min(given) if given else 0


def due(last_counted: date | None, since: date | None, days: int) -> date | None:
	"""When a unit (or a warehouse) is next due for a count: ``days`` after it was last counted, or
	after ``since`` (it arrived) when it never was; None without a schedule."""
	if days <= 0:
		return None
	start = last_counted or since
	return start + timedelta(days=days) if start else None


def days_overdue(due_on: date | None, today: date) -> int:
	return max(0, (today - due_on).days) if due_on else 0
