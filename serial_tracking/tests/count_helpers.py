"""Shared helpers of the Unit Count integration tests: a warehouse of their own per test (so open counts
of other tests never overlap), units received with known serials, and the count's own API."""

import frappe

from serial_tracking.api import unit_count as api
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals

COUNT = "Unit Count"


def place(prefix: str = "Count") -> str:
	"""A new warehouse of the test company."""
	name = f"{prefix} {frappe.generate_hash(length=5).upper()}"
	return (
		frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": f.COMPANY}).insert().name
	)


def units(n: int, wh: str, rate: float = 100, item: str | None = None, makers=None) -> tuple[str, list[str]]:
	"""``n`` units of a (new) serialized item received into ``wh`` with known serials."""
	item = item or f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
	serials = [f"{item}-{frappe.generate_hash(length=4).upper()}{i}" for i in range(n)]
	f.voucher(
		"Purchase Receipt",
		[f.line(item, n, rate, wh=wh, serials=serials, makers=makers)],
		supplier=f.SUPPLIER,
	)
	return item, serials


def start(wh: str | None = None, **fields):
	return frappe.get_doc({"doctype": COUNT, "company": f.COMPANY, "warehouse": wh, **fields}).insert()


def scan(count, code, condition=None) -> dict:
	return api.scan(count.name, code, condition)


def close(count):
	api.close(count.name)
	return frappe.get_doc(COUNT, count.name)


def line(count, key):
	"""The result line of a unit (or unknown code)."""
	return next(row for row in count.results if key in (row.serial_no, row.code))


def refused(test, call, *words, rollback: bool = False) -> str:
	"""A count's call refused with a ValidationError naming ``words`` (see tests/refusals.py)."""
	return refusals.refused(test, frappe.ValidationError, call, *words, rollback=rollback)


def counters(name: str) -> dict:
	return frappe.db.get_value(
		COUNT,
		name,
		["scans", "found", "missing", "misplaced", "moved", "unexpected", "unknown", "conditions_noted"],
		as_dict=True,
	)


__all__ = ["SerialTrackingError"]
