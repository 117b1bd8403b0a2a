from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.platform.core.errors import TrackingModeError
from serial_tracking.series.core import mode_change as mc


def facts(**kw):
	return mc.ItemFacts(**{"item_code": "X", "mode": "Quantity", **kw})


@pytest.mark.parametrize(
	"kw, to_mode, message",
	[
		({}, "Quantity", "already tracked as Quantity"),
		({}, "Batch", "Quantity or Serialized"),
		({"is_stock_item": False}, "Serialized", "does not maintain stock"),
		({"variant_of": "T"}, "Serialized", "Tracking Mode Change for T"),
		({"has_batch_no": True}, "Serialized", "batch"),
		({"draft": ("Purchase Receipt", "PR-1")}, "Serialized", "is a draft"),
		({"reservation": "SRE-1"}, "Serialized", "reserved"),
		({"negative": ("Stores", -2.0)}, "Serialized", "negative stock"),
		({"mode": "Serialized", "busy_units": ("U1", "U2")}, "Quantity", "on loan, in repair"),
	],
)
def test_refusals(kw, to_mode, message):
	with pytest.raises(TrackingModeError) as refused:
		mc.check_change(facts(**kw), to_mode)
	assert message in str(refused.value)


def test_a_clean_item_may_switch_both_ways():
	mc.check_change(facts(), "Serialized")
	mc.check_change(facts(mode="Serialized"), "Quantity")


@pytest.mark.parametrize(
	"qty, serials, existing, message",
	[
		(2.5, [], set(), "not a whole number"),
		(3, ["A", "B"], set(), "2 serials given"),
		(2, ["A", "a"], set(), "given twice"),
		(2, ["A", "B"], {"B"}, "already exists"),
	],
)
def test_serial_refusals(qty, serials, existing, message):
	with pytest.raises(TrackingModeError, match=message):
		mc.check_serials("Stores", qty, serials, existing)


def test_serials_may_be_left_blank():
	mc.check_serials("Stores", 3, [], set())


def test_value_rows_examples():
	D = Decimal
	assert mc.value_rows(100, 3) == [(2, D("33.33")), (1, D("33.34"))]
	assert mc.value_rows(90, 3) == [(3, D("30.00"))]
	assert mc.value_rows(0.01, 4) == [(3, D("0.00")), (1, D("0.01"))]
	assert mc.value_rows(50, 0) == []
	assert mc.value_rows(9.99, 1000) == [(1, D("0.00")), (999, D("0.01"))]  # not 999 at 0 and one at 9.99
	# found by hypothesis: in floats the two rates were 0.010000001 apart
	assert mc.value_rows(35011277.45, 2) == [(1, D("17505638.72")), (1, D("17505638.73"))]


def test_taken_serials_compare_case_blind():
	with pytest.raises(TrackingModeError):
		mc.check_serials("Stores", 1, ["sn-1"], {"SN-1"})


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.integers(1, 100_000))
@example(Decimal("35011277.45"), 2)
def test_value_is_kept_to_the_cent(value, qty):
	rows = mc.value_rows(float(value), qty)
	assert sum(q for q, _ in rows) == qty
	assert sum(Decimal(str(rate)) * q for q, rate in rows) == value
	assert all(rate >= 0 for _, rate in rows)
	assert max(r for _, r in rows) - min(r for _, r in rows) <= Decimal("0.01")
