"""Which units a submitted stock transaction moved, read from its ledger entries' bundles."""

import frappe


def moved(voucher_type: str, voucher_no: str, *, outward: bool) -> list:
	"""The units ``voucher_no`` took out of (``outward``) or brought into stock, in line order."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	direction = sle.actual_qty < 0 if outward else sle.actual_qty > 0
	rows = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.select(entry.serial_no, sle.item_code, sle.warehouse)
		.where(
			(sle.voucher_type == voucher_type)
			& (sle.voucher_no == voucher_no)
			& (sle.is_cancelled == 0)
			& direction
			& entry.serial_no.isnotnull()
		)
		.orderby(sle.creation)
		.orderby(entry.idx)
	).run(as_dict=True)
	seen = set()
	return [row for row in rows if not (row.serial_no in seen or seen.add(row.serial_no))]
