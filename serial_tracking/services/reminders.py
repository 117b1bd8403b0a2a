"""Reminders as ERPNext ToDos: units past their check-out due date."""

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import add_days, getdate

from serial_tracking.core import ledger, lifecycle
from serial_tracking.services.audit_chain import EVENT

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
		.where((table.serial_no == serial) & (table.event == ledger.CHECKED_OUT))
		.orderby(table.seq, order=Order.desc)
		.limit(1)
	).run()
	return rows[0][0] if rows else None


VISIT_MARK = "[maintenance-visit:{0}]"


def overdue_visits(today=None) -> list:
	"""Pending visits (of submitted schedules, not ended by a return) whose date has passed."""
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	return (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(detail.name, detail.serial_no)
		.where(
			(detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (parent.docstatus == 1)
			& (detail.scheduled_date < getdate(today))
		)
	).run(as_dict=True)


def flag_overdue_visits(today=None) -> int:
	"""Mark pending visits whose date has passed as overdue, and clear the mark of every other visit
	(done, ended by a return, or of a cancelled schedule)."""
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	overdue = [visit.name for visit in overdue_visits(today)]
	if overdue:
		frappe.qb.update(detail).set(detail.st_overdue, 1).where(detail.name.isin(overdue)).run()
	frappe.qb.update(detail).set(detail.st_overdue, 0).where(
		(detail.st_overdue == 1) & detail.name.notin(overdue or [""])
	).run()
	return len(overdue)


def remind_due_visits(today=None, days: int | None = None) -> int:
	"""A ToDo for each pending visit due within ``days`` (the setting), for the sales person's user or
	the schedule's owner; one per visit."""
	today = getdate(today)
	if days is None:
		days = frappe.db.get_single_value("Serial Tracking Settings", "maintenance_reminder_days") or 0
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	visits = (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(
			detail.name,
			detail.parent,
			detail.serial_no,
			detail.item_code,
			detail.scheduled_date,
			detail.sales_person,
			parent.owner,
			parent.customer,
		)
		.where(
			(detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (parent.docstatus == 1)
			& (detail.scheduled_date >= today)
			& (detail.scheduled_date <= add_days(today, days))
		)
	).run(as_dict=True)
	made = 0
	for visit in visits:
		mark = VISIT_MARK.format(visit.name)
		if frappe.db.exists(
			"ToDo",
			{
				"reference_type": "Maintenance Schedule",
				"reference_name": visit.parent,
				"description": ("like", f"%{mark}%"),
			},
		):
			continue
		user = (visit.sales_person and sales_person_user(visit.sales_person)) or visit.owner
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": "Maintenance Schedule",
				"reference_name": visit.parent,
				"date": visit.scheduled_date,
				"description": _("Maintenance visit for unit {0} ({1}) of {2} is due on {3}. {4}").format(
					visit.serial_no,
					visit.item_code,
					visit.customer,
					frappe.format(visit.scheduled_date, "Date"),
					mark,
				),
			}
		).insert(ignore_permissions=True)
		made += 1
	return made


def sales_person_user(sales_person: str) -> str | None:
	employee = frappe.db.get_value("Sales Person", sales_person, "employee")
	return employee and frappe.db.get_value("Employee", employee, "user_id")
