"""Open RMAs: every RMA whose customer still waits (authorized, received, diagnosed, repaired), oldest
first, with its age in days, how long the unit has been with us and its latest step."""

from typing import TypedDict

import frappe
from frappe import _

from serial_tracking.customers import quality
from serial_tracking.platform.report_columns import column


class OpenRMAFilters(TypedDict, total=False):
	company: str
	customer: str
	item_code: str


def execute(filters: OpenRMAFilters | None = None):
	f = frappe._dict(filters or {})
	rows = quality.open_rmas(f.company, f.customer, f.item_code)
	message = None if rows else _("No RMA is open: every customer has their unit back, or a replacement.")
	return columns(), rows, message, chart(rows)


def chart(rows):
	if not rows:
		return None
	buckets = (
		(_("Up to 7 days"), 0, 7),
		(_("8 to 14 days"), 8, 14),
		(_("15 to 30 days"), 15, 30),
		(_("Over 30 days"), 31, None),
	)
	counts = [
		sum(1 for r in rows if r.age >= low and (high is None or r.age <= high))
		for _label, low, high in buckets
	]
	return {
		"data": {"labels": [b[0] for b in buckets], "datasets": [{"name": _("Open RMAs"), "values": counts}]},
		"type": "bar",
		"colors": ["#E24C4C"],
		"title": _("Open RMAs by age"),
	}


def columns() -> list[dict]:
	return [
		column(_("RMA"), "name", "Link", "RMA", 150),
		column(_("Status"), "status", width=100),
		column(_("Age (Days)"), "age", "Int", width=90),
		column(_("Days With Us"), "days_with_us", "Int", width=100),
		column(_("Customer"), "customer", "Link", "Customer", 140),
		column(_("Customer Name"), "customer_name", width=150),
		column(_("Unit"), "serial_no", "Link", "Serial No", 160),
		column(_("Item"), "item_code", "Link", "Item"),
		column(_("Opened On"), "opened_on", "Datetime", width=150),
		column(_("Received On"), "received_on", "Datetime", width=150),
		column(_("Latest Step"), "last_step", width=110),
		column(_("Latest Step On"), "last_step_on", "Datetime", width=150),
		column(_("Warranty Claim"), "warranty_claim", "Link", "Warranty Claim", 150),
		column(_("Supplier"), "supplier", "Link", "Supplier"),
		column(_("Receipt Type"), "receipt_type", width=110),
		column(_("Receipt"), "receipt", "Dynamic Link", "receipt_type", 150),
	]
