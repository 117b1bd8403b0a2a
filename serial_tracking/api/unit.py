import frappe

from serial_tracking.services import unit_summary


@frappe.whitelist()
def summary(serial_no: str) -> dict:
	frappe.get_doc("Serial No", serial_no).check_permission("read")
	return unit_summary.summary(serial_no)
