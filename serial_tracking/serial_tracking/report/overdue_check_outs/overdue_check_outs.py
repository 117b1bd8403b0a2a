"""Overdue Check-outs: units on loan, with who has them, since when, and how many days late."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import getdate

from serial_tracking.platform.report_columns import column
from serial_tracking.units.core import ledger, lifecycle


class CheckoutFilters(TypedDict, total=False):
	overdue_only: int
	item_code: str
	custodian_type: str
	custodian: str


def execute(filters: CheckoutFilters | None = None):
	filters = frappe._dict(filters or {})
	return columns(), rows(filters)


def rows(filters) -> list[dict]:
	unit = frappe.qb.DocType("Serial No")
	event = frappe.qb.DocType("Serial Audit Event")
	last_checkout = (
		frappe.qb.from_(event)
		.select(event.serial_no, Max(event.seq).as_("seq"))
		.where(event.event == ledger.CHECKED_OUT)
		.groupby(event.serial_no)
	)
	employee, customer = frappe.qb.DocType("Employee"), frappe.qb.DocType("Customer")
	query = (
		frappe.qb.from_(unit)
		.left_join(employee)
		.on((unit.st_custodian_type == "Employee") & (employee.name == unit.st_custodian))
		.left_join(customer)
		.on((unit.st_custodian_type == "Customer") & (customer.name == unit.st_custodian))
		.left_join(last_checkout)
		.on(last_checkout.serial_no == unit.name)
		.left_join(event)
		.on((event.serial_no == last_checkout.serial_no) & (event.seq == last_checkout.seq))
		.select(
			unit.name.as_("serial_no"),
			unit.item_code,
			unit.item_name,
			unit.st_custodian_type.as_("custodian_type"),
			unit.st_custodian.as_("custodian"),
			Coalesce(employee.employee_name, customer.customer_name, unit.st_custodian).as_("custodian_name"),
			unit.st_due_date.as_("due_date"),
			unit.warehouse,
			event.posting.as_("checked_out_on"),
			event.recorded_by.as_("checked_out_by"),
		)
		.where(unit.st_lifecycle_status == lifecycle.ON_LOAN)
		.orderby(unit.st_due_date)
	)
	today = getdate()
	if filters.overdue_only:
		query = query.where(unit.st_due_date < today)
	if filters.item_code:
		query = query.where(unit.item_code == filters.item_code)
	if filters.custodian_type:
		query = query.where(unit.st_custodian_type == filters.custodian_type)
	if filters.custodian:
		query = query.where(unit.st_custodian == filters.custodian)
	data = query.run(as_dict=True)
	for row in data:
		row.days_overdue = lifecycle.overdue(getdate(row.due_date) if row.due_date else None, today)
	return data


def columns() -> list[dict]:
	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
		column(_("Item"), "item_code", "Link", "Item", 160),
		column(_("Item Name"), "item_name", width=150),
		column(_("Custodian"), "custodian_name", width=150),
		column(_("Custodian Type"), "custodian_type", width=110),
		column(_("Custodian ID"), "custodian", "Dynamic Link", "custodian_type", 130),
		column(_("Checked Out On"), "checked_out_on", "Datetime", width=160),
		column(_("Checked Out By"), "checked_out_by", "Link", "User", 130),
		column(_("Due Back"), "due_date", "Date", width=110),
		column(_("Days Overdue"), "days_overdue", "Int", width=100),
		column(_("Warehouse"), "warehouse", "Link", "Warehouse", 150),
	]
