from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.maintenance.core import visit_dates as sc
from serial_tracking.platform.core.errors import ScheduleError


class TestPlans:
	@pytest.mark.parametrize(
		"plan, message",
		[
			(sc.Plan("Monthly"), "neither"),
			(sc.Plan("Monthly", visits=0, duration_months=0), "neither"),
			(sc.Plan("Yearly", duration_months=6), "does not fit in 6 months"),
			(sc.Plan("Fortnightly", visits=3), "Periodicity must be one of"),
			(sc.Plan(None, visits=3), "how often"),
			(sc.Plan("Monthly", visits=-1), "negative"),
			(sc.Plan("Weekly", duration_months=0, visits=0), "neither"),
		],
	)
	def test_bad_plans(self, plan, message):
		with pytest.raises(ScheduleError, match=message):
			sc.check_plan(plan)

	def test_quantity_items_cannot_have_a_plan(self):
		with pytest.raises(ScheduleError, match="only serialized items"):
			sc.check_plan(sc.Plan("Monthly", visits=12), serialized=False)

	def test_no_plan_is_fine(self):
		sc.check_plan(sc.Plan(None))
		sc.check_plan(sc.Plan(None), serialized=False)

	def test_visit_count_from_duration(self):
		assert sc.visit_count(sc.Plan("Quarterly", duration_months=12)) == 4
		assert sc.visit_count(sc.Plan("Monthly", duration_months=12)) == 12
		assert sc.visit_count(sc.Plan("Weekly", duration_months=3)) == 13
		assert sc.visit_count(sc.Plan("Yearly", visits=2)) == 2


class TestDates:
	def test_monthly_visits_keep_the_day_of_month(self):
		visits = sc.visit_dates(sc.Plan("Monthly", visits=3), date(2026, 1, 31))
		assert visits == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]

	def test_quarterly_end_date(self):
		plan = sc.Plan("Quarterly", duration_months=12)
		assert sc.end_date(plan, date(2026, 11, 21)) == date(2027, 11, 21)
		assert sc.visit_dates(plan, date(2026, 11, 21))[-1] == date(2027, 11, 21)

	def test_holiday_moves_the_visit_to_the_working_day_before(self):
		holidays = {date(2026, 12, 21)}
		visits = sc.visit_dates(sc.Plan("Monthly", visits=2), date(2026, 11, 21), holidays.__contains__)
		assert visits == [date(2026, 12, 20), date(2027, 1, 21)]

	def test_weekend_holidays(self):
		def weekend(d):
			return d.weekday() >= 5

		visits = sc.visit_dates(sc.Plan("Weekly", visits=4), date(2026, 11, 21), weekend)  # a Saturday
		assert all(not weekend(v) for v in visits)
		assert visits[0] == date(2026, 11, 27)  # Sat 28th -> Fri 27th

	def test_holiday_right_after_start_moves_forward(self):
		start = date(2026, 1, 1)
		holidays = {date(2026, 1, 2), date(2026, 1, 8)}
		visits = sc.visit_dates(
			sc.Plan("Weekly", visits=1), start, lambda d: d in holidays or d == start + timedelta(days=7)
		)
		assert visits == [date(2026, 1, 7)]

	def test_warranty(self):
		assert sc.warranty_end(date(2026, 1, 1), 365) == date(2027, 1, 1)
		assert sc.warranty_end(None, 365) is None
		assert sc.warranty_status(date(2026, 12, 1), date(2026, 11, 21)) == sc.UNDER
		assert sc.warranty_status(date(2026, 11, 1), date(2026, 11, 21)) == sc.EXPIRED
		assert sc.warranty_status(None, date(2026, 11, 21)) == sc.NONE

	def test_overdue_days(self):
		assert sc.overdue_days(date(2026, 11, 1), date(2026, 11, 21)) == 20
		assert sc.overdue_days(date(2026, 12, 1), date(2026, 11, 21)) == 0


@example("Weekly", 3, date(2026, 1, 5), {date(2026, 1, 5) + timedelta(days=n) for n in range(1, 16)})
@given(
	st.sampled_from(sc.PERIODICITIES),
	st.integers(1, 24),
	st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
	st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), max_size=60),
)
def test_visits_are_ordered_after_start_and_off_holidays(periodicity, visits, start, holidays):
	plan = sc.Plan(periodicity, visits=visits)
	dates = sc.visit_dates(plan, start, holidays.__contains__)
	assert len(dates) == visits
	assert all(d > start for d in dates)
	assert dates == sorted(dates) and len(set(dates)) == len(dates)
	assert not any(d in holidays for d in dates)
