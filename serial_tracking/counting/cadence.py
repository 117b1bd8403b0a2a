"""The counting schedule: which units and warehouses are due (or overdue) for a Unit Count, and the
daily reminders for them.

A unit is due its interval after it was last counted (or after it arrived, when it never was): the
shorter of its warehouse's and its item group's intervals, a group taking its nearest ancestor's when
it has none. The queries group units by warehouse, item group and date, so a site with any number of
units is read in one query.
"""

from datetime import date, timedelta

from pypika.functions import Date

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import cint, getdate

from serial_tracking.counting.core import due
from serial_tracking.counting.unit_count import groups_under
from serial_tracking.platform import todos
from serial_tracking.units.core import lifecycle

COUNT_DUE = "unit-count-due:{0}"


def intervals() -> tuple[dict[str, int], dict[str, int]]:
	"""Counting intervals (days) of the warehouses that have one, and of every item group."""
	warehouses = dict(
		frappe.get_all(
			"Warehouse", {"st_count_every_days": (">", 0)}, ["name", "st_count_every_days"], as_list=True
		)
	)
	groups = frappe.get_all("Item Group", fields=["name", "parent_item_group", "st_count_every_days"])
	return warehouses, due.group_intervals(
		{g.name: (g.parent_item_group, cint(g.st_count_every_days)) for g in groups}
	)


def units_query(filters, *, grouped: bool):
	"""Units on hand with the date their counting interval runs from (last counted, else arrived)."""
	unit = frappe.qb.DocType("Serial No")
	item = frappe.qb.DocType("Item")
	since = Coalesce(unit.st_last_counted, Date(Coalesce(unit.st_first_received, unit.creation)))
	query = (
		frappe.qb.from_(unit)
		.join(item)
		.on(item.name == unit.item_code)
		.where(unit.st_lifecycle_status.isin(list(lifecycle.ON_HAND)) & unit.warehouse.isnotnull())
	)
	if filters.get("company"):
		query = query.where(unit.company == filters["company"])
	if filters.get("warehouse"):
		query = query.where(unit.warehouse == filters["warehouse"])
	if filters.get("item_group"):
		query = query.where(item.item_group.isin(list(groups_under(filters["item_group"]))))
	if grouped:
		return query.select(unit.warehouse, item.item_group, since.as_("since"), Count("*")).groupby(
			unit.warehouse, item.item_group, since
		)
	return query.select(
		unit.name,
		unit.item_code,
		item.item_group,
		unit.warehouse,
		unit.st_lifecycle_status,
		unit.st_last_counted,
		since.as_("since"),
	).orderby(unit.warehouse, unit.name)


def due_units(filters, today: date | None = None) -> list[dict]:
	"""Units due for a count by ``today`` + ``days_ahead``, each with its interval and due date."""
	today = getdate(today)
	horizon = today + timedelta(days=cint(filters.get("days_ahead")))
	by_warehouse, by_group = intervals()
	rows = []
	for name, item_code, group, warehouse, status, last, since in units_query(filters, grouped=False).run():
		days = due.interval(by_warehouse.get(warehouse), by_group.get(group))
		due_on = due.due(None, getdate(since), days)
		if due_on and due_on <= horizon:
			rows.append(
				{
					"serial_no": name,
					"item_code": item_code,
					"item_group": group,
					"warehouse": warehouse,
					"status": status,
					"last_counted": last,
					"every_days": days,
					"due_on": due_on,
					"days_overdue": due.days_overdue(due_on, today),
				}
			)
	return rows


def due_places(filters, today: date | None = None) -> dict[str, dict]:
	"""Per warehouse: units on hand, units due by the horizon, overdue, and the first due date; and the
	warehouse's own schedule (its interval, last count and next due date)."""
	today = getdate(today)
	horizon = today + timedelta(days=cint(filters.get("days_ahead")))
	by_warehouse, by_group = intervals()
	places: dict[str, dict] = {}
	for warehouse, group, since, units in units_query(filters, grouped=True).run():
		place = places.setdefault(warehouse, {"units": 0, "due": 0, "overdue": 0, "first_due": None})
		place["units"] += units
		due_on = due.due(None, getdate(since), due.interval(by_warehouse.get(warehouse), by_group.get(group)))
		if due_on and due_on <= horizon:
			place["due"] += units
			place["first_due"] = min(place["first_due"] or due_on, due_on)
			if due_on < today:
				place["overdue"] += units
	last = dict(
		frappe.get_all(
			"Warehouse", {"name": ("in", list(places) or [""])}, ["name", "st_last_counted"], as_list=True
		)
	)
	for warehouse, place in places.items():
		place["every_days"] = by_warehouse.get(warehouse, 0)
		place["last_counted"] = last.get(warehouse)
		counted_on, days = last.get(warehouse), place["every_days"]
		# a warehouse with a schedule that was never counted is due now
		place["warehouse_due_on"] = (
			(due.due(getdate(counted_on), None, days) if counted_on else today) if days else None
		)
	return places


def remind_due_counts(today=None) -> int:
	"""One open ToDo per warehouse holding units overdue for a count, for the warehouse's reminder user
	(else Administrator); returns how many were made."""
	today = getdate(today)
	places = {
		warehouse: place
		for warehouse, place in due_places({}, today).items()
		if place["overdue"] or (place["warehouse_due_on"] and place["warehouse_due_on"] < today)
	}
	keys = {warehouse: COUNT_DUE.format(warehouse) for warehouse in places}
	open_ = todos.reminded(keys.values(), open_only=True)
	places = {w: p for w, p in places.items() if keys[w] not in open_}
	users = dict(
		frappe.get_all(
			"Warehouse",
			{"name": ("in", list(places) or [""])},
			["name", "st_count_reminder_to"],
			as_list=True,
		)
	)
	return todos.make_todos(
		{
			"allocated_to": users.get(warehouse) or "Administrator",
			"reference_type": "Warehouse",
			"reference_name": warehouse,
			"date": today,
			"priority": "Medium",
			"st_reminder": keys[warehouse],
			"description": _("{0} units in {1} are overdue for a count: start a Unit Count.").format(
				place["overdue"] or place["units"], warehouse
			),
		}
		for warehouse, place in places.items()
	)


def close_reminders(warehouse: str) -> None:
	"""An approved count of the warehouse closes its open reminder."""
	todos.close([COUNT_DUE.format(warehouse)], "Closed")
