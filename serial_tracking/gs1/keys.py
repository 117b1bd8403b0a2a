"""GS1 keys on the site: an item's GTIN (ERPNext's own Item Barcode table), the GS1 company prefix and
resolver of Serial Tracking Settings, and the unit a GS1 reading names."""

from dataclasses import dataclass

import frappe
from frappe.utils import get_url

from serial_tracking.gs1.core import identifiers
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.gs1.core.reading import Reading, printable
from serial_tracking.platform.core.i18n import _

# Item Barcode types that hold a GTIN (ERPNext's options); a barcode without a type counts when it is a
# GTIN with a right check digit.
GTIN_TYPES = ("EAN", "UPC-A", "EAN-12", "EAN-8", "GS1", "GTIN", "JAN", "UPC", "ISBN", "ISBN-13", "")


@dataclass(frozen=True)
class Found:
	"""What a GS1 reading names on the site: the item, and the unit when it exists."""

	item_code: str
	serial_no: str | None
	reading: Reading
	barcode: str | None = None  # the Item Barcode the GTIN matched


def settings():
	return frappe.get_cached_doc("Serial Tracking Settings")


def company_prefix() -> str | None:
	return (settings().get("gs1_company_prefix") or "").strip() or None


def resolver() -> str:
	"""Scheme and host of the GS1 Digital Links the app prints: the setting, else the site's URL."""
	return (settings().get("gs1_resolver_host") or get_url()).rstrip("/")


def items_of_gtin(gtin: str) -> dict[str, str]:
	"""Items whose Item Barcode holds ``gtin`` (14 digits) in any GTIN form: {item_code: barcode}; kept
	two minutes in the cache when found, as ERPNext keeps its scans' answers (a receipt scans one GTIN
	many times); an unknown GTIN is looked up again at once, so a barcode added to an item counts."""
	key = f"serial_tracking:gs1_items:{gtin}"
	if cached := frappe.cache.get_value(key):
		return cached
	found = read_items_of_gtin(gtin)
	if found:
		frappe.cache.set_value(key, found, expires_in_sec=120)
	return found


def read_items_of_gtin(gtin: str) -> dict[str, str]:
	barcode = frappe.qb.DocType("Item Barcode")
	rows = (
		frappe.qb.from_(barcode)
		.select(barcode.parent, barcode.barcode, barcode.barcode_type)
		.where(barcode.barcode.isin(identifiers.gtin_forms(gtin)) & (barcode.parenttype == "Item"))
	).run()
	return {item: code for item, code, kind in rows if (kind or "") in GTIN_TYPES}


def gtins(item_codes) -> dict[str, str]:
	"""The GTIN (14 digits) of each of ``item_codes`` that has one: its first Item Barcode that is a
	GTIN with a right check digit."""
	if not item_codes:
		return {}
	barcode = frappe.qb.DocType("Item Barcode")
	rows = (
		frappe.qb.from_(barcode)
		.select(barcode.parent, barcode.barcode, barcode.barcode_type)
		.where(barcode.parent.isin(list(item_codes)) & (barcode.parenttype == "Item"))
		.orderby(barcode.idx)
	).run()
	found: dict[str, str] = {}
	for item, code, kind in rows:
		code = (code or "").strip()
		if item not in found and (kind or "") in GTIN_TYPES and identifiers.is_gtin(code):
			found[item] = code.zfill(14)
	return found


def find(reading: Reading, item_code: str | None = None) -> Found:
	"""The item (and unit, when it exists) of ``reading``; refuses an unknown GTIN or GIAI, and a GTIN
	of another item than ``item_code`` when given (a receipt line's)."""
	if reading.giai:
		return find_asset(reading)
	items = items_of_gtin(reading.gtin)
	if not items:
		raise GS1Error(
			_("No item has the GTIN {gtin}: add it to the item's barcodes (type GTIN, EAN or UPC)."),
			gtin=reading.gtin,
		)
	if item_code and item_code not in items:
		raise GS1Error(
			_("The GTIN {gtin} is of item {other}, not of item {item} of this line."),
			gtin=reading.gtin,
			other=next(iter(items)),
			item=item_code,
		)
	candidates = [item_code] if item_code else list(items)
	serial_no, unit_item = unit_of(candidates, reading.serial) if reading.serial else (None, None)
	chosen = unit_item or candidates[0]
	return Found(chosen, serial_no, reading, items.get(chosen))


def unit_of(item_codes: list[str], serial: str) -> tuple[str | None, str | None]:
	"""The unit of one of ``item_codes`` whose internal serial, else maker serial, is ``serial``: one
	on hand first, else the most recent."""
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.item_code, unit.warehouse, unit.creation)
		.where(unit.item_code.isin(item_codes) & ((unit.name == serial) | (unit.st_maker_serial == serial)))
		.limit(50)
	).run()
	if not rows:
		return None, None
	# the internal serial first (the database compares case-blind: an exact match before), then on hand
	best = max(rows, key=lambda r: (r[0] == serial, r[0].upper() == serial.upper(), r[2] is not None, r[3]))
	return best[0], best[1]


def find_asset(reading: Reading) -> Found:
	prefix = company_prefix()
	reference = identifiers.asset_reference(prefix, reading.giai) if prefix else None
	row = frappe.db.get_value("Serial No", reference, ["name", "item_code"]) if reference else None
	if not row:
		raise GS1Error(
			_("{code} is a GS1 asset identifier (GIAI) that is no unit of this site."),
			code=printable(reading.giai),
		)
	return Found(row[1], row[0], reading)
