"""Defect Rate and Turnaround: per item, supplier or receipt, the units sold, those that came back
defective on an RMA, the defect rate (per hundred sold) and how long the customers waited for their unit
or a replacement (days from receipt to return or exchange). A receipt with several returned defectives
opens Recall Trace on its units (the report's Receipt links there)."""

from typing import TypedDict

import frappe
from frappe import _

from serial_tracking.customers import quality
from serial_tracking.platform.report_columns import column


class DefectFilters(TypedDict, total=False):
	company: str
	group_by: str
	from_date: str
	to_date: str
	min_defectives: int


def execute(filters: DefectFilters | None = None):
	f = frappe._dict(filters or {})
	group_by = f.group_by or "Item"
	if not f.company:
		return columns(group_by), [], _("Choose a company.")
	rows = quality.defects(f.company, group_by, f.from_date, f.to_date, int(f.min_defectives or 0))
	message = None if rows else _("No unit was sold or returned defective in this period.")
	return columns(group_by), rows, message, chart(rows, group_by)


def chart(rows, group_by):
	shown = [row for row in rows if row.defective][:15]
	if not shown:
		return None
	return {
		"data": {
			"labels": [str(row.key) for row in shown],
			"datasets": [{"name": _("Defect Rate %"), "values": [row.rate or 0 for row in shown]}],
		},
		"type": "bar",
		"colors": ["#E24C4C"],
		"title": _("Defect rate by {0}").format(_(group_by)),
	}


def columns(group_by: str) -> list[dict]:
	key = {
		"Item": column(_("Item"), "key", "Link", "Item", 180),
		"Supplier": column(_("Supplier"), "key", "Link", "Supplier", 180),
		"Receipt": column(_("Receipt"), "key", "Dynamic Link", "receipt_type", 180),
	}[group_by]
	extra = [column(_("Receipt Type"), "receipt_type", width=120)] if group_by == "Receipt" else []
	return [
		key,
		*extra,
		column(_("Units Sold"), "sold", "Int", width=100),
		column(_("Returned Defective"), "defective", "Int", width=130),
		column(_("Defect Rate %"), "rate", "Percent", width=110),
		column(_("Given Back or Exchanged"), "closed", "Int", width=160),
		column(_("Average Turnaround (Days)"), "average", "Float", width=170),
		column(_("Median Turnaround (Days)"), "median", "Float", width=170),
		column(_("Longest Turnaround (Days)"), "longest", "Float", width=170),
	]
