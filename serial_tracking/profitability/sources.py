"""Per-unit income and cost, read from ERPNext's own records with one grouped query per source.

* acquisition and value passed on (:mod:`~serial_tracking.profitability.acquisition`): the unit's inward
  bundle entries of purchases, production, opening stock and counts, less what went back to the
  supplier; its value carried into what consumed it;
* revenue: its Sales Invoice lines (with Update Stock, or billed from its Delivery Note line), each
  line's net amount shared by the units of the line; credit notes count negative;
* other income: Sales Invoice lines that name the unit in ``st_serial_no`` (rent, service...);
* service cost: Maintenance Visit labour and parts for the unit, and Purchase Invoice lines naming it;
* depreciation: booked depreciation of the Asset the unit is linked to.
"""

from collections import defaultdict

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Date, Sum
from frappe.utils import flt, getdate

from serial_tracking.platform.erpnext_internals import item_group_condition
from serial_tracking.units import bundles
from serial_tracking.units.core import lifecycle


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


def only(query, column, names):
	"""Restrict a query to ``names`` of units or items (None: all, cheaper as one scan for large sets)."""
	return query.where(column.isin(names or [""])) if names is not None else query


def revenues(
	company: str, period: Period, serials: list[str] | None = None, item_codes: list[str] | None = None
) -> dict[str, frappe._dict]:
	"""Each unit's share of the Sales Invoice lines that sold it (or credited it back); ``item_codes``
	narrows the lines read to those items' (a line sells units of its own item only).

	A line's units are in its own bundle (Update Stock), else in its delivery's; a credit note without
	stock names neither, so it credits the units of the invoice line it returns against."""
	si = frappe.qb.DocType("Sales Invoice")
	sii = frappe.qb.DocType("Sales Invoice Item")
	lines = (
		frappe.qb.from_(sii)
		.join(si)
		.on(si.name == sii.parent)
		.select(
			sii.name,
			sii.base_net_amount,
			sii.stock_qty,
			sii.serial_and_batch_bundle,
			sii.dn_detail,
			sii.sales_invoice_item,
			si.update_stock,
			si.customer,
			si.posting_date,
		)
		.where((si.docstatus == 1) & (si.company == company) & (sii.stock_qty != 0))
		.where(
			(Coalesce(sii.serial_and_batch_bundle, "") != "")
			| (Coalesce(sii.dn_detail, "") != "")
			| ((si.is_return == 1) & (si.update_stock == 0) & (Coalesce(sii.sales_invoice_item, "") != ""))
		)
	)
	lines = only(apply(lines, period.where(si.posting_date)), sii.item_code, item_codes).run(as_dict=True)
	credited = credited_lines(
		[line.sales_invoice_item for line in lines if not units_named(line) and line.sales_invoice_item]
	)
	for line in lines:
		if not units_named(line) and (original := credited.get(line.sales_invoice_item)):
			line.update_stock, line.serial_and_batch_bundle, line.dn_detail, line.units = original
	# Invoices with Update Stock carry their units in their own bundle; the others in their delivery's.
	bundle_of = {
		line.name: line.serial_and_batch_bundle
		for line in lines
		if line.update_stock and line.serial_and_batch_bundle
	}
	delivered = [line.dn_detail for line in lines if not line.update_stock and line.dn_detail]
	dn_bundles, dn_qty = {}, {}
	if delivered:
		dni = frappe.qb.DocType("Delivery Note Item")
		query = frappe.qb.from_(dni).select(dni.name, dni.serial_and_batch_bundle, dni.stock_qty)
		for name, bundle, qty in query.where(dni.name.isin(delivered)).run():
			dn_bundles[name], dn_qty[name] = bundle, flt(qty)
	share = defaultdict(list)  # bundle -> the invoice lines that share its units, with the unit count
	for line in lines:
		if line.name in bundle_of:
			share[bundle_of[line.name]].append((line, line.get("units") or abs(flt(line.stock_qty))))
		elif dn_bundles.get(line.dn_detail):
			share[dn_bundles[line.dn_detail]].append((line, abs(dn_qty[line.dn_detail])))
	out: dict[str, frappe._dict] = {}
	for parent, serial in bundles.entries(share, serials):
		for line, units in share[parent]:
			if not units:
				continue
			found = out.setdefault(serial, frappe._dict(revenue=0.0, customer=None, sold_on=None))
			found.revenue += flt(line.base_net_amount) / units
			found.customer = line.customer
			found.sold_on = max(filter(None, (found.sold_on, line.posting_date)), default=None)
	return out


def units_named(line) -> bool:
	"""Whether an invoice line names its units itself (its own bundle, or its delivery's)."""
	return bool((line.update_stock and line.serial_and_batch_bundle) or line.dn_detail)


def credited_lines(names: list[str]) -> dict[str, tuple]:
	"""``{invoice line: (update stock, bundle, delivery line, units)}`` of the lines credit notes without
	stock return against."""
	if not names:
		return {}
	si = frappe.qb.DocType("Sales Invoice")
	sii = frappe.qb.DocType("Sales Invoice Item")
	query = (
		frappe.qb.from_(sii)
		.join(si)
		.on(si.name == sii.parent)
		.select(sii.name, si.update_stock, sii.serial_and_batch_bundle, sii.dn_detail, sii.stock_qty)
		.where(sii.name.isin(names))
	)
	return {
		name: (update_stock, bundle, dn_detail, abs(flt(qty)))
		for name, update_stock, bundle, dn_detail, qty in query.run()
	}


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


def units(company: str, item_code=None, item_group=None, status=None) -> list[tuple]:
	"""The company's units as tuples (they are many: no dicts, few columns): serial, item, maker
	serial, status, holder (custodian while on loan, else warehouse, else customer), first received,
	last left stock, turns."""
	unit = frappe.qb.DocType("Serial No")
	on_loan = (unit.st_lifecycle_status == lifecycle.ON_LOAN) & unit.st_custodian.isnotnull()
	query = (
		frappe.qb.from_(unit)
		.select(
			unit.name,
			unit.item_code,
			unit.st_maker_serial,
			unit.st_lifecycle_status,
			Case().when(on_loan, unit.st_custodian).else_(Coalesce(unit.warehouse, unit.customer)),
			Date(unit.st_first_received),
			Date(unit.st_last_departed),
			unit.st_turns,
		)
		.where(unit.company == company)
	)
	if item_code:
		query = query.where(unit.item_code == item_code)
	if item_group:  # the group and every group under it, as ERPNext's stock reports filter
		item = frappe.qb.DocType("Item")
		in_group = item_group_condition(item_group, item)
		if in_group is None:
			return []
		query = query.where(unit.item_code.isin(frappe.qb.from_(item).select(item.name).where(in_group)))
	if status:
		query = query.where(unit.st_lifecycle_status == status)
	return query.run()


def items(item_codes) -> dict[str, tuple[str, str]]:
	"""``{item: (item name, item group)}``."""
	item = frappe.qb.DocType("Item")
	query = frappe.qb.from_(item).select(item.name, item.item_name, item.item_group)
	return {
		name: (title, group)
		for name, title, group in query.where(item.name.isin(list(item_codes) or [""])).run()
	}
