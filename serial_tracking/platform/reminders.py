"""Reminders as ERPNext ToDos: units past their check-out due date, maintenance visits due soon.

A daily job over any number of units: a fixed number of queries whatever the count (the reminders
already open, who checked each unit out, each sales person's user), and the new ToDos written in bulk.
Each ToDo carries its reminder key (``st_reminder``), so a reminder is made once while it is open.
"""

import json
from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_days, getdate, now

from serial_tracking.audit.event_store import EVENT
from serial_tracking.platform import bulk_insert
from serial_tracking.units.core import ledger, lifecycle

OVERDUE_CHECKOUT = "overdue-checkout:{0}"
VISIT_DUE = "maintenance-visit:{0}"
TODO_COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"status",
	"priority",
	"date",
	"allocated_to",
	"description",
	"reference_type",
	"reference_name",
	"assigned_by",
	"st_reminder",
]


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
	units = overdue_units(today)
	keys = {unit.name: OVERDUE_CHECKOUT.format(unit.name) for unit in units}
	done = reminded(keys.values(), open_only=True)
	units = [unit for unit in units if keys[unit.name] not in done]
	by = checked_out_by([unit.name for unit in units])
	return make_todos(
		{
			"allocated_to": by.get(unit.name) or "Administrator",
			"reference_type": "Serial No",
			"reference_name": unit.name,
			"date": getdate(today),
			"priority": "High",
			"st_reminder": keys[unit.name],
			"description": _("Unit {0} ({1}) was due back from {2} {3} on {4}.").format(
				unit.name,
				unit.item_code,
				_(unit.st_custodian_type or ""),
				unit.st_custodian,
				frappe.format(unit.st_due_date, "Date"),
			),
		}
		for unit in units
	)


def reminded(keys, open_only: bool = False) -> set[str]:
	"""Those of the reminder ``keys`` that have a ToDo (an open one, with ``open_only``)."""
	keys = list(keys)
	if not keys:
		return set()
	todo = frappe.qb.DocType("ToDo")
	query = frappe.qb.from_(todo).select(todo.st_reminder).where(todo.st_reminder.isin(keys))
	if open_only:
		query = query.where(todo.status == "Open")
	return set(query.run(pluck=True))


def close(keys, status: str = "Cancelled") -> None:
	"""Close the open reminders of ``keys``: ``Cancelled`` when what they asked for is no longer to be
	done, ``Closed`` when it was done."""
	keys = list(keys)
	if not keys:
		return
	todo = frappe.qb.DocType("ToDo")
	frappe.qb.update(todo).set(todo.status, status).where(
		todo.st_reminder.isin(keys) & (todo.status == "Open")
	).run()


def checked_out_by(serials: list[str]) -> dict[str, str]:
	"""The user who recorded each unit's latest check-out, in one query."""
	if not serials:
		return {}
	table = frappe.qb.DocType(EVENT)
	latest = (
		frappe.qb.from_(table)
		.select(table.serial_no, Max(table.seq).as_("seq"))
		.where(table.serial_no.isin(serials) & (table.event == ledger.CHECKED_OUT))
		.groupby(table.serial_no)
	).as_("latest")
	rows = (
		frappe.qb.from_(table)
		.join(latest)
		.on((latest.serial_no == table.serial_no) & (latest.seq == table.seq))
		.select(table.serial_no, table.recorded_by)
	).run()
	return dict(rows)


def make_todos(todos) -> int:
	"""Insert the ToDos in bulk and show each on its document's "Assigned To", as ERPNext's own do."""
	timestamp, user = now(), frappe.session.user
	rows, assigned = [], defaultdict(set)
	for todo in todos:
		rows.append(
			(
				frappe.generate_hash(length=10),
				timestamp,
				timestamp,
				user,
				user,
				"Open",
				todo.get("priority") or "Medium",
				todo["date"],
				todo["allocated_to"],
				todo["description"],
				todo["reference_type"],
				todo["reference_name"],
				user,
				todo["st_reminder"],
			)
		)
		assigned[(todo["reference_type"], todo["reference_name"])].add(todo["allocated_to"])
	bulk_insert.insert("ToDo", TODO_COLUMNS, rows)
	show_assignments(assigned)
	return len(rows)


def show_assignments(assigned: dict[tuple[str, str], set[str]]) -> None:
	"""Add the new assignees to each document's ``_assign`` (what ERPNext's ToDo.update_in_reference
	keeps), in one read and one write per distinct list of assignees."""
	by_doctype = defaultdict(dict)
	for (doctype, name), users in assigned.items():
		by_doctype[doctype][name] = users
	for doctype, docs in by_doctype.items():
		table = frappe.qb.DocType(doctype)
		current = dict(
			frappe.qb.from_(table).select(table.name, table._assign).where(table.name.isin(list(docs))).run()
		)
		groups = defaultdict(list)
		for name, users in docs.items():
			before = json.loads(current.get(name) or "[]")
			groups[json.dumps(before + sorted(users - set(before)))].append(name)
		for value, names in groups.items():
			frappe.qb.update(table).set(table._assign, value).where(table.name.isin(names)).run()


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
