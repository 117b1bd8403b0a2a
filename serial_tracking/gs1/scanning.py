"""GS1 codes scanned into ERPNext's barcode field (the app's override of ``scan_barcode``) and into the
app's own scan fields: read, the item found by its GTIN, the unit by its serial."""

import frappe

from serial_tracking.gs1 import keys
from serial_tracking.gs1.core import reading
from serial_tracking.platform import erpnext_internals
from serial_tracking.platform.messages import rules_as_messages


def read(scanned: str | None, *, bare: bool = False) -> reading.Reading | None:
	"""The GS1 code in ``scanned`` (None for a plain serial), a refusal as a translated message.
	``bare``: also an element string without any marker (only once the text found nothing as a serial)."""
	with rules_as_messages():
		return reading.read_bare(scanned) if bare else reading.read(scanned)


def find(found: reading.Reading, item_code: str | None = None) -> keys.Found:
	with rules_as_messages():
		return keys.find(found, item_code)


def details(found: keys.Found) -> dict:
	"""What the desk keeps of a GS1 scan: the maker serial, lot and dates, the code in one line."""
	r = found.reading
	return {
		"gtin": r.gtin,
		"giai": r.giai,
		"serial": r.serial,
		"lot": r.lot,
		"production_date": r.production_date,
		"expiry_date": r.expiry_date,
		"hri": r.hri,
		"form": r.form,
	}


def answer(found: keys.Found, ctx: dict | str | None = None) -> dict:
	"""ERPNext's answer to a scan of the unit's serial (or of the item's barcode when the unit is not
	on the site yet, as at receipt), with the GS1 details as ``st_gs1``."""
	if found.serial_no:
		result = erpnext_internals.scan_barcode(found.serial_no, ctx)
	elif found.barcode:
		result = erpnext_internals.scan_barcode(found.barcode, ctx)
	else:
		result = {}
	if not result:
		has_batch_no, has_serial_no = frappe.get_cached_value(
			"Item", found.item_code, ["has_batch_no", "has_serial_no"]
		)
		result = {"item_code": found.item_code, "has_batch_no": has_batch_no, "has_serial_no": has_serial_no}
	return {**result, "st_gs1": details(found)}
