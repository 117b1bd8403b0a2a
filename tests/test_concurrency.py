"""A unit moves once: what a voucher may still do with units another transaction changed meanwhile."""

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.concurrency.core import rules as c
from serial_tracking.units.core import lifecycle
from serial_tracking.units.core.moves import COUNT, IN, OUT, Move

W, X = "Stores", "Shop"
places = st.sampled_from([None, W, X])
statuses = st.sampled_from([lifecycle.IN_STOCK, lifecycle.ON_LOAN, lifecycle.DELIVERED, None])
units = st.builds(c.Unit, places, statuses)


def test_a_transfer_is_held_to_its_source_a_receipt_to_nowhere_a_count_to_its_place():
	wanted = c.intents(
		[
			Move("A", OUT, W, lifecycle.ISSUE),
			Move("B", OUT, W),
			Move("B", IN, X),  # B's transfer target: its source decides
			Move("C", IN, W),
			Move("D", COUNT, W),
		]
	)
	assert wanted == {
		"A": c.Intent(frozenset({W}), lifecycle.ISSUE),
		"B": c.Intent(frozenset({W})),
		"C": c.Intent(frozenset({None})),
		"D": c.Intent(frozenset({None, W})),
	}
	assert c.after([Move("B", OUT, W), Move("B", IN, X), Move("E", OUT, W)]) == {
		"B": c.Intent(frozenset({X})),
		"E": c.Intent(frozenset({None})),
	}


def test_what_another_transaction_did_meanwhile_is_refused_with_what_it_did():
	wanted = c.intents(
		[Move("A", OUT, W, lifecycle.SELL), Move("C", IN, W), Move("L", OUT, W, lifecycle.SELL)]
	)
	before = {"A": c.Unit(W, lifecycle.IN_STOCK), "L": c.Unit(W, lifecycle.IN_STOCK)}
	now = {
		"A": c.Unit(None, lifecycle.DELIVERED),
		"C": c.Unit(X, lifecycle.IN_STOCK),
		"L": c.Unit(W, lifecycle.ON_LOAN),
	}
	found = c.conflicts(wanted, before, now)
	assert [(f.serial, f.message) for f in found] == [("A", c.MOVED), ("C", c.ARRIVED), ("L", c.UNAVAILABLE)]
	error = c.refusal(found[0], "Delivery Note DN-1")
	assert "DN-1" in str(error) and "A" in str(error) and W in str(error)
	assert "On Loan" in str(c.refusal(found[2], "Check Out by someone"))


def test_a_unit_a_till_took_meanwhile_is_not_sold_again():
	wanted = c.intents([Move("A", OUT, W, lifecycle.SELL)])
	same = {"A": c.Unit(W, lifecycle.IN_STOCK)}
	assert [f.message for f in c.conflicts(wanted, same, same, {}, {"A": "POS-1"})] == [c.HELD]
	assert c.conflicts(wanted, same, same, {"A": "POS-1"}, {"A": "POS-1"}) == [], "ERPNext's own check"


@given(
	st.dictionaries(st.sampled_from("ABCDE"), st.tuples(st.sampled_from([OUT, IN, COUNT]), places)),
	st.dictionaries(st.sampled_from("ABCDE"), units),
)
def test_units_nobody_changed_meanwhile_are_left_to_erpnexts_own_checks(moves, seen):
	wanted = c.intents([Move(serial, d, w, lifecycle.SELL) for serial, (d, w) in moves.items()])
	assert c.conflicts(wanted, seen, seen) == []


@given(
	st.dictionaries(st.sampled_from("ABCDE"), places),
	st.dictionaries(st.sampled_from("ABCDE"), units),
	st.dictionaries(st.sampled_from("ABCDE"), units),
)
def test_a_unit_still_where_the_voucher_takes_it_from_and_available_is_never_refused(sources, before, now):
	wanted = c.intents([Move(serial, OUT, w) for serial, w in sources.items()])
	for conflict in c.conflicts(wanted, before, now):
		assert now[conflict.serial].warehouse not in wanted[conflict.serial].places


def test_busy_names_the_units_it_waited_for():
	assert "A1, A2" in str(c.busy(["A2", "A1"]))
	assert "(+2)" in str(c.busy([f"U{i}" for i in range(7)]))
