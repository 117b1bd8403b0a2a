"""Unit Utilization: days each unit spent in stock, out with a customer, on loan or in repair over a
period, from the audit trail; which units never move and which are always out."""

from collections import defaultdict
from datetime import datetime, time
from itertools import groupby
from typing import TypedDict

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from serial_tracking.platform.report_columns import column
from serial_tracking.profitability.core import profit
from serial_tracking.units.core import lifecycle

BUCKETS = {
	lifecycle.IN_STOCK: "in_stock",
	lifecycle.RESERVED: "in_stock",
	lifecycle.DELIVERED: "with_customer",
	lifecycle.ON_LOAN: "on_loan",
	lifecycle.IN_REPAIR: "in_repair",
}
OUT = ("with_customer", "on_loan")


class UtilizationFilters(TypedDict, total=False):
	from_date: str
	to_date: str
	item_code: str
	group_by_item: int


def execute(filters: UtilizationFilters | None = None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date) if filters.to_date else getdate()
	from_date = getdate(filters.from_date) if filters.from_date else add_days(to_date, -90)
	start, end = datetime.combine(from_date, time.min), datetime.combine(add_days(to_date, 1), time.min)
	units = [
		unit_row(serial, list(changes), start, end)
		for serial, changes in groupby(status_changes(filters, end), key=lambda c: c[0])
	]
	units = [u for u in units if u]
	if filters.group_by_item:
		return item_columns(), by_item(units)
	return unit_columns(), units


def status_changes(filters, end):
	event = frappe.qb.DocType("Serial Audit Event")
	query = (
		frappe.qb.from_(event)
		.select(event.serial_no, event.item_code, event.posting, event.status_after)
		.where(event.posting < end)
		.orderby(event.serial_no)
		.orderby(event.seq)
	)
	if filters.item_code:
		query = query.where(event.item_code == filters.item_code)
	return query.run()


def unit_row(serial, changes, start, end) -> dict | None:
	spent = profit.status_days([(posting, status) for _s, _i, posting, status in changes], start, end)
	if not spent:
		return None
	row = {
		"serial_no": serial,
		"item_code": changes[0][1],
		"in_stock": 0.0,
		"with_customer": 0.0,
		"on_loan": 0.0,
		"in_repair": 0.0,
		"other": 0.0,
	}
	for status, days in spent.items():
		row[BUCKETS.get(status, "other")] += days
	held = sum(row[k] for k in ("in_stock", "with_customer", "on_loan", "in_repair", "other"))
	out = sum(row[k] for k in OUT)
	row["utilization"] = profit.percent(out, held) or 0.0
	row["pattern"] = (
		_("Never moves") if row["in_stock"] >= held - 1e-9 else _("Always out") if out >= 0.9 * held else ""
	)
	for key in ("in_stock", "with_customer", "on_loan", "in_repair", "other"):
		row[key] = round(row[key], 1)
	return row


def by_item(units: list[dict]) -> list[dict]:
	items = defaultdict(
		lambda: {
			"units": 0,
			"in_stock": 0.0,
			"with_customer": 0.0,
			"on_loan": 0.0,
			"in_repair": 0.0,
			"never_moves": 0,
			"always_out": 0,
		}
	)
	for unit in units:
		item = items[unit["item_code"]]
		item["units"] += 1
		for key in ("in_stock", "with_customer", "on_loan", "in_repair"):
			item[key] += unit[key]
		item["never_moves"] += unit["pattern"] == _("Never moves")
		item["always_out"] += unit["pattern"] == _("Always out")
	rows = []
	for item_code, item in items.items():
		held = item["in_stock"] + item["with_customer"] + item["on_loan"] + item["in_repair"]
		rows.append(
			{
				"item_code": item_code,
				**{k: round(v, 1) if isinstance(v, float) else v for k, v in item.items()},
				"utilization": profit.percent(item["with_customer"] + item["on_loan"], held) or 0.0,
			}
		)
	return sorted(rows, key=lambda r: -r["utilization"])


def day_columns():
	return [
		column(_("Days in Stock"), "in_stock", "Float"),
		column(_("Days with Customer"), "with_customer", "Float", width=130),
		column(_("Days on Loan"), "on_loan", "Float"),
		column(_("Days in Repair"), "in_repair", "Float"),
		column(_("Utilization %"), "utilization", "Percent"),
	]


def unit_columns():
	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 150),
		column(_("Item"), "item_code", "Link", "Item", 130),
		*day_columns(),
		column(_("Other Days"), "other", "Float"),
		column(_("Pattern"), "pattern", width=120),
	]


def item_columns():
	return [
		column(_("Item"), "item_code", "Link", "Item", 140),
		column(_("Units"), "units", "Int", width=70),
		*day_columns(),
		column(_("Never Move"), "never_moves", "Int"),
		column(_("Always Out"), "always_out", "Int"),
	]
