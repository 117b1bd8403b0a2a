"""Upcoming Maintenance: each unit's next pending visit, how late it is, and its warranties."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import add_days, formatdate, getdate

from serial_tracking.maintenance.core import visit_dates, visit_weeks
from serial_tracking.platform.report_columns import column


class MaintenanceFilters(TypedDict, total=False):
	to_date: str
	customer: str
	item_code: str
	overdue_only: int


def execute(filters: MaintenanceFilters | None = None):
	filters = frappe._dict(filters or {})
	data = rows(filters)
	return columns(), data, None, chart(data)


def rows(filters) -> list[dict]:
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	unit = frappe.qb.DocType("Serial No")
	today = getdate()
	to_date = getdate(filters.to_date) if filters.to_date else add_days(today, 90)
	next_visit = (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(
			detail.serial_no,
			detail.item_code,
			parent.customer,
			Min(detail.scheduled_date).as_("next_visit"),
			Min(detail.parent).as_("maintenance_schedule"),
		)
		.where(
			(parent.docstatus == 1)
			& (detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (detail.scheduled_date <= to_date)
		)
		.groupby(detail.serial_no, detail.item_code, parent.customer)
	)
	if filters.customer:
		next_visit = next_visit.where(parent.customer == filters.customer)
	if filters.item_code:
		next_visit = next_visit.where(detail.item_code == filters.item_code)
	if filters.overdue_only:
		next_visit = next_visit.where(detail.scheduled_date < today)
	visits = next_visit.run(as_dict=True)
	units = {
		row.name: row
		for row in frappe.qb.from_(unit)
		.select(unit.name, unit.warranty_expiry_date, unit.st_vendor_warranty_expiry, unit.amc_expiry_date)
		.where(unit.name.isin([v.serial_no for v in visits] or [""]))
		.run(as_dict=True)
	}
	for visit in visits:
		info = units.get(visit.serial_no, {})
		warranty = info.get("warranty_expiry_date")
		vendor = info.get("st_vendor_warranty_expiry")
		visit.update(
			{
				"overdue_days": visit_dates.overdue_days(getdate(visit.next_visit), today),
				"warranty_expiry_date": warranty,
				"warranty_status": visit_dates.warranty_status(
					getdate(warranty) if warranty else None, today
				),
				"vendor_warranty_status": visit_dates.warranty_status(
					getdate(vendor) if vendor else None, today
				),
				"contract_end": info.get("amc_expiry_date"),
			}
		)
	return sorted(visits, key=lambda v: v.next_visit)


def chart(data: list[dict]) -> dict | None:
	"""Visits per week: one Overdue bar for the late ones, then each week from this one (core.visit_weeks);
	whole numbers on the axis, the same colour at every load."""
	bars = visit_weeks.visits_per_week([getdate(row["next_visit"]) for row in data], getdate())
	if not bars:
		return None
	labels = [
		_("Overdue") if week == visit_weeks.OVERDUE else _("Week of {0}").format(formatdate(week))
		for week, _count in bars
	]
	return {
		"data": {"labels": labels, "datasets": [{"name": _("Visits"), "values": [n for _w, n in bars]}]},
		"type": "bar",
		"colors": ["#5e64ff"],
		"whole_numbers": 1,  # counts: the desk keeps the axis in whole steps (public/js/reports.js)
	}


def columns() -> list[dict]:

	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
		column(_("Item"), "item_code", "Link", "Item"),
		column(_("Customer"), "customer", "Link", "Customer", 150),
		column(_("Next Visit"), "next_visit", "Date", width=100),
		column(_("Overdue Days"), "overdue_days", "Int", width=100),
		column(_("Customer Warranty"), "warranty_status", width=130),
		column(_("Warranty Expiry"), "warranty_expiry_date", "Date", width=110),
		column(_("Vendor Warranty"), "vendor_warranty_status", width=130),
		column(_("Contract End"), "contract_end", "Date", width=110),
		column(_("Schedule"), "maintenance_schedule", "Link", "Maintenance Schedule", 150),
	]
