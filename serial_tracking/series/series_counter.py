"""Frappe's own series counters (``tabSeries``), reserved many values at a time.

Frappe's ``getseries`` locks the counter row with ``SELECT ... FOR UPDATE`` and adds one. A receipt
of N units takes the same lock once and adds N, so N serials cost one round trip, not N.
"""

import frappe
from frappe.utils import cint


def reserve(key: str, count: int) -> int:
	"""Reserve ``count`` consecutive values of counter ``key``; returns the first of them."""
	SERIES = frappe.qb.DocType("Series")
	for _attempt in range(3):
		current = frappe.qb.from_(SERIES).select(SERIES.current).where(SERIES.name == key).for_update().run()
		if current and current[0][0] is not None:
			first = cint(current[0][0]) + 1
			frappe.qb.update(SERIES).set(SERIES.current, SERIES.current + count).where(
				SERIES.name == key
			).run()
			return first
		try:
			frappe.qb.into(SERIES).columns(SERIES.name, SERIES.current).insert(key, count).run()
			return 1
		except Exception as error:
			if not frappe.db.is_duplicate_entry(error):
				raise
			# Another transaction created the counter between our read and insert: lock it and add.
	frappe.throw(frappe._("Could not reserve serial numbers for series {0}; try again.").format(key))


def current(key: str) -> int:
	"""The last value handed out by counter ``key`` (0 when unused); reserves nothing."""
	series = frappe.qb.DocType("Series")
	rows = frappe.qb.from_(series).select(series.current).where(series.name == key).run()
	return cint(rows[0][0]) if rows else 0


def snapshot() -> dict[str, int]:
	"""Every counter and its value (tests use it to show that a refusal moved none)."""
	series = frappe.qb.DocType("Series")
	return dict(frappe.qb.from_(series).select(series.name, series.current).run())
