"""Numbers for the Serial Tracking workspace's custom number cards."""

import frappe
from frappe.utils import add_days, getdate

from serial_tracking.maintenance import visit_reminders


@frappe.whitelist()
@frappe.read_only()
def warranty_expiring(filters: str | dict | None = None) -> dict:
	"""Units whose customer warranty ends in the next 30 days."""
	frappe.has_permission("Serial No", "read", throw=True)
	today = getdate()
	window = ["between", [today, add_days(today, 30)]]
	return {
		"value": frappe.db.count("Serial No", {"warranty_expiry_date": window}),
		"fieldtype": "Int",
		"route": ["List", "Serial No"],
		"route_options": {"warranty_expiry_date": window},
	}


@frappe.whitelist()
@frappe.read_only()
def maintenance_overdue(filters: str | dict | None = None) -> dict:
	"""Units with a maintenance visit past its date and not done."""
	frappe.has_permission("Maintenance Schedule", "read", throw=True)
	return {
		"value": len({visit.serial_no for visit in visit_reminders.overdue_visits()}),
		"fieldtype": "Int",
		"route": ["query-report", "Upcoming Maintenance"],
		"route_options": {"overdue_only": 1},
	}
