from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.profitability.core import profit

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


def unit(serial, held=False, **amounts):
	return profit.with_margin({"serial_no": serial, **dict.fromkeys(profit.AMOUNTS, 0.0), **amounts}, held)


def test_margin_of_a_unit_bought_serviced_rented_and_sold():
	row = unit("U1", acquisition_cost=1000, revenue=1500, other_income=3 * 120, service_cost=2 * 60)
	assert profit.income(row) == 1860
	assert row["margin"] == 740
	assert row["margin_percent"] == pytest.approx(39.78, abs=0.01)


def test_written_off_unit_has_no_income_and_no_margin_percent():
	row = unit("U2", acquisition_cost=500)
	assert row["margin"] == -500
	assert row["margin_percent"] is None


def test_a_unit_still_held_is_capital_in_stock_not_a_loss():
	unsold = unit("L1", held=True, acquisition_cost=860)
	assert (unsold["margin"], unsold["capital"], unsold["margin_percent"]) == (0, 860, None)
	rented = unit("R1", held=True, acquisition_cost=1350, parts_cost=50, other_income=300, service_cost=40)
	assert (rented["margin"], rented["capital"]) == (260, 1400)
	sold = unit("S1", acquisition_cost=860, revenue=1299)
	assert (sold["margin"], sold["capital"]) == (439, 0)
	everything = profit.total([unsold, rented, sold])
	assert (everything.margin, everything.amounts["capital"]) == (699, 2260)


def test_best_and_worst_are_units_with_a_result():
	rows = [unit(f"S{i}", acquisition_cost=100, revenue=100 + 10 * i) for i in range(8)]
	rows += [unit("H", held=True, acquisition_cost=900), unit("W", acquisition_cost=400)]
	shown = [row["serial_no"] for row in profit.best_and_worst(rows, 3)]
	assert shown == ["S7", "S6", "S5", "S1", "S0", "W"]
	assert [row["serial_no"] for row in profit.best_and_worst(rows[:2], 3)] == ["S1", "S0"]


@given(st.lists(st.tuples(*[money] * len(profit.AMOUNTS), st.booleans()), max_size=30))
def test_realised_margin_and_capital_add_up_to_income_less_cost(amounts):
	rows = [
		unit(f"U{i}", held, **dict(zip(profit.AMOUNTS, a, strict=True)))
		for i, (*a, held) in enumerate(amounts)
	]
	everything = profit.total(rows)
	assert everything.margin - everything.amounts["capital"] == pytest.approx(
		profit.income(everything.amounts) - profit.cost(everything.amounts), rel=1e-9, abs=1e-6
	)


def test_groups_sum_their_units_and_sort_by_margin():
	rows = [
		unit("A1", acquisition_cost=100, revenue=150, item="A"),
		unit("A2", acquisition_cost=100, revenue=90, item="A"),
		unit("B1", acquisition_cost=10, revenue=200, item="B"),
	]
	groups = profit.group(rows, "item")
	assert [(g.key, g.units, g.margin) for g in groups] == [("B", 1, 190), ("A", 2, 40)]
	assert groups[1].amounts["revenue"] == 240
	assert profit.total(rows).margin == 230
	assert profit.total([]).units == 0


@given(st.lists(st.tuples(*[money] * len(profit.AMOUNTS)), max_size=30))
def test_group_totals_add_up_to_the_grand_total(amounts):
	rows = [
		unit(f"U{i}", **dict(zip(profit.AMOUNTS, a, strict=True)), g=i % 3) for i, a in enumerate(amounts)
	]
	groups = profit.group(rows, "g")
	assert sum(g.units for g in groups) == len(rows)
	assert sum(g.margin for g in groups) == pytest.approx(profit.total(rows).margin, rel=1e-9, abs=1e-6)
	assert sum(r["margin"] for r in rows) == pytest.approx(profit.total(rows).margin, rel=1e-9, abs=1e-6)


def test_days_held():
	assert profit.days_held(date(2026, 1, 1), date(2026, 3, 1), False, date(2026, 11, 21)) == 59
	assert profit.days_held(date(2026, 1, 1), date(2026, 3, 1), True, date(2026, 11, 21)) == 324
	assert profit.days_held(None, None, True, date(2026, 11, 21)) == 0


def test_average_cost():
	assert profit.average(300, 4) == 75
	assert profit.average(300, 0) == 0


def test_status_days_are_clipped_to_the_period():
	changes = [
		(datetime(2026, 1, 1), "In Stock"),
		(datetime(2026, 1, 11), "On Loan"),
		(datetime(2026, 1, 21), "In Stock"),
	]
	spent = profit.status_days(changes, datetime(2026, 1, 6), datetime(2026, 1, 31))
	assert spent == {"In Stock": 15.0, "On Loan": 10.0}


@given(
	st.lists(
		st.tuples(st.integers(0, 100), st.sampled_from(["In Stock", "On Loan", "In Repair", None])),
		max_size=20,
	),
	st.integers(0, 50),
	st.integers(51, 120),
)
def test_status_days_never_exceed_the_period(steps, start, end):
	changes = sorted(((datetime(2026, 1, 1 + d % 28, d % 24), s) for d, s in steps), key=lambda c: c[0])
	spent = profit.status_days(changes, datetime(2026, 1, 1, start % 24), datetime(2026, 2, 1 + end % 27))
	assert (
		sum(spent.values()) <= (datetime(2026, 2, 1 + end % 27) - datetime(2026, 1, 1, start % 24)).days + 1
	)
	assert all(v > 0 for v in spent.values())
