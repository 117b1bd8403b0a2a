import frappe

from serial_tracking.platform import erpnext_internals
from serial_tracking.units.lookup import find_by_maker_serial


@frappe.whitelist()
def scan_barcode(search_value: str, ctx: dict | str | None = None) -> dict:
	"""ERPNext's scan, then the manufacturer's serial: a scanned maker serial finds its unit, answered as
	ERPNext answers a scan of the unit's own serial (the same fields; on ERPNext 16 also the default
	warehouse it takes from ``ctx``, the form's company and warehouse, sent by the desk as JSON)."""
	if found := erpnext_internals.scan_barcode(search_value, ctx):
		return found
	if unit := find_by_maker_serial(search_value):
		return erpnext_internals.scan_barcode(unit.name, ctx)
	return {}
