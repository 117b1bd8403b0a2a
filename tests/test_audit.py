import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

T0 = datetime(2026, 11, 21, 9, 30)
NOW = datetime(2026, 11, 21, 9, 31, 2, 123456)


def line(serial, direction, warehouse="Stores", detail="row1", rate=10.0):
	return ledger.LedgerLine(serial, "LAPTOP", detail, warehouse, direction, T0, rate)


def record(moved, heads, voucher_type="Purchase Receipt", kind=ledger.RECEIVED, party=("Supplier", "Acme")):
	voucher = ledger.Voucher(voucher_type, "V-1", intent=kind, party_type=party[0], party=party[1])
	return unit_chain.record_movements(
		moved, heads, voucher, recorded_by="auditor@example.com", recorded_at=NOW
	)


class TestClassify:
	@pytest.mark.parametrize(
		"voucher_type, direction, kw, kind",
		[
			("Purchase Receipt", ledger.IN, {}, ledger.RECEIVED),
			("Purchase Invoice", ledger.OUT, {"is_return": True}, ledger.RETURNED_TO_SUPPLIER),
			("Delivery Note", ledger.OUT, {}, ledger.DELIVERED),
			("Sales Invoice", ledger.IN, {"is_return": True}, ledger.RETURNED_FROM_CUSTOMER),
			("Stock Entry", ledger.MOVE, {"purpose": "Material Transfer"}, ledger.TRANSFERRED),
			("Stock Entry", ledger.IN, {"purpose": "Material Receipt"}, ledger.RECEIVED),
			("Stock Entry", ledger.OUT, {"purpose": "Material Issue"}, ledger.ADJUSTED),
			("Stock Entry", ledger.OUT, {"purpose": "Manufacture"}, ledger.CONSUMED),
			("Stock Entry", ledger.IN, {"purpose": "Manufacture"}, ledger.MANUFACTURED),
			("Stock Entry", ledger.OUT, {"purpose": "Material Consumption for Manufacture"}, ledger.CONSUMED),
			("Stock Reconciliation", ledger.IN, {}, ledger.RECONCILED),
			("Subcontracting Receipt", ledger.IN, {}, ledger.RECEIVED),
			("Subcontracting Receipt", ledger.OUT, {}, ledger.CONSUMED),
			("Subcontracting Receipt", ledger.OUT, {"is_return": True}, ledger.RETURNED_TO_SUPPLIER),
			("Stock Entry", ledger.OUT, {"purpose": "Material Issue", "intent": ledger.LOST}, ledger.LOST),
		],
	)
	def test_kinds(self, voucher_type, direction, kw, kind):
		assert ledger.classify(voucher_type, direction, **kw) == kind

	def test_status_after(self):
		assert ledger.status_after(ledger.RECEIVED, ledger.IN, None) == lc.IN_STOCK
		assert ledger.status_after(ledger.TRANSFERRED, ledger.MOVE, lc.IN_REPAIR) == lc.IN_REPAIR
		assert ledger.status_after(ledger.DELIVERED, ledger.OUT, lc.IN_STOCK) == lc.DELIVERED
		assert ledger.status_after(ledger.RECONCILED, ledger.OUT, lc.IN_STOCK) == lc.LOST
		assert ledger.status_after(ledger.ADJUSTED, ledger.OUT, lc.IN_STOCK) == lc.RETIRED
		assert ledger.status_after(ledger.RECONCILED, ledger.IN, lc.ON_LOAN) == lc.ON_LOAN
		assert ledger.status_after(ledger.RECONCILED, ledger.MOVE, lc.IN_STOCK) == lc.IN_STOCK

	def test_a_count_that_confirms_a_unit_is_a_reconciliation_not_a_transfer(self):
		assert ledger.classify("Stock Reconciliation", ledger.MOVE) == ledger.RECONCILED


class TestMovements:
	def test_transfer_lines_join_into_one_move(self):
		moved = ledger.movements(
			[line("A", ledger.OUT, "Stores", rate=12), line("A", ledger.IN, "Shop", rate=12)]
		)
		assert moved == [ledger.Movement("A", "LAPTOP", "row1", T0, ledger.MOVE, "Stores", "Shop", 12, 12)]

	def test_plain_lines_stay_single(self):
		moved = ledger.movements([line("A", ledger.IN), line("B", ledger.OUT)])
		assert [(m.serial_no, m.direction, m.from_warehouse, m.to_warehouse) for m in moved] == [
			("A", ledger.IN, None, "Stores"),
			("B", ledger.OUT, "Stores", None),
		]


class TestChain:
	def test_receipt_starts_episode_one(self):
		heads = {}
		[event] = record(ledger.movements([line("A", ledger.IN)]), heads)
		assert (event.seq, event.episode, event.status_before, event.status_after) == (
			1,
			1,
			None,
			lc.IN_STOCK,
		)
		assert event.previous_hash == "" and len(event.hash) == 64
		assert heads["A"] == unit_chain.Head(1, event.hash, 1, lc.IN_STOCK)

	def test_coming_back_after_a_sale_starts_a_new_episode(self):
		heads = {}
		events = record(ledger.movements([line("A", ledger.IN)]), heads)
		events += record(ledger.movements([line("A", ledger.OUT)]), heads, "Delivery Note", ledger.DELIVERED)
		events += record(
			ledger.movements([line("A", ledger.IN)]), heads, "Delivery Note", ledger.RETURNED_FROM_CUSTOMER
		)
		assert [(e.seq, e.episode, e.status_after) for e in events] == [
			(1, 1, lc.IN_STOCK),
			(2, 1, lc.DELIVERED),
			(3, 2, lc.IN_STOCK),
		]
		assert events[2].previous_hash == events[1].hash
		assert verification.verify([e.as_dict() for e in events]) == []

	def test_lost_and_found_is_one_episode(self):
		heads = {}
		events = record(ledger.movements([line("A", ledger.IN)]), heads)
		events += record(ledger.movements([line("A", ledger.OUT)]), heads, "Stock Entry", ledger.LOST)
		events += record(ledger.movements([line("A", ledger.IN)]), heads, "Stock Entry", ledger.FOUND)
		assert [e.episode for e in events] == [1, 1, 1]

	def test_cancellation_reverses_and_appends(self):
		heads = {}
		received = record(ledger.movements([line("A", ledger.IN)]), heads)
		delivered = record(
			ledger.movements([line("A", ledger.OUT)]), heads, "Delivery Note", ledger.DELIVERED
		)
		original = {**delivered[0].as_dict(), "name": "EV-2"}
		[cancel] = unit_chain.reversals([original], heads, recorded_by="u", recorded_at=NOW, posting=NOW)
		assert cancel.event == ledger.CANCELLED
		assert (cancel.from_warehouse, cancel.to_warehouse) == (None, "Stores")
		assert (cancel.status_before, cancel.status_after) == (lc.DELIVERED, lc.IN_STOCK)
		assert (cancel.seq, cancel.reverses, cancel.remarks) == (3, "EV-2", ledger.DELIVERED)
		chain = [e.as_dict() for e in (*received, *delivered, cancel)]
		assert verification.verify(chain) == []

	def test_verifier_catches_an_altered_event(self):
		heads = {}
		events = [e.as_dict() for e in record(ledger.movements([line("A", ledger.IN)]), heads)]
		events += [
			e.as_dict()
			for e in record(
				ledger.movements([line("A", ledger.OUT)]), heads, "Delivery Note", ledger.DELIVERED
			)
		]
		events[0]["to_warehouse"] = "Somewhere Else"
		problems = verification.verify(events)
		assert [(p.seq, p.kind) for p in problems] == [(1, verification.ALTERED)]

	def test_verifier_catches_a_removed_event(self):
		heads = {}
		events = []
		for kind in (ledger.RECEIVED, ledger.CHECKED_OUT, ledger.CHECKED_IN):
			events += [
				e.as_dict() for e in record(ledger.movements([line("A", ledger.IN)]), heads, kind=kind)
			]
		del events[1]
		problems = verification.verify(events)
		assert {p.seq for p in problems} == {3}
		assert any(p.kind == verification.GAP and p.expected == 2 for p in problems)

	def test_canonical_form_is_stable_across_storage_types(self):
		heads = {}
		[event] = record(ledger.movements([line("A", ledger.IN, rate=0.1 + 0.2)]), heads)
		stored = {**event.as_dict(), "rate_in": 0.300000000, "seq": int(event.seq)}
		assert unit_chain.seal(stored) == event.hash


@given(
	st.lists(
		st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from([ledger.IN, ledger.OUT])),
		min_size=1,
		max_size=30,
	),
	st.data(),
)
def test_any_history_verifies_and_any_single_change_is_caught(steps, data):
	heads: dict = {}
	events = []
	for serial, direction in steps:
		kind = ledger.RECEIVED if direction == ledger.IN else ledger.DELIVERED
		events += record(ledger.movements([line(serial, direction)]), heads, kind=kind)
	by_unit: dict[str, list] = {}
	for event in events:
		by_unit.setdefault(event.serial_no, []).append(event.as_dict())
	for chain in by_unit.values():
		assert [e["seq"] for e in chain] == list(range(1, len(chain) + 1))
		assert verification.verify(chain) == []
	serial = data.draw(st.sampled_from(sorted(by_unit)))
	chain = by_unit[serial]
	index = data.draw(st.integers(0, len(chain) - 1))
	field = data.draw(st.sampled_from(["to_warehouse", "status_after", "party", "rate_in", "posting"]))
	tampered = dict(chain[index])
	tampered[field] = "tampered" if field != "rate_in" else 999.0
	chain = [*chain[:index], tampered, *chain[index + 1 :]]
	assert verification.verify(chain), "the change must break the chain"


def test_replace_keeps_name_out_of_the_hash():
	heads = {}
	[event] = record(ledger.movements([line("A", ledger.IN)]), heads)
	assert unit_chain.seal(replace(event, name="anything").as_dict()) == event.hash


def test_every_event_is_an_option_of_the_event_field():
	"""Events are bulk-inserted, past Frappe's Select validation: the doctype must list each one."""
	doctype = Path(__file__).parents[1] / "serial_tracking/serial_tracking/doctype/serial_audit_event"
	field = next(
		f
		for f in json.loads((doctype / "serial_audit_event.json").read_text())["fields"]
		if f["fieldname"] == "event"
	)
	assert field["options"].split("\n") == list(ledger.EVENTS)
