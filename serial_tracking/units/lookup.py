"""Look units (Serial Nos) up."""

from pypika import Order

import frappe


def find_by_maker_serial(maker_serial: str):
	"""The unit carrying ``maker_serial``: one on hand first, else the most recent."""
	serial_no = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(serial_no)
		.select(serial_no.name, serial_no.item_code, serial_no.batch_no, serial_no.warehouse)
		.where(serial_no.st_maker_serial == maker_serial)
		.orderby(serial_no.warehouse.isnull())
		.orderby(serial_no.creation, order=Order.desc)
		.limit(1)
	).run(as_dict=True)
	return rows[0] if rows else None
