"""Unit Utilization's rules (core.utilization): sold days are not the unit's to use, so a sold unit is
neither utilized nor always out; on-loan days over the days it was ours."""

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.profitability.core import utilization as u
from serial_tracking.units.core import lifecycle


def test_a_unit_sold_before_the_period_is_sold_not_always_out():
	days = u.buckets({lifecycle.DELIVERED: 90.0})
	assert u.percent(days) is None
	assert u.pattern(days) == u.SOLD


def test_a_unit_sold_midway_counts_only_the_days_it_was_ours():
	days = u.buckets({lifecycle.IN_STOCK: 30.0, lifecycle.ON_LOAN: 30.0, lifecycle.DELIVERED: 30.0})
	assert u.percent(days) == 50.0
	assert u.pattern(days) == ""


def test_never_moves_and_always_out():
	assert u.pattern(u.buckets({lifecycle.IN_STOCK: 60.0, lifecycle.RESERVED: 30.0})) == u.NEVER_MOVES
	rented = u.buckets({lifecycle.ON_LOAN: 85.0, lifecycle.IN_STOCK: 5.0})
	assert (u.pattern(rented), u.percent(rented)) == (u.ALWAYS_OUT, round(85 * 100 / 90, 2))


def test_lost_and_retired_days_are_not_ours_either():
	days = u.buckets({lifecycle.LOST: 10.0, lifecycle.RETIRED: 10.0, lifecycle.IN_STOCK: 10.0})
	assert days["other"] == 20.0
	assert u.percent(days) == 0.0


statuses = st.sampled_from(lifecycle.STATUSES)


@given(st.dictionaries(statuses, st.floats(0, 400, allow_nan=False)))
def test_utilization_is_a_share_of_the_days_the_unit_was_ours(spent):
	days = u.buckets(spent)
	share = u.percent(days)
	assert share is None or 0 <= share <= 100
	assert abs(sum(days.values()) - sum(spent.values())) < 1e-6
	if u.pattern(days) == u.ALWAYS_OUT:
		assert share >= 90 - 1e-6
