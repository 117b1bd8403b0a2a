"""Drift between what ERPNext's Serial No records say (warehouse, status) and what its stock ledger
says, and the repair that brings the records back in line with the ledger."""

from collections import defaultdict

from pypika.analytics import RowNumber

import frappe
from frappe.query_builder import Order

from serial_tracking.core import lifecycle

CONSUMING_PURPOSES = ("Manufacture", "Material Issue", "Repack", "Material Consumption for Manufacture")


def ledger_positions(item_code: str | None = None):
	"""Each serialized unit's last live ledger movement (one query, windowed)."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	ranked = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.select(
			entry.serial_no,
			sle.warehouse,
			sle.actual_qty,
			sle.voucher_type,
			sle.voucher_no,
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
	"""Units whose Serial No warehouse, ERPNext status or lifecycle status disagrees with the ledger."""
	unit = frappe.qb.DocType("Serial No")
	positions = {row.serial_no: row for row in ledger_positions(item_code).run(as_dict=True)}
	query = frappe.qb.from_(unit).select(
		unit.name, unit.item_code, unit.warehouse, unit.status, unit.st_lifecycle_status
	)
	if item_code:
		query = query.where(unit.item_code == item_code)
	out = []
	for row in query.run(as_dict=True):
		position = positions.get(row.name)
		if not position and not row.warehouse and row.st_lifecycle_status not in lifecycle.ON_HAND:
			continue  # never moved, or moved and fully cancelled: nothing to compare
		expected = expected_state(position)
		problems = []
		if (row.warehouse or None) != expected["warehouse"]:
			problems.append("warehouse")
		# ERPNext gives units out of stock one of several statuses; only "Active" contradicts the ledger.
		if (row.status == "Active") != (expected["status"] == "Active"):
			problems.append("status")
		if row.st_lifecycle_status and (row.st_lifecycle_status in lifecycle.ON_HAND) != bool(
			expected["warehouse"]
		):
			problems.append("lifecycle status")
		if problems:
			out.append(
				{
					"serial_no": row.name,
					"item_code": row.item_code,
					"warehouse": row.warehouse,
					"ledger_warehouse": expected["warehouse"],
					"status": row.status,
					"ledger_status": expected["status"],
					"lifecycle_status": row.st_lifecycle_status,
					"expected_lifecycle_status": expected["lifecycle"],
					"ledger_voucher_type": expected["voucher_type"],
					"ledger_voucher": expected["voucher_no"],
					"problems": ", ".join(problems),
				}
			)
	return out


def expected_state(position) -> dict:
	"""What ERPNext itself sets after the unit's last movement (see its serial_batch_bundle.py)."""
	if not position:
		return {
			"warehouse": None,
			"status": "Inactive",
			"lifecycle": None,
			"voucher_type": None,
			"voucher_no": None,
		}
	base = {"voucher_type": position.voucher_type, "voucher_no": position.voucher_no}
	if position.actual_qty > 0:
		return {**base, "warehouse": position.warehouse, "status": "Active", "lifecycle": lifecycle.IN_STOCK}
	consumed = (
		position.voucher_type == "Stock Entry"
		and frappe.get_cached_value("Stock Entry", position.voucher_no, "purpose") in CONSUMING_PURPOSES
	)
	status = "Consumed" if consumed else "Delivered"
	return {
		**base,
		"warehouse": None,
		"status": status,
		"lifecycle": lifecycle.CONSUMED if consumed else lifecycle.DELIVERED,
	}


def repair(rows: list[dict]) -> int:
	"""Set each drifting unit's warehouse and statuses to what its ledger says; returns units changed."""
	unit = frappe.qb.DocType("Serial No")
	groups = defaultdict(list)
	for row in rows:
		lifecycle_status = row["lifecycle_status"]
		if "lifecycle status" in row["problems"] or not lifecycle_status:
			lifecycle_status = row["expected_lifecycle_status"]
		status = row["ledger_status"] if "status" in row["problems"] else row["status"]
		groups[(row["ledger_warehouse"], status, lifecycle_status)].append(row["serial_no"])
	for (warehouse, status, lifecycle_status), serials in groups.items():
		(
			frappe.qb.update(unit)
			.set(unit.warehouse, warehouse)
			.set(unit.status, status)
			.set(unit.st_lifecycle_status, lifecycle_status)
			.where(unit.name.isin(serials))
		).run()
	return sum(len(s) for s in groups.values())
