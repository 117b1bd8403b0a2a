"""What an assembled or repaired unit's cost takes from its component units (Serial Unit Link).

ERPNext values every finished unit of a Manufacture or Repack entry alike, at the entry's consumed
value shared out; a finished unit's own serialized components replace that average of them
(profitability/core/profit.py, assembly_costs), so one entry's units still add up to ERPNext's valuation. A repair adds
the value of the part it put in (as ERPNext valued it when it left stock) and takes off the value the
part it took out came back into stock at.
"""

from collections import defaultdict

import frappe
from frappe.query_builder.functions import Date, Sum
from frappe.utils import flt

from serial_tracking.genealogy.unit_links import ASSEMBLY, LINK, REPAIR
from serial_tracking.profitability.core import profit

CHUNK = 1000


def assembled(serials: list[str] | None = None) -> dict[str, tuple[float, float]]:
	"""``{unit: (its components' cost, the change to ERPNext's valuation)}`` for the finished units of
	the entries that assembled any of ``serials`` (None: every assembly entry)."""
	link = frappe.qb.DocType(LINK)
	query = (
		frappe.qb.from_(link)
		.select(link.voucher_no, link.unit, link.rate)
		.where((link.how == ASSEMBLY) & (link.cancelled == 0))
	)
	if serials is not None:
		entries = (
			frappe.qb.from_(link)
			.select(link.voucher_no)
			.where((link.how == ASSEMBLY) & (link.cancelled == 0) & link.unit.isin(serials or [""]))
		)
		query = query.where(link.voucher_no.isin(entries))
	rows = query.run()
	if not rows:
		return {}
	finished = finished_units(sorted({voucher for voucher, _, _ in rows}))
	return profit.assembly_costs(finished, [(unit, flt(rate)) for _, unit, rate in rows])


def finished_units(entries: list[str]) -> dict[str, str]:
	"""``{unit: entry}``: every serialized finished unit the submitted entries made."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	line = frappe.qb.DocType("Stock Entry Detail")
	out = {}
	for start in range(0, len(entries), CHUNK):
		rows = (
			frappe.qb.from_(bundle)
			.join(entry)
			.on(entry.parent == bundle.name)
			.join(line)
			.on(line.name == bundle.voucher_detail_no)
			.select(entry.serial_no, bundle.voucher_no)
			.where(
				(bundle.voucher_type == "Stock Entry")
				& bundle.voucher_no.isin(entries[start : start + CHUNK])
				& (bundle.type_of_transaction == "Inward")
				& (bundle.docstatus == 1)
				& (bundle.is_cancelled == 0)
				& (line.is_finished_item == 1)
				& entry.serial_no.isnotnull()
			)
		).run()
		out.update(rows)
	return out


def parts_swapped(period, serials: list[str] | None = None) -> dict[str, float]:
	"""Per unit: the parts repairs put in, less what the parts they took out came back into stock at
	(each counted in the period of its repair)."""
	link = frappe.qb.DocType(LINK)
	out: dict[str, float] = defaultdict(float)
	fitted = (
		frappe.qb.from_(link)
		.select(link.unit, Sum(link.rate))
		.where((link.how == REPAIR) & (link.cancelled == 0))
		.groupby(link.unit)
	)
	taken_out = (
		frappe.qb.from_(link)
		.select(link.unit, Sum(link.removed_rate) * -1)
		.where((link.removed_rate != 0) & (link.cancelled == 0) & link.ended_on.isnotnull())
		.groupby(link.unit)
	)
	for query, when in ((fitted, link.linked_on), (taken_out, link.ended_on)):
		if (condition := period.where(Date(when))) is not None:
			query = query.where(condition)
		if serials is not None:
			query = query.where(link.unit.isin(serials or [""]))
		for unit, amount in query.run():
			out[unit] += flt(amount)
	return out
