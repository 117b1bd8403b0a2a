"""What is left to find in an open Unit Count: the units expected there that no scan has found yet."""

import frappe
from frappe.query_builder.functions import Count

from serial_tracking.counting.core import count_rules
from serial_tracking.counting.unit_count import SCAN, UNIT

SHOWN = 500  # units listed at most (the total is always given)


def not_yet_scanned(count: str, limit: int = SHOWN) -> dict:
	"""The expected units of ``count`` not found by a scan yet, by item and serial, and how many there are."""
	unit = frappe.qb.DocType(UNIT)
	scan = frappe.qb.DocType(SCAN)
	serial = frappe.qb.DocType("Serial No")
	found = (
		frappe.qb.from_(scan)
		.select(scan.serial_no)
		.where((scan.unit_count == count) & (scan.verdict == count_rules.EXPECTED))
	)
	left = (
		(unit.unit_count == count)
		& (unit.expected == 1)
		& unit.serial_no.notin(found)
		& unit.serial_no.isnotnull()
	)
	rows = (
		frappe.qb.from_(unit)
		.left_join(serial)
		.on(serial.name == unit.serial_no)
		.select(unit.serial_no, unit.item_code, unit.warehouse, serial.st_maker_serial.as_("maker_serial"))
		.where(left)
		.orderby(unit.item_code)
		.orderby(unit.serial_no)
		.limit(limit)
	).run(as_dict=True)
	total = frappe.qb.from_(unit).select(Count("*")).where(left).run()[0][0]
	return {"units": rows, "total": total}
