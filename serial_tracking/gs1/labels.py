"""GS1 labels: a unit's GS1 DataMatrix, GS1-128 or Digital Link QR, rendered into the label sheet.

zxing-cpp draws the GS1 symbols in GS1 mode (a leading FNC1, FNC1 after each variable-length element),
from the elements' human-readable form, as SVG. (pystrich, the pure-Python choice, needs Pillow 12.3 or
later on Python 3.11 and above, which Frappe 15 (Pillow ~= 11.3) and 16 (~= 12.1) both pin below: it
cannot be installed in a bench without breaking Frappe's own requirements.)"""

import base64
from urllib.parse import quote

import pyqrcode
import zxingcpp

import frappe
from frappe.utils import get_url
from frappe.utils.pdf import get_pdf

from serial_tracking.gs1 import keys
from serial_tracking.gs1.core import symbols
from serial_tracking.platform import compat
from serial_tracking.series import labels as series_labels

TEMPLATE = "serial_tracking/templates/labels/gs1_labels.html"
FIELDS = [
	"name",
	"item_code",
	"item_name",
	"st_maker_serial",
	"st_gs1_lot",
	"st_production_date",
	"st_expiry_date",
]


def kind() -> str:
	return keys.settings().get("label_symbology") or symbols.CODE128_QR


def image(symbol: symbols.Symbol) -> str:
	"""The symbol as a data URI (PNG for the QR code, SVG for the GS1 symbols)."""
	if symbol.symbology == "qr":
		return "data:image/png;base64," + pyqrcode.create(symbol.text, error="M").png_as_base64_str(
			scale=6, quiet_zone=4
		)
	svg = zxingcpp.write_barcode_to_svg(barcode(symbol), scale=3 if symbol.symbology == "gs1-128" else 6)
	return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def barcode(symbol: symbols.Symbol) -> zxingcpp.Barcode:
	"""The GS1-128 or GS1 DataMatrix of ``symbol``, as zxing-cpp draws it.

	A DataMatrix is always square (ECC 200 of ISO/IEC 16022): left to itself zxing-cpp (3.x) picks the
	smallest size of any shape, rectangles and the extended rectangles of ISO/IEC 21471 (DMRE) among them,
	by the length of the data. A DMRE symbol is not one every scanner reads (many read it only once it is
	enabled; it decodes as ]d8, not ]d2), and the label's box for a 2D symbol is square, so a rectangle
	would be drawn stretched."""
	gs1_128 = symbol.symbology == "gs1-128"
	if gs1_128:
		return zxingcpp.create_barcode(human_readable(symbol), zxingcpp.BarcodeFormat.Code128, gs1=True)
	return zxingcpp.create_barcode(
		human_readable(symbol) if symbol.gs1 else symbol.text,
		zxingcpp.BarcodeFormat.DataMatrix,
		gs1=bool(symbol.gs1),
		force_square=True,
	)


def human_readable(symbol: symbols.Symbol) -> str:
	"""The elements as "(01)09506000134352(21)SN-1", the form the encoder takes GS1 data in."""
	return "".join(f"({ai}){value}" for ai, value in symbol.elements)


def unit_url(serial: str) -> str:
	"""The unit's own page on the site (what a label carries when the unit has no GS1 key)."""
	return get_url(compat.desk_route("serial-no", quote(serial, safe="")))


def symbols_of(units: list[dict], label_kind: str) -> dict[str, symbols.Symbol]:
	gtins = keys.gtins({unit.item_code for unit in units})
	prefix, resolver = keys.company_prefix(), keys.resolver()
	return {
		unit.name: symbols.label_symbol(
			label_kind,
			symbols.Unit(
				unit.name,
				gtins.get(unit.item_code),
				unit.st_gs1_lot,
				unit.st_production_date,
				unit.st_expiry_date,
			),
			company_prefix=prefix,
			resolver=resolver,
			unit_url=unit_url(unit.name),
		)
		for unit in units
	}


def render(serials: list[str]) -> str:
	"""The GS1 label sheet's HTML (one page a label), in the order of ``serials``; what
	:func:`serial_tracking.series.labels.build_sheet` renders chunk by chunk for a GS1 label choice."""
	label_kind = kind()
	units = frappe.get_all("Serial No", {"name": ("in", serials)}, FIELDS)
	order = {serial: i for i, serial in enumerate(serials)}
	units.sort(key=lambda unit: order.get(unit.name, 0))
	found = symbols_of(units, label_kind)
	for unit in units:
		symbol = found[unit.name]
		unit.symbol_src, unit.symbol_hri, unit.symbology = image(symbol), symbol.hri, symbol.symbology
	context = {"labels": units, "settings": series_labels.settings()}
	return f'<div class="print-format">{frappe.render_template(TEMPLATE, context)}</div>'


def sheet_pdf(serials: list[str]) -> bytes:
	"""One PDF with a page per GS1 label, in the order of ``serials``."""
	return get_pdf(render(serials))
