"""What a unit's GS1 label carries (serial_tracking.gs1.core.symbols), read back by the GS1 reader."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.gs1.core import reading, symbols

GTIN = "09506000134352"
URL = "https://site.example/app/serial-no/X"
serials = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/.", min_size=1, max_size=20)


def symbol(kind, unit, prefix=None):
	return symbols.label_symbol(kind, unit, company_prefix=prefix, resolver="https://r.example", unit_url=URL)


def element_string(found: symbols.Symbol) -> str:
	"""What a scanner sends for a GS1 symbol: the elements, FNC1 after each variable-length one."""
	parts = []
	for i, (ai, value) in enumerate(found.elements):
		last = i == len(found.elements) - 1
		parts.append(ai + value + ("" if last or symbols.is_fixed(ai) else reading.GS))
	return "]d2" + "".join(parts)


@given(serials, st.sampled_from([None, "L1", "LOT/22"]), st.dates(date(2000, 1, 1), date(2049, 12, 31)))
def test_a_gtin_items_datamatrix_reads_back_to_the_unit(serial, lot, expiry):
	unit = symbols.Unit(serial, GTIN, lot, date(2025, 1, 2), expiry)
	found = symbol(symbols.DATAMATRIX, unit)
	assert found.symbology == "datamatrix" and found.gs1
	back = reading.read(element_string(found))
	assert (back.gtin, back.serial, back.lot, back.expiry_date) == (GTIN, serial, lot, expiry)
	assert reading.read(found.hri).serial == serial


@given(serials)
def test_gs1_128_and_digital_link_carry_gtin_and_serial(serial):
	unit = symbols.Unit(serial, GTIN, "LOT", date(2025, 1, 2), date(2030, 1, 1))
	linear = symbol(symbols.GS1_128, unit)
	assert linear.symbology == "gs1-128" and dict(linear.elements) == {"01": GTIN, "21": serial}
	link = symbol(symbols.DIGITAL_LINK_QR, unit)
	assert link.symbology == "qr" and not link.gs1
	back = reading.read(link.text)
	assert (back.gtin, back.serial) == (GTIN, serial)
	assert link.text.startswith("https://r.example/01/")


def test_without_a_gtin_a_giai_or_the_units_page():
	unit = symbols.Unit("A-17")
	assert symbol(symbols.DATAMATRIX, unit, prefix="4012345").elements == (("8004", "4012345A-17"),)
	assert (
		symbol(symbols.DIGITAL_LINK_QR, unit, prefix="4012345").text == "https://r.example/8004/4012345A-17"
	)
	for kind in symbols.GS1_KINDS:
		plain = symbol(kind, unit)
		assert (plain.gs1, plain.text) == (False, URL)


def test_a_serial_no_gs1_code_can_hold_falls_back():
	unit = symbols.Unit("HAS SPACE", GTIN)
	assert symbol(symbols.DATAMATRIX, unit).text == URL
	assert symbol(symbols.DATAMATRIX, symbols.Unit("X" * 21, GTIN)).text == URL
