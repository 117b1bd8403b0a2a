"""Numbers for the Serial Tracking workspace: its custom number cards and its chart."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate

from serial_tracking.maintenance import visit_reminders
from serial_tracking.units.core import lifecycle


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


@frappe.whitelist()
@frappe.read_only()
def units_by_status(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: int | None = None,
	filters: str | dict | list | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | None = None,
) -> dict:
	"""The workspace chart (a Dashboard Chart Source): units per lifecycle status, in the statuses' order
	(never by count, whose ties came back in any order), statuses with no unit left out."""
	frappe.has_permission("Serial No", "read", throw=True)
	unit = frappe.qb.DocType("Serial No")
	counts = dict(
		frappe.qb.from_(unit)
		.select(unit.st_lifecycle_status, Count("*"))
		.where(unit.st_lifecycle_status.isnotnull() & (unit.st_lifecycle_status != ""))
		.groupby(unit.st_lifecycle_status)
		.run()
	)
	shown = [status for status in lifecycle.STATUSES if counts.get(status)]
	return {
		"labels": [_(status) for status in shown],
		"datasets": [{"name": _("Units"), "values": [counts[status] for status in shown]}],
	}
