"""Unit Utilization: days each unit spent in stock, on loan, in repair (and after it was sold) over a
period, from the audit trail; which units never move, which are always out, which were sold
(core.utilization: sold days are not the unit's to use)."""

from collections import defaultdict
from datetime import datetime, time
from itertools import groupby
from typing import TypedDict

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from serial_tracking.platform.report_columns import column
from serial_tracking.profitability.core import profit, utilization


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
	for unit in units:
		unit.pop("days")
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
	days = utilization.buckets(spent)
	return {
		"serial_no": serial,
		"item_code": changes[0][1],
		**{key: round(value) for key, value in days.items()},
		"utilization": utilization.percent(days),
		"pattern": _(utilization.pattern(days)) if utilization.pattern(days) else "",
		"days": days,  # unrounded, for the per-item sums
	}


def by_item(units: list[dict]) -> list[dict]:
	items = defaultdict(lambda: {"units": 0, "never_moves": 0, "always_out": 0, "sold_units": 0})
	sums = defaultdict(lambda: dict.fromkeys(utilization.DAYS, 0.0))
	for unit in units:
		item, days = items[unit["item_code"]], sums[unit["item_code"]]
		item["units"] += 1
		for key, value in unit["days"].items():
			days[key] += value
		pattern = utilization.pattern(unit["days"])
		item["never_moves"] += pattern == utilization.NEVER_MOVES
		item["always_out"] += pattern == utilization.ALWAYS_OUT
		item["sold_units"] += pattern == utilization.SOLD
	rows = [
		{
			"item_code": item_code,
			**item,
			**{key: round(value) for key, value in sums[item_code].items()},
			"utilization": utilization.percent(sums[item_code]),
		}
		for item_code, item in items.items()
	]
	return sorted(rows, key=lambda r: -(r["utilization"] or 0))


def day_columns():
	return [
		column(_("Days in Stock"), "in_stock", "Int", width=110),
		column(_("Days on Loan"), "on_loan", "Int", width=110),
		column(_("Days in Repair"), "in_repair", "Int", width=110),
		column(_("Utilization %"), "utilization", "Percent", width=110),
		column(_("Days after Sale"), "sold", "Int", width=110),
	]


def unit_columns():
	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 150),
		column(_("Item"), "item_code", "Link", "Item", 160),
		*day_columns(),
		column(_("Other Days"), "other", "Int", width=100),
		column(_("Pattern"), "pattern", width=120),
	]


def item_columns():
	return [
		column(_("Item"), "item_code", "Link", "Item", 160),
		column(_("Units"), "units", "Int", width=70),
		*day_columns(),
		column(_("Never Move"), "never_moves", "Int", width=100),
		column(_("Always Out"), "always_out", "Int", width=100),
		column(_("Sold"), "sold_units", "Int", width=80),
	]
