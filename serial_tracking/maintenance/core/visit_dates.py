"""Maintenance plans and warranty dates of serialized units, as pure date arithmetic.

A plan has a periodicity and either a number of visits or a duration in months. Visits fall on the
same day of the month (or week) from the start; a visit on a holiday moves to the working day before
it (as ERPNext's own schedules do), or after it when that would leave the period. Holidays come in as
a predicate, so no calendar is read here.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from serial_tracking.platform.core.errors import ScheduleError
from serial_tracking.platform.core.i18n import _

WEEKLY = "Weekly"
MONTHS = {"Monthly": 1, "Quarterly": 3, "Half Yearly": 6, "Yearly": 12}
PERIODICITIES = (WEEKLY, *MONTHS)


@dataclass(frozen=True)
class Plan:
	periodicity: str | None
	visits: int = 0
	duration_months: int = 0

	@property
	def active(self) -> bool:
		return bool(self.periodicity)


def check_plan(plan: Plan, *, serialized: bool = True) -> None:
	"""Refuse a plan that cannot produce a schedule."""
	if not plan.active:
		if plan.visits or plan.duration_months:
			raise ScheduleError(_("Choose how often the unit is maintained (Periodicity)."))
		return
	if not serialized:
		raise ScheduleError(_("A maintenance plan is kept per unit: only serialized items can have one."))
	if plan.periodicity not in PERIODICITIES:
		raise ScheduleError(
			_("Periodicity must be one of {choices}, not {periodicity}."),
			choices=", ".join(PERIODICITIES),
			periodicity=plan.periodicity,
		)
	if plan.visits < 0 or plan.duration_months < 0:
		raise ScheduleError(_("Visits and duration cannot be negative."))
	if not plan.visits and not plan.duration_months:
		raise ScheduleError(_("A maintenance plan needs a number of visits or a duration; it has neither."))
	if plan.duration_months and not plan.visits:
		if plan.periodicity in MONTHS and MONTHS[plan.periodicity] > plan.duration_months:
			raise ScheduleError(
				_(
					"A {periodicity} visit does not fit in {months} months: lengthen the duration or visit more often."
				),
				periodicity=plan.periodicity,
				months=plan.duration_months,
			)
	if visit_count(plan) < 1:
		raise ScheduleError(_("This plan gives zero visits."))


def check_warranty(item_code: str, *, serialized: bool, days_set: int) -> None:
	"""Warranties run per unit; ``days_set`` is a warranty length just given to the item."""
	if days_set and not serialized:
		raise ScheduleError(
			_(
				"Warranties are kept per unit: only serialized items can have one ({item} is tracked by quantity)."
			),
			item=item_code,
		)


def visit_count(plan: Plan) -> int:
	if plan.visits:
		return plan.visits
	if plan.periodicity == WEEKLY:
		return (plan.duration_months * 365 // 12) // 7
	return plan.duration_months // MONTHS[plan.periodicity]


def add_months(start: date, months: int) -> date:
	"""The same day ``months`` later, or the month's last day when it is shorter."""
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def step(plan: Plan, start: date, n: int) -> date:
	if plan.periodicity == WEEKLY:
		return start + timedelta(weeks=n)
	return add_months(start, n * MONTHS[plan.periodicity])


def end_date(plan: Plan, start: date) -> date:
	"""When the plan (the unit's service contract) ends: the day its last period ends."""
	if plan.duration_months and not plan.visits:
		return add_months(start, plan.duration_months)
	return step(plan, start, visit_count(plan))


def visit_dates(plan: Plan, start: date, is_holiday: Callable[[date], bool] = lambda d: False) -> list[date]:
	"""The visits, one period apart from ``start`` (the first one period after it), off holidays."""
	visits = []
	for n in range(1, visit_count(plan) + 1):
		day = step(plan, start, n)
		earliest = visits[-1] + timedelta(days=1) if visits else start + timedelta(days=1)
		visits.append(working_day(day, is_holiday, earliest))
	return visits


def working_day(day: date, is_holiday: Callable[[date], bool], earliest: date) -> date:
	"""``day``, or the closest working day before it (not before ``earliest``), else after it."""
	candidate = day
	while is_holiday(candidate) and candidate > earliest:
		candidate -= timedelta(days=1)
	if not is_holiday(candidate) and candidate >= earliest:
		return candidate
	candidate = max(day, earliest)  # an earlier visit may have been pushed past this one's day
	for _step in range(366):
		if not is_holiday(candidate):
			return candidate
		candidate += timedelta(days=1)
	raise ScheduleError(_("No working day within a year of {day}: check the holiday list."), day=day)


def warranty_end(start: date | None, days: int) -> date | None:
	"""The last day of a warranty of ``days`` days starting on ``start``."""
	if not start or not days:
		return None
	return start + timedelta(days=days)


UNDER = "Under Warranty"
EXPIRED = "Out of Warranty"
NONE = "No Warranty"


def warranty_status(end: date | None, today: date) -> str:
	if not end:
		return NONE
	return UNDER if end >= today else EXPIRED


def overdue_days(scheduled: date, today: date) -> int:
	return max(0, (today - scheduled).days)
