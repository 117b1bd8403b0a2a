"""The customer side's rules: RMA statuses and steps, the refusals, warranty carry-over, salvage value,
defect rate and turnaround arithmetic, and which units the till may sell."""

from datetime import date, datetime, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.customers.core import quality, rma, till, warranty
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.units.core import lifecycle as lc

# --- RMA statuses and steps -------------------------------------------------------------------------

# The whole table: (status, step) -> status. Every pair not listed is refused.
ALLOWED = {
	(rma.AUTHORIZED, rma.RECEIVE): rma.RECEIVED,
	(rma.RECEIVED, rma.DIAGNOSE): rma.DIAGNOSED,
	(rma.DIAGNOSED, rma.DIAGNOSE): rma.DIAGNOSED,
	(rma.DIAGNOSED, rma.REPAIR): rma.REPAIRED,
	(rma.DIAGNOSED, rma.RETURN): rma.RETURNED,
	(rma.REPAIRED, rma.RETURN): rma.RETURNED,
	(rma.DIAGNOSED, rma.EXCHANGE): rma.EXCHANGED,
	(rma.REPAIRED, rma.EXCHANGE): rma.EXCHANGED,
	(rma.EXCHANGED, rma.TO_SUPPLIER): rma.BACK_TO_SUPPLIER,
}


@pytest.mark.parametrize("status, step", list(product(rma.STATUSES, rma.STEP_NAMES)))
def test_every_status_and_step_pair(status, step):
	expected = ALLOWED.get((status, step))
	if expected:
		assert rma.next_status(status, step, rma="RMA-1") == expected
		return
	with pytest.raises(rma.RmaError) as refused:
		rma.next_status(status, step, rma="RMA-1")
	assert refused.value.params["rma"] == "RMA-1"
	assert set(refused.value.params["allowed"]) == set(rma.STEPS[step].allowed_from)


def test_statuses_are_open_or_closed_and_coloured():
	assert rma.OPEN | rma.CLOSED == set(rma.STATUSES)
	assert not rma.OPEN & rma.CLOSED
	assert set(rma.COLOURS) == set(rma.STATUSES)
	assert rma.AUTHORIZED not in rma.RECEIVED_ONCE


def test_an_unknown_step_is_refused():
	with pytest.raises(rma.RmaError):
		rma.next_status(rma.AUTHORIZED, "Teleport")


def walks():
	"""Sequences of steps an RMA can take from Authorized."""

	@st.composite
	def walk(draw):
		status, log = rma.AUTHORIZED, []
		for index in range(draw(st.integers(0, 6))):
			possible = [s for s in rma.STEP_NAMES if (status, s) in ALLOWED]
			if not possible:
				break
			step = draw(st.sampled_from(possible))
			log.append(rma.Done(step, status, key=f"D{index}"))
			status = ALLOWED[(status, step)]
		return status, log

	return walk()


@given(walks())
def test_undoing_steps_from_the_last_walks_back_to_authorized(walked):
	status, log = walked
	while (last := rma.last_live(log)) is not None:
		assert rma.check_undo(log, last.key) is last
		status = last.status_before
		log = [rma.Done(d.step, d.status_before, d.undone or d is last, d.key) for d in log]
	assert status == rma.AUTHORIZED


@given(walks())
def test_only_the_latest_step_in_force_can_be_undone(walked):
	_status, log = walked
	for done in log[:-1]:
		with pytest.raises(rma.RmaError) as refused:
			rma.check_undo(log, done.key, rma="RMA-1")
		assert refused.value.params["document"] == log[-1].key
	with pytest.raises(rma.RmaError):
		rma.check_undo(log, "nothing of it", rma="RMA-1")


def unit(serial="U1", item="IT", status=lc.DELIVERED, owner="C1", was=True):
	return rma.Unit(serial, item, status, owner, was)


def test_a_unit_sold_to_the_customer_can_come_back():
	rma.check_claimable(unit(), "C1")
	rma.check_claimable(unit(status=lc.IN_SERVICE), "C1")


@pytest.mark.parametrize(
	"case, words",
	[
		(unit(owner="C2", was=False), "never sold to C1"),
		(unit(status=lc.IN_STOCK, owner=None, was=False), "never sold to C1"),
		(unit(status=lc.IN_STOCK, owner=None, was=True), "no longer C1's"),
		(unit(owner="C2", was=True), "no longer C1's"),
	],
)
def test_a_unit_never_sold_to_the_customer_or_returned_is_refused(case, words):
	with pytest.raises(rma.RmaError) as refused:
		rma.check_claimable(case, "C1")
	assert words in str(refused.value)


def test_one_open_rma_per_unit_and_one_receipt():
	rma.check_not_on_another("U1", None)
	with pytest.raises(rma.RmaError, match="already on the open RMA RMA-2"):
		rma.check_not_on_another("U1", "RMA-2")
	rma.check_receivable(unit(), "RMA-1", None)
	with pytest.raises(rma.RmaError, match="already received on RMA-1"):
		rma.check_receivable(unit(status=lc.IN_SERVICE), "RMA-1", "RMA-1")


def test_a_replacement_is_a_free_unit_of_the_same_item_unless_allowed():
	defective = unit()
	rma.check_replacement(defective, unit("U2", status=lc.IN_STOCK, owner=None), False)
	other = unit("U2", item="OTHER", status=lc.IN_STOCK, owner=None)
	with pytest.raises(rma.RmaError, match="Allow Exchange for Another Item"):
		rma.check_replacement(defective, other, False)
	rma.check_replacement(defective, other, True)
	for status in set(lc.STATUSES) - {lc.IN_STOCK}:
		with pytest.raises(rma.RmaError, match="in stock"):
			rma.check_replacement(defective, unit("U2", status=status), True)
	with pytest.raises(rma.RmaError, match="cannot replace itself"):
		rma.check_replacement(defective, unit(status=lc.IN_STOCK), True)


# --- warranty carry-over and salvage ---------------------------------------------------------------

days = st.integers(min_value=-800, max_value=2000)
on = date(2026, 6, 15)


@given(days)
def test_remaining_days_keep_the_defective_units_end(left):
	end = on + timedelta(days=left)
	carried = warranty.carried_over(warranty.REMAINING, on, end)
	if left > 0:
		assert carried == end
		assert warranty.remaining_days(end, on) == left
	else:
		assert carried is None
		assert warranty.remaining_days(end, on) == 0


@given(days, st.integers(min_value=0, max_value=1000))
def test_a_minimum_never_gives_less_than_the_remaining_days(left, minimum):
	end = on + timedelta(days=left)
	carried = warranty.carried_over(warranty.AT_LEAST, on, end, minimum_days=minimum)
	remaining = warranty.carried_over(warranty.REMAINING, on, end)
	expected = max(max(left, 0), minimum)
	assert carried == (on + timedelta(days=expected) if expected else None)
	assert remaining is None or carried >= remaining


@given(st.integers(min_value=-5, max_value=3000), days)
def test_a_full_warranty_starts_on_the_exchange(item_days, left):
	carried = warranty.carried_over(warranty.FULL, on, on + timedelta(days=left), item_days=item_days)
	assert carried == (on + timedelta(days=item_days) if item_days > 0 else None)


def test_no_warranty_on_the_defective_unit_carries_nothing_but_a_minimum():
	assert warranty.carried_over(warranty.REMAINING, on, None) is None
	assert warranty.carried_over(warranty.AT_LEAST, on, None, minimum_days=90) == on + timedelta(days=90)
	with pytest.raises(RuleError):
		warranty.carried_over("Forever", on, None)


money = st.floats(min_value=-1000, max_value=1e7, allow_nan=False)
percent = st.floats(min_value=-50, max_value=250, allow_nan=False)


@given(money, percent)
def test_salvage_value_is_between_nothing_and_the_cost(cost, rate):
	value = warranty.salvage_value(warranty.SALVAGE, cost, rate)
	assert 0 <= value <= max(cost, 0) + 0.005
	assert warranty.salvage_value(warranty.ZERO, cost, rate) == 0
	if cost > 0 and 0 < rate <= 100:
		assert value == round(cost * rate / 100, 2)


def test_salvage_value_examples():
	assert warranty.salvage_value(warranty.SALVAGE, 80.0, 12.5) == 10.0
	assert warranty.salvage_value(warranty.SALVAGE, 80.0, 150) == 80.0
	with pytest.raises(RuleError):
		warranty.salvage_value("Market", 80.0, 10)


# --- defect rate and turnaround ---------------------------------------------------------------------


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_defect_rate_is_per_hundred_sold(defective, sold):
	rate = quality.defect_rate(defective, sold)
	if sold == 0:
		assert rate is None
	else:
		assert rate == round(100 * defective / sold, 2)
		assert rate >= 0


@given(st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), max_size=40))
def test_turnaround_summarises_the_waits(waits):
	summary = quality.turnaround(waits)
	assert summary.count == len(waits)
	if waits:
		assert min(waits) - 0.01 <= summary.median <= max(waits) + 0.01
		assert min(waits) - 0.01 <= summary.average <= max(waits) + 0.01
		assert summary.longest == round(max(waits), 2)
	else:
		assert summary.average is summary.median is summary.longest is None


@given(st.datetimes(), st.integers(0, 10**6))
def test_days_between_and_age(start, seconds):
	end = start + timedelta(seconds=seconds)
	assert quality.days_between(start, end) == round(seconds / 86400, 2)
	assert quality.days_between(end, start) == 0
	assert quality.age(start, end.date()) == (end.date() - start.date()).days


def test_groups_count_defectives_per_key_and_keep_those_with_enough():
	sold = {"PR-1": 10, "PR-2": 4, "PR-3": 6}
	returns = [("PR-1", 2.0), ("PR-1", None), ("PR-1", 4.0), ("PR-2", 1.0), ("PR-4", 3.0)]
	found = quality.groups(sold, returns)
	assert [g.key for g in found] == ["PR-1", "PR-2", "PR-4", "PR-3"]
	first = found[0]
	assert (first.sold, first.defective, first.rate) == (10, 3, 30.0)
	assert first.turnaround == quality.Turnaround(2, 3.0, 3.0, 4.0)
	assert found[2].rate is None  # a receipt none of whose units were sold by these counts
	assert [g.key for g in quality.groups(sold, returns, least=3)] == ["PR-1"]


def test_days_between_dates_and_datetimes():
	assert quality.days_between(date(2026, 1, 1), datetime(2026, 1, 3, 12)) == 2.5


# --- the till -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(till.REASONS))
def test_units_not_free_are_refused_at_the_till_with_the_reason(status):
	error = till.refusal("U1", status, holder="Alex")
	assert error is not None and "U1" in str(error)
	assert status in lc.UNAVAILABLE


def test_every_unavailable_status_has_its_reason():
	assert set(till.REASONS) == set(lc.UNAVAILABLE)


def test_a_reserved_unit_is_sold_only_to_whom_it_is_reserved_for():
	assert till.refusal("U1", lc.RESERVED, holder="C1", customer="C1") is None
	assert "reserved for C1" in str(till.refusal("U1", lc.RESERVED, holder="C1", customer="C2"))
	assert "reserved for C1" in str(till.refusal("U1", lc.RESERVED, holder="C1"))
	assert "unreserve" in str(till.refusal("U1", lc.RESERVED, customer="C2"))


def test_units_in_stock_are_free_and_units_gone_are_not():
	assert till.refusal("U1", lc.IN_STOCK) is None
	assert till.refusal("U1", None) is None  # ERPNext's own checks speak for units the app never saw
	for status in (lc.DELIVERED, lc.RETURNED, lc.CONSUMED):
		assert "not in stock" in str(till.refusal("U1", status))
