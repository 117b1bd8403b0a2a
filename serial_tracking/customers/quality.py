"""What the RMAs say about the goods: the RMAs still open and how old they are; units sold and returned
defective, and how long the customers waited, per item, supplier or receipt (the arithmetic is
:mod:`~serial_tracking.customers.core.quality`). The receipts with several returned defectives are where
Recall Trace starts ("units from the same receipt as three returned defectives")."""

import frappe
from frappe.query_builder.functions import Count, Max
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.customers.core import quality
from serial_tracking.customers.core import rma as core
from serial_tracking.units.core import ledger

GROUPS = {"Item": "item_code", "Supplier": "supplier", "Receipt": "receipt"}


def open_rmas(company: str | None = None, customer: str | None = None, item_code: str | None = None) -> list:
	"""The RMAs whose customer still waits, oldest first, with their age and their latest step."""
	table = frappe.qb.DocType("RMA")
	query = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.status,
			table.customer,
			table.customer_name,
			table.serial_no,
			table.item_code,
			table.warranty_claim,
			table.opened_on,
			table.received_on,
			table.supplier,
			table.receipt_type,
			table.receipt,
		)
		.where(table.status.isin(list(core.OPEN)))
		.orderby(table.opened_on)
	)
	for field, value in (("company", company), ("customer", customer), ("item_code", item_code)):
		if value:
			query = query.where(table[field] == value)
	rows = query.run(as_dict=True)
	last = last_steps([row.name for row in rows])
	today = getdate(nowdate())
	for row in rows:
		row.age = quality.age(row.opened_on, today)
		row.days_with_us = quality.age(row.received_on, today) if row.received_on else None
		row.last_step, row.last_step_on = last.get(row.name, (None, None))
	return rows


def last_steps(names: list[str]) -> dict[str, tuple]:
	if not names:
		return {}
	step = frappe.qb.DocType("RMA Step")
	rows = (
		frappe.qb.from_(step)
		.select(step.parent, step.step, step.done_on)
		.where(step.parent.isin(names) & (step.undone == 0))
		.orderby(step.idx)
	).run()
	return {parent: (name, on) for parent, name, on in rows}


def defects(company: str, group_by: str = "Item", from_date=None, to_date=None, least: int = 0) -> list:
	"""Per item, supplier or receipt: units sold, returned defective (received on an RMA), the defect rate
	and the turnaround of those given back or exchanged."""
	field = GROUPS.get(group_by)
	if not field:
		frappe.throw(frappe._("Group by one of: {0}").format(", ".join(GROUPS)))
	returned = defective(company, from_date, to_date)
	sold = sold_units(company, from_date, to_date)
	origin = receipts(list(sold))
	counts: dict[str, int] = {}
	for serial, item_code in sold.items():
		supplier, _kind, receipt = origin.get(serial, (None, None, None))
		key = {"item_code": item_code, "supplier": supplier, "receipt": receipt}[field]
		if key:
			counts[key] = counts.get(key, 0) + 1
	waits = [
		(row[field], quality.days_between(row.received_on, row.closed_on) if row.closed_on else None)
		for row in returned
		if row[field]
	]
	kinds = {row.receipt: row.receipt_type for row in returned if row.receipt}
	kinds.update({receipt: kind for _s, kind, receipt in origin.values() if receipt})
	out = []
	for group in quality.groups(counts, waits, least=least):
		summary = group.turnaround
		out.append(
			frappe._dict(
				key=group.key,
				receipt_type=kinds.get(group.key) if field == "receipt" else None,
				sold=group.sold,
				defective=group.defective,
				rate=group.rate,
				closed=summary.count,
				average=summary.average,
				median=summary.median,
				longest=summary.longest,
			)
		)
	return out


def defective(company: str, from_date=None, to_date=None) -> list:
	"""RMAs whose unit came in (and was not taken back), received within the dates."""
	table = frappe.qb.DocType("RMA")
	query = (
		frappe.qb.from_(table)
		.select(
			table.serial_no,
			table.item_code,
			table.supplier,
			table.receipt_type,
			table.receipt,
			table.received_on,
			table.closed_on,
		)
		.where((table.company == company) & table.status.isin(list(core.RECEIVED_ONCE)))
	)
	if from_date:
		query = query.where(table.received_on >= getdate(from_date))
	if to_date:
		query = query.where(table.received_on < add_days(getdate(to_date), 1))
	return query.run(as_dict=True)


def sold_units(company: str, from_date=None, to_date=None) -> dict[str, str]:
	"""``{serial: item}`` of the company's units delivered to a customer (a delivery not cancelled)."""
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	unit = frappe.qb.DocType("Serial No")
	reversed_ = frappe.qb.from_(event).select(event.reverses).where(event.reverses.isnotnull())
	query = (
		frappe.qb.from_(event)
		.join(unit)
		.on(unit.name == event.serial_no)
		.select(event.serial_no, event.item_code)
		.distinct()
		.where(
			(event.event == ledger.DELIVERED)
			& (event.party_type == "Customer")
			& (unit.company == company)
			& event.name.notin(reversed_)
		)
	)
	if from_date:
		query = query.where(event.posting >= getdate(from_date))
	if to_date:
		query = query.where(event.posting < add_days(getdate(to_date), 1))
	return dict(query.run())


def receipts(serials: list[str]) -> dict[str, tuple]:
	"""Each unit's latest receipt from a supplier: (supplier, receipt type, receipt)."""
	if not serials:
		return {}
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	received = (event.event == ledger.RECEIVED) & (event.party_type == "Supplier")
	latest = (
		frappe.qb.from_(event)
		.select(event.serial_no, Max(event.seq).as_("seq"))
		.where(received & event.serial_no.isin(serials))
		.groupby(event.serial_no)
	).as_("latest")
	rows = (
		frappe.qb.from_(event)
		.join(latest)
		.on((latest.serial_no == event.serial_no) & (latest.seq == event.seq))
		.select(event.serial_no, event.party, event.voucher_type, event.voucher_no)
	).run()
	return {serial: (party, kind, voucher) for serial, party, kind, voucher in rows}


def receipts_with_defectives(least: int) -> list[str]:
	"""Receipts with at least ``least`` units returned defective on an RMA (where a recall starts)."""
	table = frappe.qb.DocType("RMA")
	return (
		frappe.qb.from_(table)
		.select(table.receipt)
		.where(table.receipt.isnotnull() & table.status.isin(list(core.RECEIVED_ONCE)))
		.groupby(table.receipt)
		.having(Count(table.serial_no).distinct() >= max(1, least))
	).run(pluck=True)


def defective_units(serials: list[str]) -> dict[str, str]:
	"""``{serial: RMA}`` of those of ``serials`` that came back defective (the latest RMA that received it)."""
	if not serials:
		return {}
	table = frappe.qb.DocType("RMA")
	rows = (
		frappe.qb.from_(table)
		.select(table.serial_no, table.name)
		.where(table.serial_no.isin(serials) & table.status.isin(list(core.RECEIVED_ONCE)))
		.orderby(table.opened_on)
	).run()
	return dict(rows)
