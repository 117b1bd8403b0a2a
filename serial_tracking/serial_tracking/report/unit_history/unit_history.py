"""Unit History: every audit event of every serialized unit, across items (ERPNext's Serial No Ledger
shows one item at a time)."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import add_days, getdate

from serial_tracking.services import unit_attributes


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


def execute(filters: UnitHistoryFilters | None = None):
	return UnitHistoryReport(frappe._dict(filters or {})).run()


class UnitHistoryReport:
	def __init__(self, filters: UnitHistoryFilters):
		self.filters = filters

	def run(self):
		return self.columns() + unit_attributes.columns(), self.rows()

	def rows(self) -> list[dict]:
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
		query = unit_attributes.select(query, unit)
		# A unit's whole history unless dates are asked for; otherwise the last 30 days by default.
		if not (f.serial_no or f.maker_serial) or f.from_date or f.to_date:
			to_date = getdate(f.to_date) if f.to_date else getdate()
			from_date = getdate(f.from_date) if f.from_date else add_days(to_date, -30)
			query = query.where((event.posting >= from_date) & (event.posting < add_days(to_date, 1)))
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
			{"label": _("Posting"), "fieldname": "posting", "fieldtype": "Datetime", "width": 150},
			{
				"label": _("Serial No"),
				"fieldname": "serial_no",
				"fieldtype": "Link",
				"options": "Serial No",
				"width": 160,
			},
			{"label": _("Maker Serial"), "fieldname": "maker_serial", "fieldtype": "Data", "width": 130},
			{
				"label": _("Item"),
				"fieldname": "item_code",
				"fieldtype": "Link",
				"options": "Item",
				"width": 130,
			},
			{"label": _("Event"), "fieldname": "event", "fieldtype": "Data", "width": 140},
			{"label": _("Episode"), "fieldname": "episode", "fieldtype": "Int", "width": 70},
			{"label": _("No."), "fieldname": "seq", "fieldtype": "Int", "width": 50},
			{
				"label": _("From"),
				"fieldname": "from_warehouse",
				"fieldtype": "Link",
				"options": "Warehouse",
				"width": 130,
			},
			{
				"label": _("To"),
				"fieldname": "to_warehouse",
				"fieldtype": "Link",
				"options": "Warehouse",
				"width": 130,
			},
			{"label": _("Party Type"), "fieldname": "party_type", "fieldtype": "Data", "width": 90},
			{
				"label": _("Party"),
				"fieldname": "party",
				"fieldtype": "Dynamic Link",
				"options": "party_type",
				"width": 140,
			},
			{"label": _("Voucher Type"), "fieldname": "voucher_type", "fieldtype": "Data", "width": 120},
			{
				"label": _("Voucher"),
				"fieldname": "voucher_no",
				"fieldtype": "Dynamic Link",
				"options": "voucher_type",
				"width": 150,
			},
			{"label": _("Rate In"), "fieldname": "rate_in", "fieldtype": "Currency", "width": 100},
			{"label": _("Rate Out"), "fieldname": "rate_out", "fieldtype": "Currency", "width": 100},
			{"label": _("Status Before"), "fieldname": "status_before", "fieldtype": "Data", "width": 110},
			{"label": _("Status After"), "fieldname": "status_after", "fieldtype": "Data", "width": 110},
			{
				"label": _("Recorded By"),
				"fieldname": "recorded_by",
				"fieldtype": "Link",
				"options": "User",
				"width": 130,
			},
			{"label": _("Recorded At"), "fieldname": "recorded_at", "fieldtype": "Datetime", "width": 150},
			{"label": _("Remarks"), "fieldname": "remarks", "fieldtype": "Data", "width": 160},
		]
