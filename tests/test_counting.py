from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.counting.core import approval as a
from serial_tracking.counting.core import count_rules as c
from serial_tracking.counting.core import due as d
from serial_tracking.platform.core.errors import CountError
from serial_tracking.units.core import lifecycle as lc

T0 = datetime(2026, 3, 1, 9, 0)
W = c.Scope(warehouse="Stores", company="ACME")
TOOLS = c.Scope(warehouse="Stores", item_groups=frozenset({"Tools"}), company="ACME")
JANE = c.Scope(custodian="EMP-1", company="ACME")


def unit(serial="U1", warehouse="Stores", status=lc.IN_STOCK, group="Tools", **kw):
	return c.Unit(
		serial, kw.pop("item", "LAPTOP"), group, warehouse=warehouse, status=status, company="ACME", **kw
	)


class TestJudge:
	@pytest.mark.parametrize(
		"scope, facts, expected, verdict",
		[
			(W, unit(), True, c.EXPECTED),
			(W, unit(), False, c.EXPECTED),  # arrived after the snapshot: here by the books
			(W, unit(warehouse="Shop"), False, c.MISPLACED),
			(W, unit(status=lc.RESERVED), False, c.EXPECTED),
			(W, unit(status=lc.IN_REPAIR), False, c.EXPECTED),
			(W, unit(status=lc.ON_LOAN, custodian="EMP-1"), False, c.OUTSIDE),
			(W, unit(status=lc.DELIVERED, warehouse=None), False, c.NOT_ON_HAND),
			(W, unit(status=lc.LOST, warehouse=None), False, c.NOT_ON_HAND),
			(TOOLS, unit(group="Phones"), False, c.OUTSIDE),
			(TOOLS, unit(group="Tools"), False, c.EXPECTED),
			(JANE, unit(status=lc.ON_LOAN, custodian="EMP-1"), False, c.EXPECTED),
			(JANE, unit(status=lc.ON_LOAN, custodian="EMP-2"), False, c.MISPLACED),
			(JANE, unit(), False, c.MISPLACED),
			(JANE, unit(status=lc.RETIRED, warehouse=None), False, c.NOT_ON_HAND),
		],
	)
	def test_what_a_scan_means(self, scope, facts, expected, verdict):
		assert c.judge(scope, facts, expected=expected, already=False) == verdict

	def test_already_scanned_and_unknown(self):
		assert c.judge(W, unit(), expected=True, already=True) == c.ALREADY_SCANNED
		assert c.judge(W, None, expected=False, already=False) == c.UNKNOWN
		assert c.judge(W, None, expected=False, already=True) == c.ALREADY_SCANNED

	def test_a_quantity_items_serial_is_refused_with_the_reason(self):
		with pytest.raises(CountError, match="tracked by quantity") as refused:
			c.judge(W, unit(serialized=False), expected=True, already=False)
		assert refused.value.params == {"serial": "U1", "item": "LAPTOP"}

	def test_item_barcodes_say_what_they_are(self):
		assert "tracked by quantity" in c.item_barcode("4006381333931", "SOUP", False).message
		assert "scan the unit's serial" in c.item_barcode("4006381333931", "LAPTOP", True).message

	def test_messages_name_the_unit_and_where_the_books_have_it(self):
		template, params = c.message(c.MISPLACED, "U1", unit(warehouse="Shop"))
		assert "misplaced" in template and params["where"] == "Shop"
		_template, params = c.message(c.MISPLACED, "U1", unit(status=lc.ON_LOAN, custodian="EMP-2"))
		assert params["where"] == "EMP-2"
		template, params = c.message(c.UNKNOWN, "ZZZ", None)
		assert params == {"serial": "ZZZ"} and "not a known serial" in template

	@pytest.mark.parametrize(
		"scanned, code",
		[
			("  A4417 \n", "A4417"),
			("https://erp.example.com/app/serial-no/A%2F4417", "A/4417"),
			("http://x/app/serial-no/A4417/", "A4417"),
			("http://x/app/serial-no/A4417?x=1", "A4417"),
		],
	)
	def test_codes(self, scanned, code):
		assert c.code_of(scanned) == code

	@pytest.mark.parametrize("scanned", ["", "   ", None])
	def test_empty_scans_are_refused(self, scanned):
		with pytest.raises(CountError, match="empty"):
			c.code_of(scanned)


class TestStatusAndScope:
	@pytest.mark.parametrize(
		"status, doing, allowed",
		[
			(c.OPEN, "scan", True),
			(c.CLOSED, "scan", False),
			(c.APPROVED, "scan", False),
			(c.OPEN, "close", True),
			(c.CLOSED, "close", False),
			(c.CLOSED, "reopen", True),
			(c.APPROVED, "reopen", False),
			(c.CLOSED, "approve", True),
			(c.OPEN, "approve", False),
			(c.QUEUED, "approve", False),
			(c.QUEUED, "scan", False),
			(c.QUEUED, "reopen", False),
		],
	)
	def test_what_each_status_allows(self, status, doing, allowed):
		if allowed:
			c.check_status("UC-1", status, doing)
			return
		with pytest.raises(CountError) as refused:
			c.check_status("UC-1", status, doing)
		assert refused.value.params == {"count": "UC-1", "status": status}

	def test_a_scope_needs_one_place(self):
		with pytest.raises(CountError, match="Give the warehouse"):
			c.check_scope(c.Scope())
		with pytest.raises(CountError, match="not both"):
			c.check_scope(c.Scope(warehouse="Stores", custodian="EMP-1"))
		c.check_scope(W)
		c.check_scope(JANE)

	def test_overlapping_open_counts_are_refused(self):
		phones = c.Scope(warehouse="Stores", item_groups=frozenset({"Phones"}))
		c.check_no_overlap(TOOLS, [("UC-2", phones), ("UC-3", c.Scope(warehouse="Shop")), ("UC-4", JANE)])
		with pytest.raises(CountError, match="counted already in UC-9") as refused:
			c.check_no_overlap(TOOLS, [("UC-9", W)])
		assert refused.value.params["place"] == "Stores"
		with pytest.raises(CountError, match="UC-5"):
			c.check_no_overlap(JANE, [("UC-5", c.Scope(custodian="EMP-1", item_groups=frozenset({"X"})))])

	@given(
		st.sampled_from(["A", "B"]),
		st.sampled_from(["A", "B"]),
		st.one_of(st.none(), st.frozensets(st.sampled_from("xyz"), max_size=2)),
		st.one_of(st.none(), st.frozensets(st.sampled_from("xyz"), max_size=2)),
		st.booleans(),
		st.booleans(),
	)
	def test_overlap_is_symmetric(self, p1, p2, g1, g2, custodian1, custodian2):
		a = c.Scope(custodian=p1, item_groups=g1) if custodian1 else c.Scope(warehouse=p1, item_groups=g1)
		b = c.Scope(custodian=p2, item_groups=g2) if custodian2 else c.Scope(warehouse=p2, item_groups=g2)
		assert a.overlaps(b) == b.overlaps(a)
		assert a.overlaps(a) == (g1 is None or bool(g1))


def seen(minutes=10, condition=None):
	return c.Seen(T0 + timedelta(minutes=minutes), condition)


class TestConclude:
	def test_every_rule(self):
		units = {
			"FOUND": unit("FOUND"),
			"MISSING": unit("MISSING"),
			"SOLD-DURING": unit("SOLD-DURING", status=lc.DELIVERED, warehouse=None),
			"MOVED-OUT": unit("MOVED-OUT", warehouse="Shop"),
			"SEEN-THEN-SOLD": unit("SEEN-THEN-SOLD", status=lc.DELIVERED, warehouse=None),
			"ON-WRONG-SHELF": unit("ON-WRONG-SHELF", warehouse="Shop"),
			"ARRIVED": unit("ARRIVED"),
			"SOLD-LONG-AGO": unit("SOLD-LONG-AGO", status=lc.DELIVERED, warehouse=None),
			"NOTED": unit("NOTED"),
		}
		moved = {
			"SOLD-DURING": T0 + timedelta(minutes=5),
			"MOVED-OUT": T0 + timedelta(minutes=5),
			"SEEN-THEN-SOLD": T0 + timedelta(minutes=30),
			"ARRIVED": T0 + timedelta(minutes=1),
		}
		sightings = {
			"FOUND": seen(),
			"SEEN-THEN-SOLD": seen(),
			"ON-WRONG-SHELF": seen(),
			"ARRIVED": seen(),
			"SOLD-LONG-AGO": seen(),
			"NOTED": seen(condition="Broken"),
			"ZZ-UNKNOWN": seen(),
		}
		expected = ["FOUND", "MISSING", "SOLD-DURING", "MOVED-OUT", "SEEN-THEN-SOLD", "NOTED"]
		results = {r.key: r for r in c.conclude(W, expected, sightings, units, moved, T0)}
		assert {k: r.result for k, r in results.items()} == {
			"FOUND": c.FOUND,
			"MISSING": c.MISSING,
			"SOLD-DURING": c.MOVED,
			"MOVED-OUT": c.MOVED,
			"SEEN-THEN-SOLD": c.MOVED,
			"NOTED": c.FOUND,
			"ON-WRONG-SHELF": c.MISPLACED,
			"ARRIVED": c.FOUND,
			"SOLD-LONG-AGO": c.NOT_ON_HAND,
			"ZZ-UNKNOWN": c.UNKNOWN,
		}
		assert results["NOTED"].condition == "Broken"
		assert results["ARRIVED"].expected is False and results["FOUND"].expected is True
		assert c.summary(results.values())[c.FOUND] == 3
		assert c.summary(results.values())["conditions"] == 1

	def test_a_unit_moved_before_its_scan_to_elsewhere_is_misplaced(self):
		units = {"U1": unit("U1", warehouse="Shop")}
		[line] = c.conclude(W, ["U1"], {"U1": seen(minutes=30)}, units, {"U1": T0 + timedelta(minutes=5)}, T0)
		assert line.result == c.MISPLACED

	def test_default_actions(self):
		results = [
			c.Result("M", c.MISSING, unit("M")),
			c.Result("P", c.MISPLACED, unit("P", warehouse="Shop")),
			c.Result("L", c.MISPLACED, unit("L", status=lc.ON_LOAN, custodian="EMP-2")),
			c.Result(
				"X",
				c.MISPLACED,
				c.Unit("X", "LAPTOP", warehouse="Elsewhere", status=lc.IN_STOCK, company="Other"),
			),
			c.Result("U", c.UNKNOWN),
			c.Result("F", c.FOUND, unit("F")),
		]
		c.default_actions(results, W, c.RECONCILE)
		assert [r.action for r in results] == [
			c.RECONCILE,
			c.TRANSFER,
			c.NO_ACTION,
			c.NO_ACTION,
			c.NO_ACTION,
			"",
		]
		c.default_actions(results, JANE, "nonsense")
		assert [r.action for r in results][:2] == [c.MARK_LOST, c.NO_ACTION], "no transfer into a custodian"

	@given(
		st.lists(st.sampled_from([f"U{n}" for n in range(12)]), max_size=12),
		st.dictionaries(
			st.sampled_from([f"U{n}" for n in range(12)] + ["Q1", "Q2"]), st.integers(0, 60), max_size=14
		),
		st.dictionaries(st.sampled_from([f"U{n}" for n in range(12)]), st.integers(-30, 60), max_size=12),
		st.dictionaries(
			st.sampled_from([f"U{n}" for n in range(12)]),
			st.tuples(st.sampled_from(["Stores", "Shop", None]), st.sampled_from(lc.STATUSES)),
			max_size=12,
		),
	)
	def test_one_result_per_unit_and_no_loss_from_a_movement(self, expected, scans, moves, books):
		units = {
			s: unit(s, warehouse=wh if status in lc.ON_HAND else None, status=status)
			for s, (wh, status) in books.items()
		}
		for s in set(expected) | set(scans):
			if s.startswith("U") and s not in units:
				units[s] = unit(s)
		sightings = {k: seen(minutes) for k, minutes in scans.items()}
		moved = {k: T0 + timedelta(minutes=m) for k, m in moves.items()}
		results = c.conclude(W, expected, sightings, units, moved, T0)
		keys = [r.key for r in results]
		assert len(keys) == len(set(keys)) == len(set(expected) | set(scans))
		assert sum(v for k, v in c.summary(results).items() if k != "conditions") == len(keys)
		for line in results:
			if line.result == c.MISSING:
				assert line.key not in scans, "a unit seen is never missing"
				assert not (line.key in moved and moved[line.key] > T0), (
					"a unit moved during the count is not lost"
				)
				assert c.place(W, line.unit) == c.HERE
			if line.result == c.FOUND:
				assert line.key in scans and c.place(W, line.unit) == c.HERE
			if line.result == c.UNKNOWN:
				assert line.key not in units


class TestApproval:
	def test_actions_must_fit_their_line(self):
		a.check_action(1, "U1", c.MISSING, c.MARK_LOST)
		a.check_action(2, "U2", c.MISSING, c.RECONCILE)
		a.check_action(3, "U3", c.FOUND, "")
		a.check_action(4, "ZZ", c.UNKNOWN, c.RECEIVE, item="LAPTOP")
		with pytest.raises(CountError, match="Row 5: U5 is") as refused:
			a.check_action(5, "U5", c.MISPLACED, c.MARK_LOST)
		assert refused.value.params["actions"] == (c.TRANSFER, c.NO_ACTION)
		with pytest.raises(CountError, match="give the item"):
			a.check_action(6, "ZZ", c.UNKNOWN, c.RECEIVE)
		with pytest.raises(CountError):
			a.check_action(7, "U7", c.MOVED, c.TRANSFER)

	def test_transfers_only_from_a_shelf_of_the_same_company(self):
		a.check_transfer(1, W, unit(warehouse="Shop"))
		with pytest.raises(CountError, match="cannot be transferred here"):
			a.check_transfer(
				2, W, c.Unit("X", "LAPTOP", warehouse="Shop", status=lc.IN_STOCK, company="Other")
			)
		with pytest.raises(CountError, match="cannot be transferred here"):
			a.check_transfer(3, JANE, unit(warehouse="Shop"))

	def test_moved_units_refuse_approval_and_cancel(self):
		a.check_unmoved([], doing="approve")
		with pytest.raises(CountError, match="reopen the count") as refused:
			a.check_unmoved([("U1", "Delivery Note", "DN-1")], doing="approve")
		assert refused.value.params == {"serial": "U1", "doctype": "Delivery Note", "name": "DN-1"}
		with pytest.raises(CountError, match="cancel that first"):
			a.check_unmoved([("U1", "Delivery Note", "DN-1")], doing="cancel")

	def test_only_movements_still_in_force_block_a_cancel(self):
		events = [
			("U1", "Delivery Note", "DN-1", "Delivered"),
			("U2", "Stock Entry", "SE-9", "Transferred"),
			("U2", "Stock Entry", "SE-9", "Cancelled"),
			("U3", None, None, "Checked Out"),
		]
		assert a.live_moves(events) == [("U1", "Delivery Note", "DN-1"), ("U3", "Checked Out", "")]
		assert a.live_moves([]) == []

	def test_plan_groups_lines_as_erpnext_documents_want_them(self):
		lines = [
			c.Result("A", c.MISPLACED, unit("A", warehouse="Shop"), action=c.TRANSFER),
			c.Result("B", c.MISPLACED, unit("B", warehouse="Shop"), action=c.TRANSFER),
			c.Result("C", c.MISPLACED, unit("C", warehouse="Back", item="PHONE"), action=c.TRANSFER),
			c.Result("D", c.MISSING, unit("D"), action=c.MARK_LOST),
			c.Result("E", c.MISSING, unit("E"), action=c.RECONCILE),
			c.Result("F", c.MISSING, unit("F"), action=c.NO_ACTION),
		]
		out = a.plan(lines)
		assert out.transfers == {("LAPTOP", "Shop"): ["A", "B"], ("PHONE", "Back"): ["C"]}
		assert out.lost == ["D"]
		assert out.reconcile == {("LAPTOP", "Stores"): ["E"]}


class TestSchedule:
	def test_groups_inherit_the_nearest_interval(self):
		groups = {
			"All": (None, 365),
			"Tools": ("All", 0),
			"Drills": ("Tools", 30),
			"Cordless": ("Drills", 0),
			"Loose": (None, 0),
			"Loop": ("Loop", 0),
		}
		assert d.group_intervals(groups) == {
			"All": 365,
			"Tools": 365,
			"Drills": 30,
			"Cordless": 30,
			"Loose": 0,
			"Loop": 0,
		}

	def test_interval_and_due(self):
		assert d.interval(90, 30) == 30
		assert d.interval(None, 30) == 30
		assert d.interval(0, 0) == 0
		assert d.due(date(2026, 1, 1), date(2025, 1, 1), 30) == date(2026, 1, 31)
		assert d.due(None, date(2026, 1, 1), 30) == date(2026, 1, 31)
		assert d.due(None, None, 30) is None
		assert d.due(date(2026, 1, 1), None, 0) is None
		assert d.days_overdue(date(2026, 1, 31), date(2026, 2, 3)) == 3
		assert d.days_overdue(date(2026, 2, 5), date(2026, 2, 3)) == 0
		assert d.days_overdue(None, date(2026, 2, 3)) == 0

	@given(st.integers(1, 400), st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 800))
	def test_a_unit_counted_within_its_interval_is_not_overdue(self, days, counted, later):
		due_on = d.due(counted, None, days)
		today = counted + timedelta(days=later)
		assert (d.days_overdue(due_on, today) > 0) == (later > days)
