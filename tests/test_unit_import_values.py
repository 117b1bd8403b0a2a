"""Reading a file for a unit import: header matching and presets, amounts and dates in the file's own ways of
writing them, statuses and conditions by name."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core import values as v
from serial_tracking.unit_import.core.errors import ImportRuleError
from serial_tracking.units.core import lifecycle as lc

# --- headers and presets ---------------------------------------------------------------------------


def messy(text: str, data) -> str:
	"""``text`` as people write a header: any case, with extra spaces, underscores or dots."""
	out = "".join(ch.upper() if data.draw(st.booleans()) else ch.lower() for ch in text)
	out = out.replace(" ", data.draw(st.sampled_from([" ", "  ", "_", " - ", "."])))
	return data.draw(st.sampled_from(["", " "])) + out + data.draw(st.sampled_from(["", " ", ":", "."]))


@given(st.data())
def test_a_header_matches_its_field_however_it_is_written(data):
	name = data.draw(st.sampled_from(c.FIELDS))
	synonym = data.draw(st.sampled_from(c.SYNONYMS[name] + (name,)))
	[column] = c.match([messy(synonym, data)], c.SPREADSHEET)
	assert column.field == name


@pytest.mark.parametrize("preset", list(c.PRESETS.values()), ids=lambda p: p.name)
def test_an_export_in_a_preset_reads_back_to_the_same_fields(preset):
	headers = [preset.header(name) for name in c.EXPORTED]
	assert c.mapping(c.match(headers, preset)) == {name: i for i, name in enumerate(c.EXPORTED)}
	assert c.mapping(c.match(headers, c.best_preset(headers))) == c.mapping(c.match(headers, preset))


def test_a_snipe_it_export_is_recognised_and_its_serial_is_the_makers():
	headers = ["Asset Tag", "Serial", "Model", "Status", "Checked Out To", "Location", "Purchase Date"]
	headers += ["Purchase Cost", "Supplier", "Warranty", "Order Number", "Notes"]
	assert c.best_preset(headers) is c.SNIPE_IT
	fields = [col.field for col in c.match(headers, c.SNIPE_IT)]
	assert fields == [
		c.SERIAL,
		c.MAKER_SERIAL,
		c.ITEM,
		c.STATUS,
		c.CUSTODIAN,
		c.WAREHOUSE,
		c.PURCHASE_DATE,
		c.COST,
		c.SUPPLIER,
		c.WARRANTY_MONTHS,
		c.SUPPLIER_REFERENCE,
		None,  # Notes: no field of ours; the preview says it is not imported
	]
	# a plain spreadsheet's "Serial" is the unit's own serial
	assert c.best_preset(["Serial", "Item", "Warehouse"]) is c.SPREADSHEET


def test_an_erpnext_serial_no_list_maps_its_own_labels():
	headers = [
		"ID",
		"Item Code",
		"Warehouse",
		"Status",
		"Warranty Expiry Date",
		"AMC Expiry Date",
		"Customer",
	]
	headers += ["Creation Document No", "Employee", "Description"]
	fields = [col.field for col in c.match(headers, c.ERPNEXT)]
	assert fields == [
		c.SERIAL,
		c.ITEM,
		c.WAREHOUSE,
		c.STATUS,
		c.CUSTOMER_WARRANTY_EXPIRY,
		c.AMC_EXPIRY,
		c.CUSTOMER,
		c.SUPPLIER_REFERENCE,
		c.CUSTODIAN,
		None,
	]


def test_unit_attributes_match_by_their_labels_after_the_apps_fields():
	columns = c.match(
		["Colour", "Condition", "Asset Owner"], c.SPREADSHEET, attributes=["Colour", "Condition"]
	)
	assert [col.field for col in columns] == ["Colour", c.CONDITION, None]
	c.check_mapping([c.SERIAL, "Colour"], attributes=["Colour"])


@given(
	st.lists(
		st.sampled_from([h for names in c.SYNONYMS.values() for h in names] + ["Notes", ""]), max_size=12
	)
)
def test_each_field_takes_one_column_at_most(headers):
	columns = c.match(headers, c.SPREADSHEET)
	fields = [col.field for col in columns if col.field]
	assert len(fields) == len(set(fields))
	for col in columns:
		if col.taken_by is not None:
			assert columns[col.taken_by].field == c.match([col.header], c.SPREADSHEET)[0].field


def test_headers_in_the_users_language_match_too():
	extra = {c.SERIAL: ["Seriennummer"], c.WAREHOUSE: ["Lager"]}
	assert [col.field for col in c.match(["SERIENNUMMER", "lager", "Bemerkung"], c.SPREADSHEET, extra)] == [
		c.SERIAL,
		c.WAREHOUSE,
		None,
	]


def test_a_mapping_names_each_field_once_and_a_unit():
	c.check_mapping([c.SERIAL, None, c.WAREHOUSE])
	c.check_mapping([c.ITEM])
	with pytest.raises(ImportRuleError, match="Two columns"):
		c.check_mapping([c.SERIAL, c.SERIAL])
	with pytest.raises(ImportRuleError, match="Serial No or to Item"):
		c.check_mapping([c.WAREHOUSE, c.COST])
	with pytest.raises(ImportRuleError, match="not a field"):
		c.check_mapping(["Colour"])


# --- amounts ---------------------------------------------------------------------------------------

STYLES = {  # (thousands, decimal)
	"us": (",", "."),
	"europe": (".", ","),
	"swiss": ("'", "."),
	"french": ("\u202f", ","),
	"plain": ("", "."),
}


def written(amount: Decimal, style: str, sign: str) -> str:
	thousands, decimal = STYLES[style]
	whole, fraction = f"{amount:.2f}".split(".")
	groups = []
	while len(whole) > 3:
		groups.insert(0, whole[-3:])
		whole = whole[:-3]
	number = thousands.join([whole, *groups]) + decimal + fraction
	return sign.replace("N", number)


amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
signs = st.sampled_from(["N", "$N", "$ N", "N €", "EUR N", "N USD", "£N"])


@given(amounts, st.sampled_from(list(STYLES)), signs)
@example(Decimal("1234.00"), "europe", "N €")
def test_an_amount_reads_back_in_any_style_once_the_decimal_mark_is_known(amount, style, sign):
	assert v.parse_cost(written(amount, style, sign), STYLES[style][1]) == amount


@given(st.lists(amounts, min_size=1, max_size=8), st.sampled_from(list(STYLES)), signs)
def test_a_columns_decimal_mark_is_found_from_the_values_that_tell(column, style, sign):
	texts = [written(a, style, sign) for a in column] + [written(Decimal("0.50"), style, sign)]
	assert v.detect_decimal(texts) == STYLES[style][1]
	assert [v.parse_cost(t, v.detect_decimal(texts)) for t in texts] == [*column, Decimal("0.50")]


def test_amounts_that_cannot_be_read_or_read_two_ways_are_refused():
	for text in ("abc", "1,23,4", "1.2.3,4,5", "12..5"):
		with pytest.raises(v.ValueProblem, match="Cannot read"):
			v.parse_cost(text, ".")
	with pytest.raises(v.ValueProblem, match="two ways"):
		v.parse_cost("1,234")
	with pytest.raises(v.ValueProblem, match="negative"):
		v.parse_cost("(12.50)")
	assert v.parse_cost("1,234", ",") == Decimal("1.234") and v.parse_cost("1,234", ".") == Decimal(1234)
	assert v.parse_cost("  ") is None


# --- dates -----------------------------------------------------------------------------------------

dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31))


def date_text(day: date, order: str, sep: str, short_year: bool) -> str:
	year = f"{day.year % 100:02d}" if short_year else f"{day.year:04d}"
	parts = {v.DMY: (f"{day.day:02d}", f"{day.month:02d}", year), v.MDY: (f"{day.month}", f"{day.day}", year)}
	if order == v.YMD:
		return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
	return sep.join(parts[order])


@given(dates, st.sampled_from(v.ORDERS), st.sampled_from(["/", ".", "-"]), st.booleans())
def test_a_date_reads_back_in_the_files_order(day, order, sep, short_year):
	assert v.parse_date(date_text(day, order, sep, short_year), order) == day


@given(st.lists(dates, min_size=1, max_size=10), st.sampled_from([v.DMY, v.MDY]), st.sampled_from(["/", "."]))
def test_the_date_order_is_found_when_one_date_tells(column, order, sep):
	telling = date(2025, 1, 31)  # day 31 cannot be a month
	texts = [date_text(d, order, sep, False) for d in [*column, telling]]
	assert v.detect_order(texts) == order


@given(dates.filter(lambda d: d.day <= 12 and d.day != d.month))
def test_a_date_that_reads_two_ways_is_refused_not_guessed(day):
	with pytest.raises(v.ValueProblem, match="two ways"):
		v.parse_date(date_text(day, v.DMY, "/", False))
	assert v.detect_order([date_text(day, v.DMY, "/", False)]) is None


def test_dates_with_month_names_iso_dates_and_times_read_whatever_the_order():
	for text in (
		"5 Mar 2024",
		"March 5, 2024",
		"05-mär-2024",
		"2024-03-05",
		"2024-03-05 00:00:00",
		"2024/3/5",
	):
		for order in (None, *v.ORDERS):
			assert v.parse_date(text, order) == date(2024, 3, 5), (text, order)
	for text in ("2024-02-30", "31/31/2024", "yesterday", "5 Foo 2024"):
		with pytest.raises(v.ValueProblem):
			v.parse_date(text, v.DMY)


# --- words -----------------------------------------------------------------------------------------


def test_statuses_conditions_and_months_by_their_usual_names():
	assert v.parse_status("Checked out") == lc.ON_LOAN
	assert v.parse_status("ready to deploy") == lc.IN_STOCK
	assert v.parse_status("Auf Lager", {lc.IN_STOCK: ["Auf Lager"]}) == lc.IN_STOCK
	assert (v.parse_status("Sold"), v.parse_status("Archived")) == (lc.DELIVERED, lc.RETIRED)
	with pytest.raises(v.ValueProblem, match="no longer has"):
		v.parse_status("Lost/Stolen")
	with pytest.raises(v.ValueProblem, match="Unknown status"):
		v.parse_status("Floating")
	assert v.parse_word("needs repair", lc.CONDITIONS) == "Needs Repair"
	assert (v.parse_months("24"), v.parse_months("2 years"), v.parse_months("36 months")) == (24, 24, 36)
	with pytest.raises(v.ValueProblem):
		v.clean_serial("A,B")
