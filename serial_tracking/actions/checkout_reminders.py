"""Reminders of units past their check-out due date: one open ToDo per overdue unit, for the user who
checked it out (a fixed number of queries whatever the count of units)."""

import frappe
from frappe import _
from frappe.utils import getdate

from serial_tracking.audit import event_store
from serial_tracking.platform.todos import make_todos, reminded
from serial_tracking.units.core import ledger, lifecycle

OVERDUE_CHECKOUT = "overdue-checkout:{0}"


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


def checked_out_by(serials: list[str]) -> dict[str, str]:
	"""The user who recorded each unit's latest check-out, in one query."""
	found = event_store.latest_where(serials, lambda t: t.event == ledger.CHECKED_OUT, "recorded_by")
	return {serial: user for serial, (user,) in found.items()}
