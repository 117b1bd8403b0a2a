"""Per-unit income and cost, read from ERPNext's own records with one grouped query per source.

* acquisition: the unit's inward bundle entries of purchases, production and opening stock (their
  incoming rate includes landed costs ERPNext reposted), less what went back to the supplier;
* revenue: its Sales Invoice lines (with Update Stock, or billed from its Delivery Note line), each
  line's net amount shared by the units of the line; credit notes count negative;
* other income: Sales Invoice lines that name the unit in ``st_serial_no`` (rent, service...);
* service cost: Maintenance Visit labour and parts for the unit, and Purchase Invoice lines naming it;
* depreciation: booked depreciation of the Asset the unit is linked to.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Abs, Coalesce, Count, Max, Min, Sum
from frappe.utils import flt, getdate

from serial_tracking.core import audit, lifecycle

RECEIPT_PURPOSES = ("Material Receipt", "Manufacture", "Repack")
EXIT_EVENTS = (audit.DELIVERED, audit.RETURNED_TO_SUPPLIER, audit.CONSUMED, audit.RETIRED, audit.ADJUSTED)
TURN_EVENTS = (audit.DELIVERED, audit.CHECKED_OUT)


class Period:
	def __init__(self, from_date=None, to_date=None):
		self.from_date = getdate(from_date) if from_date else None
		self.to_date = getdate(to_date) if to_date else None

	def where(self, column):
		condition = None
		if self.from_date:
			condition = column >= self.from_date
		if self.to_date:
			upto = column <= self.to_date
			condition = upto if condition is None else condition & upto
		return condition


def apply(query, condition):
	return query.where(condition) if condition is not None else query


def only(query, column, serials):
	"""Restrict a per-unit query to ``serials`` (None: every unit, cheaper as one scan for large sets)."""
	return query.where(column.isin(serials or [""])) if serials is not None else query


def acquisitions(company: str, serials: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Cost and supplier of each unit's purchase or production (returns to the supplier deducted),
	whenever it was acquired: a unit sold in the period carries its whole cost."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	entry_doc = frappe.qb.DocType("Stock Entry")
	reco = frappe.qb.DocType("Stock Reconciliation")
	pr = frappe.qb.DocType("Purchase Receipt")
	pi = frappe.qb.DocType("Purchase Invoice")
	inward = bundle.type_of_transaction == "Inward"
	query = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.left_join(entry_doc)
		.on((bundle.voucher_type == "Stock Entry") & (entry_doc.name == bundle.voucher_no))
		.left_join(reco)
		.on((bundle.voucher_type == "Stock Reconciliation") & (reco.name == bundle.voucher_no))
		.left_join(pr)
		.on((bundle.voucher_type == "Purchase Receipt") & (pr.name == bundle.voucher_no))
		.left_join(pi)
		.on((bundle.voucher_type == "Purchase Invoice") & (pi.name == bundle.voucher_no))
		.select(
			entry.serial_no,
			Sum(Case().when(inward, Abs(entry.incoming_rate)).else_(-Abs(entry.incoming_rate))).as_("cost"),
			Min(Case().when(inward, bundle.posting_date)).as_("acquired_on"),
			Max(Coalesce(pr.supplier, pi.supplier)).as_("supplier"),
		)
		.where((bundle.docstatus == 1) & (bundle.is_cancelled == 0) & (bundle.company == company))
		.where(
			(bundle.voucher_type.isin(["Purchase Receipt", "Purchase Invoice"]))
			| (entry_doc.purpose.isin(RECEIPT_PURPOSES) & entry_doc.st_unit_intent.isnull() & inward)
			| ((reco.purpose == "Opening Stock") & inward)
		)
		.groupby(entry.serial_no)
	)
	return {row.serial_no: row for row in only(query, entry.serial_no, serials).run(as_dict=True)}


def revenues(company: str, period: Period, serials: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Each unit's share of the Sales Invoice lines that sold it (or credited it back)."""
	out: dict[str, frappe._dict] = {}
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	si = frappe.qb.DocType("Sales Invoice")
	sii = frappe.qb.DocType("Sales Invoice Item")
	dni = frappe.qb.DocType("Delivery Note Item")

	with_stock = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.join(sii)
		.on(sii.name == bundle.voucher_detail_no)
		.join(si)
		.on(si.name == sii.parent)
		.select(
			entry.serial_no,
			Sum(sii.base_net_amount / Abs(sii.stock_qty)).as_("revenue"),
			Max(si.customer).as_("customer"),
			Max(si.posting_date).as_("sold_on"),
		)
		.where(
			(bundle.voucher_type == "Sales Invoice") & (bundle.docstatus == 1) & (bundle.is_cancelled == 0)
		)
		.where((si.docstatus == 1) & (si.company == company) & (sii.stock_qty != 0))
		.groupby(entry.serial_no)
	)
	from_delivery = (
		frappe.qb.from_(sii)
		.join(si)
		.on(si.name == sii.parent)
		.join(dni)
		.on(dni.name == sii.dn_detail)
		.join(bundle)
		.on((bundle.voucher_detail_no == dni.name) & (bundle.voucher_type == "Delivery Note"))
		.join(entry)
		.on(entry.parent == bundle.name)
		.select(
			entry.serial_no,
			Sum(sii.base_net_amount / Abs(dni.stock_qty)).as_("revenue"),
			Max(si.customer).as_("customer"),
			Max(si.posting_date).as_("sold_on"),
		)
		.where((si.docstatus == 1) & (si.update_stock == 0) & (si.company == company) & (dni.stock_qty != 0))
		.where((bundle.docstatus == 1) & (bundle.is_cancelled == 0))
		.groupby(entry.serial_no)
	)
	for query in (with_stock, from_delivery):
		query = only(apply(query, period.where(si.posting_date)), entry.serial_no, serials)
		for row in query.run(as_dict=True):
			found = out.setdefault(row.serial_no, frappe._dict(revenue=0.0, customer=None, sold_on=None))
			found.revenue += flt(row.revenue)
			found.customer = row.customer
			found.sold_on = max(filter(None, (found.sold_on, row.sold_on)), default=None)
	return out


def other_income(company: str, period: Period, serials: list[str] | None = None) -> dict[str, float]:
	"""Invoice lines that name a unit (rent, service, any item) without selling the unit itself."""
	si = frappe.qb.DocType("Sales Invoice")
	sii = frappe.qb.DocType("Sales Invoice Item")
	query = (
		frappe.qb.from_(sii)
		.join(si)
		.on(si.name == sii.parent)
		.select(sii.st_serial_no, Sum(sii.base_net_amount))
		.where(
			(si.docstatus == 1)
			& (si.company == company)
			& sii.st_serial_no.isnotnull()
			& (sii.st_serial_no != "")
		)
		.where(Coalesce(sii.serial_and_batch_bundle, "") == "")
		.where(Coalesce(sii.dn_detail, "") == "")
		.groupby(sii.st_serial_no)
	)
	query = only(apply(query, period.where(si.posting_date)), sii.st_serial_no, serials)
	return {serial: flt(amount) for serial, amount in query.run()}


def service_costs(company: str, period: Period, serials: list[str] | None = None) -> dict[str, float]:
	costs: dict[str, float] = defaultdict(float)
	mv = frappe.qb.DocType("Maintenance Visit")
	mvp = frappe.qb.DocType("Maintenance Visit Purpose")
	visits = (
		frappe.qb.from_(mvp)
		.join(mv)
		.on(mv.name == mvp.parent)
		.select(mvp.serial_no, Sum(Coalesce(mvp.st_labour_cost, 0) + Coalesce(mvp.st_parts_cost, 0)))
		.where((mv.docstatus == 1) & (mv.company == company) & mvp.serial_no.isnotnull())
		.groupby(mvp.serial_no)
	)
	pi = frappe.qb.DocType("Purchase Invoice")
	pii = frappe.qb.DocType("Purchase Invoice Item")
	bills = (
		frappe.qb.from_(pii)
		.join(pi)
		.on(pi.name == pii.parent)
		.select(pii.st_serial_no, Sum(pii.base_net_amount))
		.where(
			(pi.docstatus == 1)
			& (pi.company == company)
			& pii.st_serial_no.isnotnull()
			& (pii.st_serial_no != "")
		)
		.groupby(pii.st_serial_no)
	)
	for query, posted, unit_column in (
		(visits, mv.mntc_date, mvp.serial_no),
		(bills, pi.posting_date, pii.st_serial_no),
	):
		for serial, amount in only(apply(query, period.where(posted)), unit_column, serials).run():
			costs[serial] += flt(amount)
	return costs


def depreciation(company: str, period: Period, serials: list[str] | None = None) -> dict[str, float]:
	"""Depreciation booked (with a journal entry) on the Asset each unit is linked to."""
	unit = frappe.qb.DocType("Serial No")
	schedule = frappe.qb.DocType("Asset Depreciation Schedule")
	row = frappe.qb.DocType("Depreciation Schedule")
	query = (
		frappe.qb.from_(unit)
		.join(schedule)
		.on((schedule.asset == unit.asset) & (schedule.docstatus == 1))
		.join(row)
		.on(row.parent == schedule.name)
		.select(unit.name, Sum(row.depreciation_amount))
		.where(
			unit.asset.isnotnull()
			& (unit.asset != "")
			& row.journal_entry.isnotnull()
			& (unit.company == company)
		)
		.groupby(unit.name)
	)
	query = only(apply(query, period.where(row.schedule_date)), unit.name, serials)
	return {serial: flt(amount) for serial, amount in query.run()}


def life(serials: list[str] | None = None) -> dict[str, frappe._dict]:
	"""From the audit trail: first receipt, last departure and turns (deliveries and check-outs)."""
	event = frappe.qb.DocType("Serial Audit Event")
	query = (
		frappe.qb.from_(event)
		.select(
			event.serial_no,
			Min(event.posting).as_("first_in"),
			Max(Case().when(event.event.isin(EXIT_EVENTS), event.posting)).as_("last_out"),
			Sum(Case().when(event.event.isin(TURN_EVENTS), 1).else_(0)).as_("turns"),
			Count("*").as_("events"),
		)
		.groupby(event.serial_no)
	)
	return {row.serial_no: row for row in only(query, event.serial_no, serials).run(as_dict=True)}


def units(company: str, item_code=None, item_group=None, status=None) -> list[frappe._dict]:
	unit = frappe.qb.DocType("Serial No")
	item = frappe.qb.DocType("Item")
	query = (
		frappe.qb.from_(unit)
		.join(item)
		.on(item.name == unit.item_code)
		.select(
			unit.name.as_("serial_no"),
			unit.item_code,
			unit.item_name,
			item.item_group,
			unit.st_maker_serial.as_("maker_serial"),
			unit.st_lifecycle_status.as_("status"),
			unit.warehouse,
			unit.customer,
			unit.st_custodian.as_("custodian"),
		)
		.where(unit.company == company)
	)
	if item_code:
		query = query.where(unit.item_code == item_code)
	if item_group:
		group = frappe.qb.DocType("Item Group")
		lft, rgt = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"])
		query = (
			query.join(group).on(group.name == item.item_group).where((group.lft >= lft) & (group.rgt <= rgt))
		)
	if status:
		query = query.where(unit.st_lifecycle_status == status)
	return query.run(as_dict=True)


def holder(unit) -> str | None:
	if unit.status == lifecycle.ON_LOAN and unit.custodian:
		return unit.custodian
	return unit.warehouse or unit.customer


def today() -> date:
	return getdate()
