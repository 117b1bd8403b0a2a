"""Reminders as ERPNext ToDos, the app's plumbing for them: each ToDo carries its reminder key
(``st_reminder``), so a reminder is made once while it is open; written in bulk and shown on the
document's "Assigned To" as ERPNext's own are; closed when what it asked for is done or moot."""

import json
from collections import defaultdict

import frappe
from frappe.utils import now

from serial_tracking.platform import bulk_insert

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
