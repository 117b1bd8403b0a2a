"""Upcoming Maintenance's chart (core.visit_weeks): late visits are one Overdue bar, never weeks gone by;
the weeks ahead run evenly from this one, each counted once."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.maintenance.core import visit_weeks as vw

TODAY = date(2026, 12, 4)  # a Friday


def test_late_visits_are_one_overdue_bar_then_the_weeks_ahead():
	visits = [date(2026, 9, 1), date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 22)]
	assert vw.visits_per_week(visits, TODAY) == [
		(vw.OVERDUE, 2),
		(date(2026, 11, 30), 0),
		(date(2026, 12, 7), 1),
		(date(2026, 12, 14), 0),
		(date(2026, 12, 21), 1),
	]


def test_a_visit_today_is_this_weeks():
	assert vw.visits_per_week([TODAY], TODAY) == [(date(2026, 11, 30), 1)]


def test_no_visits_no_bars():
	assert vw.visits_per_week([], TODAY) == []


@given(st.lists(st.integers(-200, 200).map(lambda d: TODAY + timedelta(days=d)), max_size=40))
def test_every_visit_counted_once_and_no_week_before_this_one(visits):
	bars = vw.visits_per_week(visits, TODAY)
	assert sum(count for _bar, count in bars) == len(visits)
	weeks = [bar for bar, _count in bars if bar != vw.OVERDUE]
	assert all(week >= vw.monday(TODAY) and week.weekday() == 0 for week in weeks)
	assert weeks == sorted(weeks) and len(set(weeks)) == len(weeks)
