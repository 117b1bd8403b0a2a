"""The rules of a unit import's rows: each row's checks and the order of its dates, duplicates and a unit in two
places, recognising units imported before, updates, and how new units are grouped into receipts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core import importing
from serial_tracking.unit_import.core import judge as j
from serial_tracking.unit_import.core import plan as p
from serial_tracking.unit_import.core import rows as r
from serial_tracking.unit_import.core import table as t
from serial_tracking.unit_import.core import values as v
from serial_tracking.unit_import.core.errors import ImportRuleError
from serial_tracking.units.core import lifecycle as lc

TODAY = date(2026, 3, 1)
dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31))


# --- rows ------------------------------------------------------------------------------------------

HEADER = [c.SERIAL, c.ITEM, c.WAREHOUSE, c.MAKER_SERIAL, c.STATUS, c.CONDITION, c.COST, c.PURCHASE_DATE]
HEADER += [c.WARRANTY_MONTHS, c.CUSTODIAN, c.DUE_DATE]
MAPPED = {name: i for i, name in enumerate(HEADER)}


def row_of(number=2, **values) -> r.Row:
	cells = [values.get(name, "") for name in HEADER]
	return r.read_row(number, cells, MAPPED, r.Reading(v.DMY, "."))


def errors(row):
	return [p.message for p in row.problems if p.severity == r.ERROR]


def test_a_row_reads_into_a_unit():
	row = row_of(**{c.SERIAL: " LAP-1 ", c.ITEM: "LAPTOP", c.WAREHOUSE: "Stores", c.COST: "1200"})
	assert (row.serial, row.item, row.warehouse, row.status, row.cost) == (
		"LAP-1",
		"LAPTOP",
		"Stores",
		lc.IN_STOCK,
		1200,
	)
	row = row_of(**{c.SERIAL: "A", c.PURCHASE_DATE: "31/01/2024", c.WARRANTY_MONTHS: "1"})
	assert row.warranty_expiry == date(2024, 2, 29)  # a month after the 31st of January is the 29th


def test_a_loan_needs_its_custodian_and_only_a_loan_has_one():
	assert row_of(**{c.SERIAL: "A", c.CUSTODIAN: "EMP-1", c.DUE_DATE: "01/04/2026"}).status == lc.ON_LOAN
	no_due = row_of(**{c.SERIAL: "A", c.CUSTODIAN: "EMP-1"})
	assert not errors(no_due) and no_due.problems[0].column == c.DUE_DATE  # a warning: no reminder
	assert errors(row_of(**{c.SERIAL: "A", c.STATUS: "On Loan"}))
	assert errors(
		row_of(**{c.SERIAL: "A", c.STATUS: "In Repair", c.CUSTODIAN: "EMP-1", c.DUE_DATE: "01/04/2026"})
	)
	assert errors(row_of(**{c.WAREHOUSE: "Stores"})) == ["The row gives neither a serial nor an item."]
	assert errors(row_of(**{c.SERIAL: "A", c.WARRANTY_MONTHS: "12"}))  # from when?


@given(dates, dates, st.one_of(st.none(), dates))
def test_a_rows_dates_are_in_their_order(bought, warranty_end, due):
	row = r.Row(
		2,
		serial="A",
		purchase_date=bought,
		warranty_expiry=warranty_end,
		due_date=due,
		status=lc.ON_LOAN if due else lc.IN_STOCK,
	)
	posting = date(2026, 2, 1)
	r.check_dates(row, posting=posting, today=TODAY)
	wrong = bought > posting or warranty_end < bought or bool(due and due < bought)
	assert row.failed == wrong


def test_a_file_is_read_whatever_its_separator_encoding_and_blank_lines():
	for data in (
		"Serial No;Item\r\nA;Bohrer\r\n\r\n".encode("cp1252"),
		"\ufeffSerial No,Item\nA,Bohrer\n".encode(),
		"Serial No\tItem\nA\tBohrer\n",
	):
		(_number, header), *body = t.lines(t.iter_csv(data))
		assert (header, body) == (["Serial No", "Item"], [(2, ["A", "Bohrer"])])

	def digest(data):
		(_number, header), *body = t.lines(t.iter_csv(data))
		return t.fingerprint(header, body)

	one = digest("Serial No,Item\nA,B\n")
	assert one == digest(" Serial No ;Item\r\n\r\nA;B")
	assert one != digest("Serial No,Item\nA,C\n")


# --- across rows and against the books ------------------------------------------------------------

ITEMS = {
	"LAPTOP": j.ItemFacts("LAPTOP", generates=True),
	"SOUP": j.ItemFacts("SOUP", serialized=False),
	"TAGGED": j.ItemFacts("TAGGED", template="{ITEM}-{###}", series_only=True),
}


def unit(serial="U1", **kw) -> j.UnitFacts:
	return j.UnitFacts(
		serial,
		kw.pop("item_code", "LAPTOP"),
		kw.pop("company", "ACME"),
		warehouse=kw.pop("warehouse", "Stores"),
		status=kw.pop("status", lc.IN_STOCK),
		**kw,
	)


def judged(rows, mode=j.ADD_AND_UPDATE, units=(), makers=None):
	verdicts = j.judge(
		rows,
		mode=mode,
		company="ACME",
		items=ITEMS,
		units={u.serial.upper(): u for u in units},
		makers_on_hand=makers or {},
	)
	return [x.verdict for x in verdicts]


def unit_row(number=2, serial="U1", **kw) -> r.Row:
	values = {"item": "LAPTOP", "warehouse": "Stores", "status": lc.IN_STOCK, "cost": Decimal(10)} | kw
	return r.Row(number, serial=serial, given=frozenset({c.SERIAL, c.ITEM, c.WAREHOUSE, c.STATUS}), **values)


def test_a_repeat_is_skipped_and_a_unit_in_two_places_fails_each_row():
	assert judged([unit_row(2), unit_row(3)]) == [j.NEW, j.SKIPPED]
	rows = [unit_row(2), unit_row(3, warehouse="Van")]
	assert judged(rows) == [j.ERROR, j.ERROR]
	assert "two places" in errors(rows[1])[0]
	rows = [unit_row(2), unit_row(3, condition="Fair")]
	assert judged(rows) == [j.ERROR, j.ERROR]
	rows = [unit_row(2, "A", maker_serial="M1"), unit_row(3, "B", maker_serial="m1")]
	assert judged(rows) == [j.ERROR, j.ERROR]
	assert judged([unit_row(2, "a"), unit_row(3, "A")]) == [j.NEW, j.SKIPPED]  # serials compare case-blind


@given(
	st.lists(
		st.tuples(
			st.sampled_from(["A", "a", "B", "C"]),
			st.sampled_from(["Stores", "Van"]),
			st.sampled_from([None, "Fair"]),
		),
		max_size=8,
	)
)
def test_no_serial_comes_in_twice_and_every_row_gets_a_verdict(specs):
	rows = [unit_row(n, s, warehouse=w, condition=cond) for n, (s, w, cond) in enumerate(specs, 2)]
	verdicts = judged(rows)
	assert len(verdicts) == len(rows)
	new = [row.serial.upper() for row, verdict in zip(rows, verdicts, strict=True) if verdict == j.NEW]
	assert len(new) == len(set(new))
	for row, verdict in zip(rows, verdicts, strict=True):
		assert (verdict == j.ERROR) == row.failed


def test_a_unit_on_hand_as_the_row_says_is_unchanged_and_recognised():
	books = unit(condition="Good", imported_by="UI-0001")
	row = unit_row(condition="Good")
	assert judged([row], j.ADD, [books]) == [j.UNCHANGED]
	assert "Already imported by {name}." in [p.message for p in row.problems]


def test_an_update_changes_condition_maker_serial_and_warranty_only_in_the_modes_that_update():
	books = unit(condition="Good", maker_serial="M-1")
	changed = unit_row(condition="Fair", maker_serial="m-1", warranty_expiry=date(2027, 1, 1))  # same maker
	verdicts = j.judge(
		[changed], mode=j.ADD_AND_UPDATE, company="ACME", items=ITEMS, units={"U1": books}, makers_on_hand={}
	)
	assert verdicts[0].verdict == j.CHANGE
	assert verdicts[0].changes == {"condition": ("Good", "Fair"), "warranty_expiry": (None, date(2027, 1, 1))}
	assert judged([unit_row(condition="Fair")], j.ADD, [books]) == [j.SKIPPED]
	assert judged([unit_row(condition="Fair")], j.UPDATE, [books]) == [j.CHANGE]
	taken = unit_row(maker_serial="M-9")
	assert judged([taken], j.UPDATE, [books], {("LAPTOP", "M-9"): "U7"}) == [j.ERROR]


def test_an_import_moves_no_unit_and_sells_none():
	delivered = unit(warehouse=None, status=lc.DELIVERED, customer="C1")
	for row, books in (
		(unit_row(warehouse="Van"), unit()),
		(unit_row(status=lc.IN_REPAIR), unit()),
		(unit_row(status=lc.DELIVERED, customer="C1", warehouse=None), unit()),
		(unit_row(status=lc.DELIVERED, customer="C2", warehouse=None), delivered),
		(unit_row(item="SOUP"), unit()),
		(unit_row(), unit(company="Other")),
	):
		row.given = row.given | {c.CUSTOMER}
		assert judged([row], j.ADD_AND_UPDATE, [books]) == [j.ERROR], row


def test_a_loan_changes_through_an_update():
	on_loan = unit(status=lc.ON_LOAN, custodian_type="Employee", custodian="EMP-1")
	moved = unit_row(status=lc.ON_LOAN, custodian_type="Employee", custodian="EMP-2", due_date=TODAY)
	verdicts = j.judge(
		[moved], mode=j.UPDATE, company="ACME", items=ITEMS, units={"U1": on_loan}, makers_on_hand={}
	)
	assert verdicts[0].changes == {j.LOAN: (("Employee", "EMP-1", None), ("Employee", "EMP-2", TODAY))}
	back = unit_row(status=lc.IN_STOCK)
	verdicts = j.judge(
		[back], mode=j.UPDATE, company="ACME", items=ITEMS, units={"U1": on_loan}, makers_on_hand={}
	)
	assert verdicts[0].changes == {j.LOAN: (("Employee", "EMP-1", None), None)}
	out = unit_row(status=lc.ON_LOAN, custodian_type="Customer", custodian="C1", due_date=TODAY)
	verdicts = j.judge(
		[out], mode=j.UPDATE, company="ACME", items=ITEMS, units={"U1": unit()}, makers_on_hand={}
	)
	assert verdicts[0].changes == {j.LOAN: (None, ("Customer", "C1", TODAY))}


def test_the_installed_base_comes_in_delivered_and_is_recognised_again():
	sold = unit_row(status=lc.DELIVERED, customer="C1", delivery_date=date(2025, 5, 1), cost=Decimal(5))
	assert judged([sold]) == [j.NEW]
	assert "zero value" in sold.problems[0].message
	books = unit(warehouse=None, status=lc.DELIVERED, customer="C1")
	again = unit_row(status=lc.DELIVERED, customer="C1", amc_expiry=date(2027, 1, 1), condition="Fair")
	verdicts = j.judge(
		[again], mode=j.ADD_AND_UPDATE, company="ACME", items=ITEMS, units={"U1": books}, makers_on_hand={}
	)
	assert (verdicts[0].verdict, verdicts[0].changes) == (j.CHANGE, {"amc_expiry": (None, date(2027, 1, 1))})


def test_a_maker_serial_is_filled_in_never_overwritten():
	assert judged([unit_row(maker_serial="M-2")], j.UPDATE, [unit(maker_serial=None)]) == [j.CHANGE]
	row = unit_row(maker_serial="M-2")
	assert judged([row], j.UPDATE, [unit(maker_serial="M-1")]) == [j.ERROR]
	assert "fills in a missing maker serial only" in errors(row)[0]


def test_unit_attributes_are_compared_and_updated():
	books = unit(attributes={"Colour": "Red"})
	row = unit_row(attributes={"Colour": "Blue"})
	verdicts = j.judge(
		[row], mode=j.UPDATE, company="ACME", items=ITEMS, units={"U1": books}, makers_on_hand={}
	)
	assert verdicts[0].changes == {"attribute:Colour": ("Red", "Blue")}
	assert judged([unit_row(attributes={"Colour": "red"})], j.UPDATE, [books]) == [j.UNCHANGED]


def test_units_the_shop_no_longer_has_come_back_but_a_lost_one_is_found_instead():
	sold = unit(warehouse=None, status=lc.DELIVERED)
	row = unit_row()
	assert judged([row], j.ADD, [sold]) == [j.NEW]
	assert "new episode" in row.problems[-1].message
	assert judged([unit_row()], j.UPDATE, [sold]) == [j.ERROR]
	row = unit_row()
	assert judged([row], j.ADD, [unit(warehouse=None, status=lc.LOST)]) == [j.ERROR]
	assert "Mark Found" in errors(row)[0]


def test_a_row_without_a_serial_is_the_unit_on_hand_with_its_maker_serial():
	books = unit("U7", maker_serial="M-7", condition="Good")
	row = unit_row(serial=None, maker_serial="m-7", condition="Fair")
	verdicts = j.judge(
		[row],
		mode=j.ADD_AND_UPDATE,
		company="ACME",
		items=ITEMS,
		units={"U7": books},
		makers_on_hand={("LAPTOP", "M-7"): "U7"},
	)
	assert (verdicts[0].verdict, verdicts[0].unit, verdicts[0].changes) == (
		j.CHANGE,
		"U7",
		{"condition": ("Good", "Fair")},
	)
	assert judged([unit_row(serial=None, maker_serial="M-7")], j.ADD, [books], {("LAPTOP", "M-7"): "U7"}) == [
		j.UNCHANGED
	]


def test_new_units_need_an_item_that_takes_them():
	assert judged([unit_row(item="SOUP")]) == [j.ERROR]
	assert judged([unit_row(item=None)]) == [j.ERROR]
	assert judged([unit_row(warehouse=None)]) == [j.ERROR]
	assert judged([unit_row(serial=None)]) == [j.NEW]  # generated
	assert judged([unit_row(serial=None, item="TAGGED")]) == [j.ERROR]
	assert judged([unit_row(serial="X-1", item="TAGGED")]) == [j.ERROR]  # not from its series
	assert judged([unit_row(serial="TAGGED-001", item="TAGGED")]) == [j.NEW]
	assert judged([unit_row(serial="Z")], j.UPDATE) == [j.ERROR]
	assert judged([unit_row(maker_serial="M-1")], makers={("LAPTOP", "M-1"): "OTHER"}) == [j.ERROR]
	row = unit_row(cost=None)
	assert judged([row]) == [j.NEW] and row.problems[0].severity == r.WARNING


def test_cancelling_is_refused_while_a_unit_changed_since():
	importing.check_unmoved([])
	with pytest.raises(ImportRuleError, match="U1"):
		importing.check_unmoved([("U1", "Delivered", "Delivery Note", "DN-1")])


# --- receipts --------------------------------------------------------------------------------------


POSTING = date(2026, 2, 1)


@given(
	st.lists(
		st.tuples(
			st.sampled_from([None, "S1", "S2"]),
			st.sampled_from(["A", "B"]),
			st.booleans(),
			st.booleans(),
			st.sampled_from([None, Decimal(5)]),
			st.one_of(st.none(), dates),
			st.sampled_from([lc.IN_STOCK, lc.DELIVERED]),
		),
		max_size=60,
	),
	st.booleans(),
)
def test_every_new_unit_is_on_one_line_of_one_receipt_in_time(specs, on_purchase_date):
	rows = [
		r.Row(
			n,
			serial=f"X{n}" if typed else None,
			item=item,
			warehouse="Stores",
			supplier=supplier,
			maker_serial=f"M{n}" if maker else None,
			cost=cost,
			purchase_date=bought,
			status=status,
			customer="C" if status == lc.DELIVERED else None,
			delivery_date=bought and bought + timedelta(days=30),
		)
		for n, (supplier, item, typed, maker, cost, bought, status) in enumerate(specs, 2)
	]
	receipts = p.receipts(rows, posting=POSTING, on_purchase_date=on_purchase_date)
	placed = [row.number for lines in receipts.values() for line in lines for row in line.rows]
	assert sorted(placed) == [row.number for row in rows]
	for (supplier, _reference, day), lines in receipts.items():
		for line in lines:
			assert 0 < len(line.rows) <= p.LINE
			for x in line.rows:
				assert (x.supplier, x.item, not x.serial, bool(x.maker_serial)) == (
					supplier,
					line.item_code,
					line.generated,
					bool(line.makers),
				)
				assert line.rate == (0 if x.status == lc.DELIVERED else x.cost or 0)  # sold: not booked
				assert day <= (x.delivery_date or POSTING) if x.status == lc.DELIVERED else True
				assert day == (x.purchase_date if on_purchase_date and x.purchase_date else day)
			assert line.generated == (not line.serials)
	delivered = [
		row.number
		for lines in p.deliveries(rows, posting=POSTING).values()
		for line in lines
		for row in line.rows
	]
	assert sorted(delivered) == [row.number for row in rows if row.status == lc.DELIVERED]


def test_a_long_line_is_split_and_a_large_import_goes_in_parts():
	rows = [r.Row(n, serial=f"X{n}", item="A", warehouse="W") for n in range(1000)]
	assert [len(line.rows) for line in p.receipts(rows, posting=POSTING)[(None, None, POSTING)]] == [
		400,
		400,
		200,
	]
	assert [len(part) for part in p.parts(rows, 300)] == [300, 300, 300, 100]
