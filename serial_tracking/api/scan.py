import frappe

from erpnext.stock.utils import scan_barcode as erpnext_scan_barcode

from serial_tracking.services.units import find_by_maker_serial


@frappe.whitelist()
def scan_barcode(search_value: str) -> dict:
	"""ERPNext's scan, then the manufacturer's serial: a scanned maker serial finds its unit, with the
	same fields ERPNext's own scan of a serial gives."""
	if found := erpnext_scan_barcode(search_value):
		return found
	if unit := find_by_maker_serial(search_value):
		item = frappe.get_cached_value(
			"Item", unit.item_code, ["has_batch_no", "has_serial_no"], as_dict=True
		)
		return {
			"serial_no": unit.name,
			"item_code": unit.item_code,
			"batch_no": unit.batch_no,
			**(item or {}),
		}
	return {}
