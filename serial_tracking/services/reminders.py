"""Reminders as ERPNext ToDos: units past their check-out due date."""

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import getdate

from serial_tracking.core import audit, lifecycle
from serial_tracking.services.audit_trail import EVENT

OVERDUE_MARK = "[overdue-checkout]"


def overdue_units(today=None):
	unit = frappe.qb.DocType("Serial No")
	today = getdate(today)
	return (
		frappe.qb.from_(unit)
		.select(unit.name, unit.item_code, unit.st_custodian_type, unit.st_custodian, unit.st_due_date)
		.where(
			(unit.st_lifecycle_status == lifecycle.ON_LOAN)
			& unit.st_due_date.isnotnull()
			& (unit.st_due_date < today)
		)
	).run(as_dict=True)


def remind_overdue_checkouts(today=None) -> int:
	"""One open ToDo per overdue unit, for the user who checked it out; returns how many were made."""
	made = 0
	for unit in overdue_units(today):
		if frappe.db.exists(
			"ToDo",
			{
				"reference_type": "Serial No",
				"reference_name": unit.name,
				"status": "Open",
				"description": ("like", f"%{OVERDUE_MARK}%"),
			},
		):
			continue
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": checked_out_by(unit.name) or "Administrator",
				"reference_type": "Serial No",
				"reference_name": unit.name,
				"date": getdate(today),
				"priority": "High",
				"description": _("Unit {0} ({1}) was due back from {2} {3} on {4}. {5}").format(
					unit.name,
					unit.item_code,
					_(unit.st_custodian_type or ""),
					unit.st_custodian,
					frappe.format(unit.st_due_date, "Date"),
					OVERDUE_MARK,
				),
			}
		).insert(ignore_permissions=True)
		made += 1
	return made


def checked_out_by(serial: str) -> str | None:
	table = frappe.qb.DocType(EVENT)
	rows = (
		frappe.qb.from_(table)
		.select(table.recorded_by)
		.where((table.serial_no == serial) & (table.event == audit.CHECKED_OUT))
		.orderby(table.seq, order=Order.desc)
		.limit(1)
	).run()
	return rows[0][0] if rows else None
