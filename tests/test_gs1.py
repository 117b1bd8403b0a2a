"""GS1 reading, keys and Digital Links (serial_tracking.gs1.core): every form a scanner sends."""

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.gs1.core import identifiers, reading
from serial_tracking.gs1.core.errors import GS1Error

GS = reading.GS
GTIN = "09506000134352"
# A medical device's GS1 DataMatrix as a scanner with symbology identifiers on sends it: (01) GTIN,
# (11) production, (17) expiry (fixed length), (10) lot and (21) serial (variable, FNC1 between).
DEVICE = f"]d201{GTIN}11250301172803311021A0457{GS}21SN-000173"

digits = st.sampled_from([7, 11, 12, 13]).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))
cset82 = st.text(
	alphabet="!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
	min_size=1,
	max_size=20,
)


def gtin_of(payload: str) -> str:
	return payload + identifiers.check_digit(payload)


def test_manufacturer_datamatrix_string():
	found = reading.read(DEVICE)
	assert found.form == reading.ELEMENT_STRING
	assert (found.gtin, found.serial, found.lot) == (GTIN, "SN-000173", "21A0457")
	assert (found.production_date, found.expiry_date) == (date(2025, 3, 1), date(2028, 3, 31))
	assert found.hri == f"(01){GTIN}(11)250301(17)280331(10)21A0457(21)SN-000173"


@pytest.mark.parametrize(
	"text",
	[
		f"]C101{GTIN}21ABC",
		f"]Q301{GTIN}21ABC",
		f"01{GTIN}21ABC",  # bare, read only by read_bare
		f"(01){GTIN}(21)ABC",
		f"https://id.example.com/01/{GTIN}/21/ABC",
		f"https://shop.example.org/some/prefix/01/{GTIN}/21/ABC?linkType=all",
		f"{GS}01{GTIN}21ABC",
	],
)
def test_every_form_reads_the_same_unit(text):
	found = reading.read_bare(text)
	assert (found.gtin, found.serial) == (GTIN, "ABC")


def test_plain_serials_are_no_gs1():
	for text in ("LAP-2501-00042", "A4417", "https://site.example/app/serial-no/X1", "", None, "]C0ABC"):
		assert reading.read(text) is None
	assert reading.read_bare("0123") is None
	assert reading.read_bare("01ABC") is None


def test_digital_link_query_attributes_and_encoded_serial():
	found = reading.read(f"https://x.io/01/{GTIN}/21/S%2F1?17=270100&10=L9")
	assert (found.serial, found.lot, found.expiry_date) == ("S/1", "L9", date(2027, 1, 31))
	assert found.form == reading.DIGITAL_LINK


def test_giai():
	assert reading.read("https://a.example/8004/0950600013AB").giai == "0950600013AB"
	assert reading.read(f"]d28004095060001{GS}").giai == "095060001"


@pytest.mark.parametrize(
	("text", "words"),
	[
		(f"]C10109506000134353{GS}21A", "wrong check digit"),
		("(01)0950600013435", "cut short"),
		(f"]d201{GTIN}17281301", "impossible date"),
		("]d21021A0457", "names no item"),
		("https://x.io/01/09506000134353/21/A", "wrong check digit"),
	],
)
def test_refusals(text, words):
	with pytest.raises(GS1Error) as refused:
		reading.read(text)
	assert words in str(refused.value)


def test_refusal_shows_the_group_separator():
	with pytest.raises(GS1Error) as refused:
		reading.read(f"]d201{GTIN}10A{GS}21")
	assert "<GS>" in str(refused.value)


@given(digits)
def test_check_digit_makes_a_gtin(payload):
	gtin = gtin_of(payload)
	assert identifiers.is_gtin(gtin)
	assert identifiers.gtin14(gtin) == gtin.zfill(14)
	wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
	assert not identifiers.is_gtin(wrong)
	with pytest.raises(GS1Error):
		identifiers.gtin14(wrong)


@given(digits)
def test_an_item_barcode_form_is_found_from_the_gtin14(payload):
	gtin = gtin_of(payload)
	assert gtin in identifiers.gtin_forms(gtin.zfill(14))


@given(
	st.sampled_from([12, 13]).flatmap(lambda n: st.text("0123456789", min_size=n - 1, max_size=n - 1)), cset82
)
@example("950600013435", "A/B%C")
def test_element_string_hri_and_digital_link_round_trip(payload, serial):
	gtin = identifiers.gtin14(gtin_of(payload))
	element_string = f"]d201{gtin}17271231{GS}10LOT{GS}21{serial}"
	link = identifiers.digital_link("https://r.example", gtin, serial, **{"17": "271231", "10": "LOT"})
	readings = [reading.read(text) for text in (element_string, link)]
	readings.append(reading.read(readings[0].hri)) if "(" not in serial else None
	for found in readings:
		assert (found.gtin, found.serial, found.lot, found.expiry_date) == (
			gtin,
			serial,
			"LOT",
			date(2027, 12, 31),
		)


@given(st.text("0123456789", min_size=6, max_size=10), cset82.filter(lambda s: len(s) <= 18))
def test_giai_round_trip(prefix, reference):
	value = identifiers.giai(prefix, reference)
	assert identifiers.asset_reference(prefix, value) == reference
	assert reading.read(identifiers.giai_link("https://r.example", value)).giai == value


def test_giai_refuses_what_cannot_be_one():
	with pytest.raises(GS1Error):
		identifiers.giai("12", "X")
	with pytest.raises(GS1Error):
		identifiers.giai("4012345", "has space")
	with pytest.raises(GS1Error):
		identifiers.giai("4012345", "X" * 30)


def test_label_choices_are_the_settings_options():
	import json
	from pathlib import Path

	from serial_tracking.gs1.core import symbols

	path = Path(__file__).parent.parent / "serial_tracking/serial_tracking/doctype/serial_tracking_settings"
	meta = json.loads((path / "serial_tracking_settings.json").read_text())
	[field] = [f for f in meta["fields"] if f["fieldname"] == "label_symbology"]
	assert field["options"].split("\n") == list(symbols.LABEL_KINDS)
