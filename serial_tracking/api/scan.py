import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.gs1 import scanning as gs1
from serial_tracking.platform import erpnext_internals
from serial_tracking.units.lookup import find_by_maker_serial

SCAN_LENGTH = 1000  # a barcode, serial, batch or warehouse, or a label's QR code


@frappe.whitelist()
def scan_barcode(search_value: str, ctx: dict | str | None = None) -> dict:
	"""ERPNext's scan, then the manufacturer's serial, then GS1: a scanned maker serial finds its unit,
	answered as ERPNext answers a scan of the unit's own serial (the same fields; on ERPNext 16 also the
	default warehouse it takes from ``ctx``, the form's company and warehouse, sent by the desk as JSON).
	A GS1 code (element string, human-readable form, Digital Link) finds the item by its GTIN and the
	unit by its serial; its maker serial, lot and dates come back as ``st_gs1``. A GS1 code the app cannot
	trust (wrong check digit, cut short, unknown GTIN) is refused with the reason."""
	search_value = arguments.text(search_value, _("Scanned code"), limit=SCAN_LENGTH) or ""
	ctx = arguments.json_object(ctx, _("Scan context"))
	if reading := gs1.read(search_value):  # a GS1 marker: never a plain serial
		return gs1.answer(gs1.find(reading), ctx)
	if found := erpnext_internals.scan_barcode(search_value, ctx):
		return found
	if unit := find_by_maker_serial(search_value):
		return erpnext_internals.scan_barcode(unit.name, ctx)
	if reading := gs1.read(search_value, bare=True):  # an element string sent without any marker
		return gs1.answer(gs1.find(reading), ctx)
	return {}
