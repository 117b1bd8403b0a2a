"""Which units a stock voucher moves, and how: from its lines' bundles or typed serials before it is
submitted, from its bundles once it is."""

import frappe
from frappe.model.document import Document

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.units.bundles import serials_by_bundle
from serial_tracking.units.core import lifecycle
from serial_tracking.units.core.moves import COUNT, IN, OUT, Move

SELLING = ("Delivery Note", "Sales Invoice", "POS Invoice")
BUYING = ("Purchase Receipt", "Purchase Invoice", "Subcontracting Receipt")
MOVING = (*SELLING, *BUYING, "Stock Entry", "Stock Reconciliation")
WITH_STOCK_FLAG = ("Sales Invoice", "Purchase Invoice")  # they move stock only with Update Stock


def moves_stock(doc: Document) -> bool:
	return doc.doctype in MOVING and (doc.doctype not in WITH_STOCK_FLAG or bool(doc.get("update_stock")))


def planned(doc: Document) -> list[Move]:
	"""The units a voucher about to be submitted moves: from its lines' bundles or typed serials."""
	lines = []  # (direction, warehouse, doing, bundle, typed serials)
	for table in doc.meta.get_table_fields():
		for row in doc.get(table.fieldname) or []:
			for direction, warehouse, doing, bundle_field, serial_field in row_moves(
				doc, table.fieldname, row
			):
				bundle, typed = row.get(bundle_field), row.get(serial_field)
				if bundle or typed:
					lines.append((direction, warehouse, doing, bundle, typed))
	bundled = serials_by_bundle([bundle for *_, bundle, _typed in lines if bundle])
	moves = []
	for direction, warehouse, doing, bundle, typed in lines:
		serials = bundled.get(bundle) if bundle else get_serial_nos(typed)
		moves += [Move(serial, direction, warehouse, doing) for serial in serials or ()]
	return moves


def row_moves(doc: Document, table: str, row) -> list[tuple]:
	"""(direction, warehouse, doing, bundle field, serial field) of one line, as ERPNext posts it."""
	both = ("serial_and_batch_bundle", "serial_no")
	if doc.doctype == "Stock Entry":
		if row.get("s_warehouse"):
			doing = lifecycle.ISSUE if not row.get("t_warehouse") and not doc.get("st_unit_intent") else None
			return [(OUT, row.s_warehouse, doing, *both)]
		return [(IN, row.get("t_warehouse"), None, *both)]
	if doc.doctype == "Stock Reconciliation":
		return [
			(COUNT, row.get("warehouse"), None, *both),
			(OUT, row.get("warehouse"), None, "current_serial_and_batch_bundle", "current_serial_no"),
		]
	if doc.doctype in SELLING:
		return [
			(
				IN if doc.get("is_return") else OUT,
				row.get("warehouse"),
				None if doc.get("is_return") or doc.get("st_unit_intent") else lifecycle.SELL,
				*both,
			)
		]
	if doc.doctype in BUYING:
		if table == "supplied_items":
			return [(OUT, doc.get("supplier_warehouse"), None, *both)]
		moves = [(OUT if doc.get("is_return") else IN, row.get("warehouse"), None, *both)]
		if not doc.get("is_return"):
			moves.append(
				(
					IN,
					row.get("rejected_warehouse"),
					None,
					"rejected_serial_and_batch_bundle",
					"rejected_serial_no",
				)
			)
		return moves
	return []


def posted(voucher_type: str, voucher_no: str) -> list[Move]:
	"""The units a submitted voucher moved, from its bundles: outward ones first (a transfer's source
	before its target)."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.select(entry.serial_no, bundle.type_of_transaction, entry.warehouse, bundle.warehouse)
		.where(
			(bundle.voucher_type == voucher_type)
			& (bundle.voucher_no == voucher_no)
			& (bundle.docstatus == 1)
			& (bundle.is_cancelled == 0)
			& entry.serial_no.isnotnull()
		)
	).run()
	moves = [
		Move(serial, OUT if kind == "Outward" else IN, line_warehouse or warehouse)
		for serial, kind, line_warehouse, warehouse in rows
	]
	return sorted(moves, key=lambda move: move.direction != OUT)
