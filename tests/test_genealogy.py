from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.audit.core import unit_chain
from serial_tracking.genealogy.core import assembly
from serial_tracking.genealogy.core.assembly import GenealogyError
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

T0 = datetime(2026, 11, 21, 9, 30)


# --- assembly ------------------------------------------------------------------------------------------


def test_default_assignment_deals_units_out_in_order_by_the_bom_quantity():
	pairs = assembly.default_assignment(
		["F1", "F2"], [("BOARD", ["B1", "B2"]), ("CELL", ["C1", "C2", "C3", "C4"])], {"BOARD": 1, "CELL": 2}
	)
	assert pairs == [("B1", "F1"), ("B2", "F2"), ("C1", "F1"), ("C2", "F1"), ("C3", "F2"), ("C4", "F2")]


def test_units_beyond_what_the_bom_takes_stay_unassigned():
	pairs = assembly.default_assignment(["F1"], [("CELL", ["C1", "C2", "C3"])], {"CELL": 2})
	assert pairs == [("C1", "F1"), ("C2", "F1")]


def test_without_a_bom_quantity_units_are_shared_out_evenly_in_order():
	pairs = assembly.default_assignment(["F1", "F2"], [("CELL", ["C1", "C2", "C3", "C4", "C5"])])
	assert pairs == [("C1", "F1"), ("C2", "F1"), ("C3", "F1"), ("C4", "F2"), ("C5", "F2")]
	assert assembly.default_assignment([], [("CELL", ["C1"])]) == []


@given(
	st.integers(1, 6),
	st.lists(st.integers(0, 13), min_size=1, max_size=4),
	st.lists(st.one_of(st.none(), st.integers(1, 4), st.just(0.5)), min_size=4, max_size=4),
)
def test_default_assignment_uses_each_unit_once_in_order(n, counts, quantities):
	finished = [f"F{i}" for i in range(n)]
	components = [(f"I{j}", [f"I{j}-{u}" for u in range(k)]) for j, k in enumerate(counts)]
	per_unit = {f"I{j}": q for j, q in enumerate(quantities) if q}
	pairs = assembly.default_assignment(finished, components, per_unit)
	assert len({c for c, _ in pairs}) == len(pairs)
	assert {u for _, u in pairs} <= set(finished)
	for item, units in components:
		given_out = [finished.index(u) for c, u in pairs if c.startswith(f"{item}-")]
		assert given_out == sorted(given_out), "in order"
		assert [c for c, _ in pairs if c.startswith(f"{item}-")] == units[: len(given_out)]
		if item not in per_unit or per_unit[item] != int(per_unit[item]) or per_unit[item] * n > len(units):
			assert len(given_out) == len(units), "shared out evenly: all of them"
			sizes = [given_out.count(i) for i in range(n)]
			assert max(sizes) - min(sizes) <= 1
		else:
			assert len(given_out) == per_unit[item] * n
			assert {given_out.count(i) for i in range(n)} == {per_unit[item]}


CONSUMED = {"B1": "BOARD", "B2": "BOARD", "C1": "CELL"}


def test_a_user_assignment_names_units_by_serial_or_position():
	rows = [
		{"component": "B1", "unit": "F2"},
		{"component": "B2", "unit": "#1"},
		{"component": "C1", "unit": ""},
	]
	assert assembly.assignment(rows, ["F1", "F2"], CONSUMED) == [("B1", "F2"), ("B2", "F1")]
	assert assembly.assignment(None, ["F1", "F2"], CONSUMED, {"BOARD": 1}) == [
		("B1", "F1"),
		("B2", "F2"),
		("C1", "F1"),
	]


@pytest.mark.parametrize(
	"rows, message",
	[
		([{"component": "X9", "unit": "F1"}], "is not consumed by this entry"),
		([{"component": "B1", "unit": "F1"}, {"component": "B1", "unit": "F2"}], "is assigned twice"),
		([{"component": "B1", "unit": "Z1"}], "is not made by this entry"),
		([{"component": "B1", "unit": "#3"}], "this entry makes {count} units"),
		([{"component": "B1", "unit": "F1"}], "have no place in the assignment"),
	],
)
def test_a_wrong_assignment_is_refused_with_a_clear_message(rows, message):
	with pytest.raises(GenealogyError) as raised:
		assembly.assignment(rows, ["F1", "F2"], CONSUMED)
	assert message in raised.value.message
	assert raised.value.title == "Components"


def test_a_unit_cannot_be_its_own_component():
	with pytest.raises(GenealogyError, match="component of itself"):
		assembly.assignment([{"component": "F1", "unit": "F1"}], ["F1"], {"F1": "KIT"})


# --- link events -----------------------------------------------------------------------------------


def test_link_events_name_the_other_unit_on_both_sides_and_keep_the_status():
	heads = {
		"B1": unit_chain.Head(2, "h-b1", 1, lc.CONSUMED),
		"F1": unit_chain.Head(1, "h-f1", 1, lc.IN_STOCK),
	}
	change = assembly.LinkChange(
		"B1", "BOARD", "F1", "KIT", ledger.MADE_OF, ledger.BECAME_PART_OF, T0, "Stock Entry", "SE-1", rate=40
	)
	events = assembly.link_events([change], heads, recorded_by="a@example.com", recorded_at=T0)
	part, unit = events
	assert (part.serial_no, part.event, part.party_type, part.party, part.rate_out) == (
		"B1",
		ledger.BECAME_PART_OF,
		"Serial No",
		"F1",
		40,
	)
	assert (unit.serial_no, unit.event, unit.party, unit.rate_in) == ("F1", ledger.MADE_OF, "B1", 40)
	assert (part.seq, part.previous_hash, part.status_after) == (3, "h-b1", lc.CONSUMED)
	assert heads["F1"].seq == 2 and heads["F1"].status == lc.IN_STOCK
	assert unit.previous_hash == "h-f1" and unit_chain.seal(unit.as_dict()) == unit.hash
	one_sided = assembly.LinkChange(
		"B2", "BOARD", "F1", "KIT", ledger.PART_FITTED, None, T0, "Stock Entry", "SE-2"
	)
	[only] = assembly.link_events([one_sided], heads, recorded_by="a@example.com", recorded_at=T0)
	assert (only.serial_no, only.seq, only.party) == ("F1", 3, "B2")


def test_fitting_a_part_consumes_it_and_taking_it_out_brings_it_back_in_a_new_episode():
	assert ledger.status_after(ledger.FITTED_INTO, ledger.OUT, lc.IN_STOCK) == lc.CONSUMED
	voucher = ledger.Voucher.of(
		"Stock Entry", "SE-3", {"st_unit_intent": ledger.REMOVED_FROM, "st_assembly": "F1"}
	)
	assert (voucher.party_type, voucher.party) == ("Serial No", "F1")
	move = ledger.Movement("B1", "BOARD", "row", T0, ledger.IN, None, "Repair Bench")
	[event] = unit_chain.record_movements(
		[move], {"B1": unit_chain.Head(3, "h", 1, lc.CONSUMED)}, voucher, recorded_by="a", recorded_at=T0
	)
	assert (event.event, event.status_after, event.episode, event.party) == (
		ledger.REMOVED_FROM,
		lc.IN_STOCK,
		2,
		"F1",
	)
	assert ledger.FITTED_INTO in ledger.EXITS


@pytest.mark.parametrize(
	"removed, fitted, kw, message",
	[
		(None, None, {}, "Name the part taken out"),
		("P1", "P1", {}, "needs two different parts"),
		("U1", None, {}, "needs two different parts"),
		("P9", None, {}, "is not part of unit {unit} now"),
		("P1", None, {"removed_to": None}, "Choose the warehouse"),
		(None, "P2", {"fitted_status": lc.CONSUMED}, "only a part free in stock"),
		(None, "P2", {"fitted_status": None}, "only a part free in stock"),
	],
)
def test_a_swap_takes_out_a_part_the_unit_holds_and_puts_in_a_free_one(removed, fitted, kw, message):
	args = {"holds": ["P1"], "removed_to": "Repair Bench", "fitted_status": lc.IN_STOCK, **kw}
	with pytest.raises(GenealogyError) as raised:
		assembly.check_swap("U1", removed, fitted, **args)
	assert message in raised.value.message
	assembly.check_swap("U1", "P1", "P2", holds=["P1"], removed_to="Bench", fitted_status=lc.RESERVED)


def test_link_events_are_sealed_under_the_sites_key():
	key = unit_chain.SealKey(3, b"k" * 32)
	change = assembly.LinkChange(
		"B1", "BOARD", "F1", "KIT", ledger.MADE_OF, ledger.BECAME_PART_OF, T0, "Stock Entry", "SE-1"
	)
	events = assembly.link_events([change], {}, recorded_by="a", recorded_at=T0, key=key)
	assert {e.key_epoch for e in events} == {3}
	assert all(unit_chain.seal(e.as_dict(), key) == e.hash for e in events)
