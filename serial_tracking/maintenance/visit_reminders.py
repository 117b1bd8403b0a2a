"""Reminders of maintenance visits: pending visits past their date are flagged overdue, visits due soon
get a ToDo for the sales person's user or the schedule's owner (one per visit)."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from serial_tracking.platform.todos import make_todos, reminded

VISIT_DUE = "maintenance-visit:{0}"


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


def due_visits(today, days: int) -> list:
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	return (
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


def remind_due_visits(today=None, days: int | None = None) -> int:
	"""A ToDo for each pending visit due within ``days`` (the setting), for the sales person's user or
	the schedule's owner; one per visit."""
	today = getdate(today)
	if days is None:
		days = frappe.db.get_single_value("Serial Tracking Settings", "maintenance_reminder_days") or 0
	visits = due_visits(today, days)
	keys = {visit.name: VISIT_DUE.format(visit.name) for visit in visits}
	done = reminded(keys.values())
	visits = [visit for visit in visits if keys[visit.name] not in done]
	users = sales_person_users({visit.sales_person for visit in visits if visit.sales_person})
	return make_todos(
		{
			"allocated_to": users.get(visit.sales_person) or visit.owner,
			"reference_type": "Maintenance Schedule",
			"reference_name": visit.parent,
			"date": visit.scheduled_date,
			"st_reminder": keys[visit.name],
			"description": _("Maintenance visit for unit {0} ({1}) of {2} is due on {3}.").format(
				visit.serial_no, visit.item_code, visit.customer, frappe.format(visit.scheduled_date, "Date")
			),
		}
		for visit in visits
	)


def sales_person_users(sales_persons: set[str]) -> dict[str, str]:
	"""The user of each sales person's employee, in one query."""
	if not sales_persons:
		return {}
	person = frappe.qb.DocType("Sales Person")
	employee = frappe.qb.DocType("Employee")
	rows = (
		frappe.qb.from_(person)
		.join(employee)
		.on(employee.name == person.employee)
		.select(person.name, employee.user_id)
		.where(person.name.isin(list(sales_persons)) & employee.user_id.isnotnull())
	).run()
	return dict(rows)
