"""ToDos made by earlier versions carried their reminder in the description ("[overdue-checkout]",
"[maintenance-visit:<row>]"); give them the reminder key the daily job now looks for."""

import re

import frappe
from frappe.query_builder import Case

from serial_tracking.install import apply_customizations

# The reminder keys as this patch wrote them (the modules that make reminders may move or change since).
OVERDUE_CHECKOUT = "overdue-checkout:{0}"
VISIT_DUE = "maintenance-visit:{0}"

VISIT = re.compile(r"\[maintenance-visit:([^\]]+)\]")


def execute():
	apply_customizations()  # the st_reminder field, before after_migrate would make it
	todo = frappe.qb.DocType("ToDo")
	rows = (
		frappe.qb.from_(todo)
		.select(todo.name, todo.reference_name, todo.description)
		.where(
			todo.st_reminder.isnull()
			& (todo.description.like("%[overdue-checkout]%") | todo.description.like("%[maintenance-visit:%"))
		)
	).run(as_dict=True)
	keys = {}
	for row in rows:
		if "[overdue-checkout]" in row.description:
			keys[row.name] = OVERDUE_CHECKOUT.format(row.reference_name)
		elif visit := VISIT.search(row.description):
			keys[row.name] = VISIT_DUE.format(visit.group(1))
	if not keys:
		return
	case = Case()
	for name, key in keys.items():
		case = case.when(todo.name == name, key)
	frappe.qb.update(todo).set(todo.st_reminder, case).where(todo.name.isin(list(keys))).run()
