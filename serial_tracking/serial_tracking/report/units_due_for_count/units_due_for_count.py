"""Units Due for Count: units, or warehouses, due or overdue for a Unit Count by their schedule (the
counting interval of their warehouse or item group)."""

from typing import TypedDict

import frappe
from frappe import _

from serial_tracking.counting import cadence
from serial_tracking.platform.report_columns import column

UNITS, LOCATIONS = "Units", "Locations"


class DueFilters(TypedDict, total=False):
	company: str
	warehouse: str
	item_group: str
	view: str
	days_ahead: int


def execute(filters: DueFilters | None = None):
	filters = frappe._dict(filters or {})
	if filters.view == LOCATIONS:
		columns, rows = location_columns(), locations(filters)
	else:
		columns, rows = unit_columns(), cadence.due_units(filters)
	return (columns, rows, why_empty()) if not rows else (columns, rows)


def why_empty() -> str:
	"""An empty report says why: no schedule at all, or nothing due yet."""
	warehouses, groups = cadence.intervals()
	if not warehouses and not any(groups.values()):
		return _(
			"No warehouse or item group has a counting interval, so no unit is ever due. Set Count Units "
			"Every (Days) in the Unit Counts section of a Warehouse or an Item Group."
		)
	return _("Nothing is due for a count within the days asked for: raise Due Within (Days) to look further.")


def locations(filters) -> list[dict]:
	places = cadence.due_places(filters)
	rows = [
		{
			"warehouse": warehouse,
			"every_days": place["every_days"],
			"last_counted": place["last_counted"],
			"warehouse_due_on": place["warehouse_due_on"],
			"units": place["units"],
			"due": place["due"],
			"overdue": place["overdue"],
			"first_due": place["first_due"],
		}
		for warehouse, place in places.items()
		if place["due"] or place["warehouse_due_on"]
	]
	return sorted(rows, key=lambda row: (row["first_due"] or row["warehouse_due_on"], row["warehouse"]))


def unit_columns() -> list[dict]:
	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
		column(_("Item"), "item_code", "Link", "Item"),
		column(_("Item Group"), "item_group", "Link", "Item Group"),
		column(_("Warehouse"), "warehouse", "Link", "Warehouse", 150),
		column(_("Status"), "status", width=100),
		column(_("Last Counted"), "last_counted", "Date", width=110),
		column(_("Every (Days)"), "every_days", "Int", width=100),
		column(_("Due On"), "due_on", "Date", width=100),
		column(_("Days Overdue"), "days_overdue", "Int", width=100),
	]


def location_columns() -> list[dict]:
	return [
		column(_("Warehouse"), "warehouse", "Link", "Warehouse", 180),
		column(_("Every (Days)"), "every_days", "Int", width=100),
		column(_("Last Counted"), "last_counted", "Date", width=110),
		column(_("Warehouse Due On"), "warehouse_due_on", "Date", width=130),
		column(_("Units on Hand"), "units", "Int", width=110),
		column(_("Units Due"), "due", "Int", width=100),
		column(_("Units Overdue"), "overdue", "Int", width=110),
		column(_("First Due"), "first_due", "Date", width=100),
	]
