"""Drift between what ERPNext's Serial No records say (warehouse, status) and what its stock ledger
says, and the repair that brings the records back in line with the ledger (rules: actions/core/integrity.py)."""

from collections import defaultdict

from pypika.analytics import RowNumber

import frappe
from frappe.query_builder import Order

from serial_tracking.actions.core import integrity


def ledger_positions(item_code: str | None = None):
	"""Each serialized unit's last live ledger movement, with its Stock Entry's purpose (one query)."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	stock_entry = frappe.qb.DocType("Stock Entry")
	ranked = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.left_join(stock_entry)
		.on((sle.voucher_type == "Stock Entry") & (stock_entry.name == sle.voucher_no))
		.select(
			entry.serial_no,
			sle.warehouse,
			sle.actual_qty,
			sle.voucher_type,
			sle.voucher_no,
			stock_entry.purpose,
			RowNumber()
			.over(entry.serial_no)
			.orderby(sle.posting_datetime, order=Order.desc)
			.orderby(sle.creation, order=Order.desc)
			.as_("position"),
		)
		.where((sle.is_cancelled == 0) & (sle.has_serial_no == 1))
	)
	if item_code:
		ranked = ranked.where(sle.item_code == item_code)
	ranked = ranked.as_("ranked")
	return frappe.qb.from_(ranked).select("*").where(ranked.position == 1)


def drift(item_code: str | None = None) -> list[dict]:
	"""Units whose Serial No warehouse, ERPNext status or lifecycle status disagrees with the ledger;
	``problems`` holds codes of :mod:`serial_tracking.actions.core.integrity`."""
	unit = frappe.qb.DocType("Serial No")
	positions = {
		row.serial_no: integrity.Position(
			row.warehouse, row.actual_qty, row.voucher_type, row.voucher_no, row.purpose
		)
		for row in ledger_positions(item_code).run(as_dict=True)
	}
	query = frappe.qb.from_(unit).select(
		unit.name, unit.item_code, unit.warehouse, unit.status, unit.st_lifecycle_status
	)
	if item_code:
		query = query.where(unit.item_code == item_code)
	out = []
	for row in query.run(as_dict=True):
		position = positions.get(row.name)
		record = integrity.Unit(row.warehouse, row.status, row.st_lifecycle_status)
		if not integrity.worth_comparing(record, position):
			continue
		should = integrity.expected(position)
		if found := integrity.problems(record, should):
			out.append(
				{
					"serial_no": row.name,
					"item_code": row.item_code,
					"warehouse": row.warehouse,
					"ledger_warehouse": should.warehouse,
					"status": row.status,
					"ledger_status": should.status,
					"lifecycle_status": row.st_lifecycle_status,
					"expected_lifecycle_status": should.lifecycle,
					"ledger_voucher_type": should.voucher_type,
					"ledger_voucher": should.voucher_no,
					"problems": found,
				}
			)
	return out


def repair(rows: list[dict]) -> int:
	"""Set each drifting unit's values that are a problem to what its ledger says; returns units changed."""
	unit = frappe.qb.DocType("Serial No")
	groups = defaultdict(list)
	for row in rows:
		fixed = integrity.repaired(
			integrity.Unit(row["warehouse"], row["status"], row["lifecycle_status"]),
			integrity.Expected(
				row["ledger_warehouse"], row["ledger_status"], row["expected_lifecycle_status"]
			),
			row["problems"],
		)
		groups[(fixed.warehouse, fixed.status, fixed.lifecycle)].append(row["serial_no"])
	for (warehouse, status, lifecycle_status), serials in groups.items():
		(
			frappe.qb.update(unit)
			.set(unit.warehouse, warehouse)
			.set(unit.status, status)
			.set(unit.st_lifecycle_status, lifecycle_status)
			.where(unit.name.isin(serials))
		).run()
	return sum(len(s) for s in groups.values())
