import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.platform import erpnext_internals
from serial_tracking.units.lookup import find_by_maker_serial

SCAN_LENGTH = 1000  # a barcode, serial, batch or warehouse, or a label's QR code


@frappe.whitelist()
def scan_barcode(search_value: str, ctx: dict | str | None = None) -> dict:
	"""ERPNext's scan, then the manufacturer's serial: a scanned maker serial finds its unit, answered as
	ERPNext answers a scan of the unit's own serial (the same fields; on ERPNext 16 also the default
	warehouse it takes from ``ctx``, the form's company and warehouse, sent by the desk as JSON)."""
	search_value = arguments.text(search_value, _("Scanned code"), limit=SCAN_LENGTH) or ""
	ctx = arguments.json_object(ctx, _("Scan context"))
	if found := erpnext_internals.scan_barcode(search_value, ctx):
		return found
	if unit := find_by_maker_serial(search_value):
		return erpnext_internals.scan_barcode(unit.name, ctx)
	return {}
