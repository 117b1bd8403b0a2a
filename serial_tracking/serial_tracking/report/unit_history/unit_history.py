"""Unit History: every audit event of every serialized unit, across items (ERPNext's Serial No Ledger
shows one item at a time); or, for one unit, its component tree: the product it is in now at the top,
every component under it at any depth (parts taken out marked), and the units it was taken out of."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import add_days, cint, getdate

from serial_tracking.genealogy import trace
from serial_tracking.platform.report_columns import column
from serial_tracking.units import attributes


class UnitHistoryFilters(TypedDict, total=False):
	from_date: str
	to_date: str
	serial_no: str
	maker_serial: str
	item_code: str
	party_type: str
	party: str
	voucher_no: str
	warehouse: str
	event: str
	view: str
	limit: str


TREE = "Components"


def execute(filters: UnitHistoryFilters | None = None):
	return UnitHistoryReport(frappe._dict(filters or {})).run()


class UnitHistoryReport:
	def __init__(self, filters: UnitHistoryFilters):
		self.filters = filters

	def run(self):
		if self.filters.view == TREE:
			if not self.filters.serial_no:
				return self.tree_columns(), [], _("Choose a unit (Serial No) to see its components.")
			return self.tree_columns(), self.tree_rows()
		limit = cint(self.filters.limit)  # the desk sends its default (500); All or none: every event
		rows = self.rows(limit + 1 if limit else 0)
		if limit and len(rows) > limit:
			message = _(
				"The newest {0} events; there are more. Narrow the filters (dates, unit, item...) or show "
				"more events."
			).format(limit)
			return self.columns() + attributes.columns(), rows[:limit], message
		return self.columns() + attributes.columns(), rows

	def tree_rows(self) -> list[dict]:
		tree = trace.unit_tree(self.filters.serial_no)
		rows = [
			{
				**row,
				"indent": row["depth"],
				"relation": _("Unit")
				if not row["depth"]
				else _("Part")
				if row["current"]
				else _("Taken Out"),
			}
			for row in tree["components"]
		]
		rows += [
			{**row, "indent": 0, "parent": None, "relation": _("Was Part Of")} for row in tree["was_part_of"]
		]
		return rows

	def tree_columns(self) -> list[dict]:
		return [
			column(_("Unit"), "serial_no", "Link", "Serial No", 220),
			column(_("Relation"), "relation", width=100),
			column(_("Item"), "item_code", "Link", "Item", 130),
			column(_("Maker Serial"), "maker_serial", width=130),
			column(_("Status"), "status", width=100),
			column(_("Warehouse"), "warehouse", "Link", "Warehouse", 130),
			column(_("Linked By"), "how", width=90),
			column(_("Since"), "linked_on", "Datetime", width=150),
			column(_("Voucher Type"), "voucher_type", width=100),
			column(_("Voucher"), "voucher_no", "Dynamic Link", "voucher_type", 150),
			column(_("Taken Out On"), "ended_on", "Datetime", width=150),
			column(_("Taken Out By Type"), "ended_by_type", width=100),
			column(_("Taken Out By"), "ended_by", "Dynamic Link", "ended_by_type", 150),
		]

	def rows(self, limit: int) -> list[dict]:
		"""The events the filters ask for, newest first (at most ``limit``; 0: all). Dates apply only
		when given: the report keeps no window of its own."""
		event = frappe.qb.DocType("Serial Audit Event")
		unit = frappe.qb.DocType("Serial No")
		f = self.filters
		query = (
			frappe.qb.from_(event)
			.left_join(unit)
			.on(unit.name == event.serial_no)
			.select(
				event.posting,
				event.serial_no,
				unit.st_maker_serial.as_("maker_serial"),
				event.item_code,
				event.event,
				event.episode,
				event.seq,
				event.from_warehouse,
				event.to_warehouse,
				event.party_type,
				event.party,
				event.voucher_type,
				event.voucher_no,
				event.rate_in,
				event.rate_out,
				event.status_before,
				event.status_after,
				event.recorded_by,
				event.recorded_at,
				event.remarks,
			)
			.orderby(event.posting, order=Order.desc)
			.orderby(event.serial_no)
			.orderby(event.seq, order=Order.desc)
		)
		query = attributes.select(query, unit)
		if f.from_date:
			query = query.where(event.posting >= getdate(f.from_date))
		if f.to_date:
			query = query.where(event.posting < add_days(getdate(f.to_date), 1))
		if limit:
			query = query.limit(limit)
		for field in ("serial_no", "item_code", "party_type", "party", "voucher_no", "event"):
			if f.get(field):
				query = query.where(event[field] == f.get(field))
		if f.maker_serial:
			query = query.where(unit.st_maker_serial == f.maker_serial)
		if f.warehouse:
			query = query.where((event.from_warehouse == f.warehouse) | (event.to_warehouse == f.warehouse))
		return query.run(as_dict=True)

	def columns(self) -> list[dict]:
		return [
			column(_("Posting"), "posting", "Datetime", width=150),
			column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
			column(_("Maker Serial"), "maker_serial", width=130),
			column(_("Item"), "item_code", "Link", "Item", 130),
			column(_("Event"), "event", width=140),
			column(_("Episode"), "episode", "Int", width=70),
			column(_("No."), "seq", "Int", width=50),
			column(_("From"), "from_warehouse", "Link", "Warehouse", 130),
			column(_("To"), "to_warehouse", "Link", "Warehouse", 130),
			column(_("Party Type"), "party_type", width=90),
			column(_("Party"), "party", "Dynamic Link", "party_type", 140),
			column(_("Voucher Type"), "voucher_type"),
			column(_("Voucher"), "voucher_no", "Dynamic Link", "voucher_type", 150),
			column(_("Rate In"), "rate_in", "Currency", width=100),
			column(_("Rate Out"), "rate_out", "Currency", width=100),
			column(_("Status Before"), "status_before", width=110),
			column(_("Status After"), "status_after", width=110),
			column(_("Recorded By"), "recorded_by", "Link", "User", 130),
			column(_("Recorded At"), "recorded_at", "Datetime", width=150),
			column(_("Remarks"), "remarks", width=160),
		]
