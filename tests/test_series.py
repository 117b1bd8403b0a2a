from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.platform.core.errors import CheckDigitError, SeriesError
from serial_tracking.series.core import check_digits, series_rules

CTX = series_rules.SeriesContext(
	posting_date=date(2026, 11, 21),
	item_code="Laptop Pro 14",
	item_group="Computers",
	supplier="Acme, Inc.",
	warehouse="Stores",
	warehouse_abbr="ST",
	company_abbr="WP",
	fiscal_year="2026-2027",
)


class Counter:
	"""An in-memory stand-in for Frappe's tabSeries, reserving n values at once."""

	def __init__(self):
		self.values: dict[str, int] = {}
		self.calls = 0

	def reserve(self, key: str, count: int) -> int:
		self.calls += 1
		first = self.values.get(key, 0) + 1
		self.values[key] = first + count - 1
		return first


class TestParse:
	def test_tokens_and_counter(self):
		t = series_rules.parse("{ITEM}-{YY}{MM}-{#####}")
		assert t.counter_width == 5
		assert t.before == ("{ITEM}", "-", "{YY}", "{MM}", "-")
		assert t.check is None
		assert t.needs == {"item_code"}

	def test_check_digit_is_last(self):
		t = series_rules.parse("{YY}{WW}{######}{CHECK:LUHN}")
		assert t.check == check_digits.LUHN

	@pytest.mark.parametrize(
		"template, message",
		[
			("", "empty"),
			("LAP-{YY}", "no counter"),
			("{#####}-{###}", "more than one counter"),
			("LAP-{SERIAL}-{#####}", "Unknown token"),
			("LAP-{##}", "at least 3"),
			("{CHECK:LUHN}{#####}", "must be the last"),
			("{#####}{CHECK:VERHOEFF}", "Unknown check digit"),
			("LAP,{#####}", "commas"),
			("LAP-{#####", "Unbalanced"),
			("LAP-{#####}{CHECK:LUHN}", "digits only"),
			("{ITEM}-{#####}{CHECK:GS1}", "can bring letters"),
		],
	)
	def test_invalid_templates_are_refused_clearly(self, template, message):
		with pytest.raises(SeriesError, match=message):
			series_rules.parse(template)

	def test_unknown_token_lists_known_ones(self):
		with pytest.raises(SeriesError) as info:
			series_rules.parse("{SERIAL}{#####}")
		assert "{YYYY}" in info.value.params["known"]


class TestRender:
	def test_all_tokens(self):
		t = series_rules.parse(
			"{ITEM}/{GROUP}/{SUPPLIER}/{WAREHOUSE}/{WH}/{ABBR}/{FY}/{YYYY}{YY}{MM}{DD}W{WW}/{####}"
		)
		assert series_rules.format_serials(t, CTX, 7, 1) == [
			"Laptop-Pro-14/Computers/Acme-Inc./Stores/ST/WP/2026-2027/2026261121W47/0007"
		]

	def test_key_is_the_text_before_the_counter(self):
		t = series_rules.parse("SN-{YY}-{#####}-{WH}")
		assert series_rules.counter_key(t, CTX) == "SN-26-"

	def test_missing_value_is_refused(self):
		t = series_rules.parse("{SUPPLIER}-{#####}")
		ctx = series_rules.SeriesContext(posting_date=date(2026, 1, 1))
		with pytest.raises(SeriesError, match="no value"):
			series_rules.format_serials(t, ctx, 1, 1)

	def test_check_character_appended(self):
		t = series_rules.parse("{YY}{#####}{CHECK:LUHN}")
		[serial] = series_rules.format_serials(t, CTX, 42, 1)
		assert serial.startswith("2600042")
		assert check_digits.is_valid(serial, check_digits.LUHN)

	def test_counter_too_short_for_the_volume(self):
		t = series_rules.parse("X-{###}")
		with pytest.raises(SeriesError, match="runs out at 999"):
			series_rules.format_serials(t, CTX, 990, 20)


class TestGenerate:
	def test_one_reservation_for_the_whole_receipt(self):
		counter = Counter()
		t = series_rules.parse("SN-{YY}-{#####}")
		serials = series_rules.generate(t, CTX, 1000, counter.reserve)
		assert counter.calls == 1
		assert serials[0] == "SN-26-00001" and serials[-1] == "SN-26-01000"
		assert len(set(serials)) == 1000

	def test_taken_serials_are_skipped_not_reused(self):
		counter = Counter()
		t = series_rules.parse("SN-{#####}")
		existing = {"SN-00002", "SN-00003"}
		serials = series_rules.generate(t, CTX, 4, counter.reserve, lambda batch: existing & set(batch))
		assert serials == ["SN-00001", "SN-00004", "SN-00005", "SN-00006"]
		assert counter.values["SN-"] == 6

	@pytest.mark.parametrize("count", [2.5, -1])
	def test_whole_numbers_only(self, count):
		with pytest.raises(SeriesError, match="whole number"):
			series_rules.generate(series_rules.parse("{#####}"), CTX, count, Counter().reserve)

	def test_preview_reserves_nothing(self):
		t = series_rules.parse("SN-{#####}")
		assert series_rules.preview(t, CTX, current=41) == ["SN-00042", "SN-00043", "SN-00044"]

	def test_matches(self):
		t = series_rules.parse("SN-{YY}-{#####}{CHECK:MOD37_36}")
		[serial] = series_rules.format_serials(t, CTX, 5, 1)
		assert series_rules.matches(t, serial)
		assert not series_rules.matches(t, "MAKER-123")


templates = st.sampled_from(
	[
		"SN-{YY}-{#####}",
		"{ITEM}-{###}{CHECK:MOD37_36}",
		"{YY}{WW}-{####}{CHECK:LUHN}",
		"0{YYYY}{#####}{CHECK:GS1}",
		"{#####}-{WH}",
	]
)


@given(templates, st.lists(st.integers(1, 50), min_size=1, max_size=20))
def test_counters_never_repeat_and_checks_pass(template, receipts):
	counter = Counter()
	t = series_rules.parse(template)
	seen: set[str] = set()
	for count in receipts:
		batch = series_rules.generate(t, CTX, count, counter.reserve, lambda b: seen & set(b))
		assert len(batch) == count
		assert not seen & set(batch)
		seen.update(batch)
		for serial in batch:
			assert series_rules.matches(t, serial)
			if t.check:
				assert check_digits.is_valid(serial, t.check)


@given(st.text(min_size=1, max_size=40))
def test_parse_never_crashes_on_garbage(text):
	try:
		series_rules.parse(text)
	except (SeriesError, CheckDigitError):
		pass
