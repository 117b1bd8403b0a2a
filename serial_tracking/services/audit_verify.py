"""Check every unit's chain of audit events, and compare units' ERPNext state with the ledger."""

from itertools import groupby

import frappe
from frappe import _

from serial_tracking.core import audit
from serial_tracking.services.audit_trail import EVENT


def verify_chains(
	serials: list[str] | None = None, batch_size: int = 2000, progress: bool = False
) -> list[audit.Break]:
	"""Every broken chain: events altered, removed, reordered or unlinked; all units, or ``serials``."""
	table = frappe.qb.DocType(EVENT)
	fields = [table[f] for f in (*audit.HASHED, "hash")]
	units = serials or frappe.qb.from_(table).select(table.serial_no).distinct().orderby(table.serial_no).run(
		pluck=True
	)
	problems = []
	for start in range(0, len(units), batch_size):
		chunk = units[start : start + batch_size]
		rows = (
			frappe.qb.from_(table)
			.select(*fields)
			.where(table.serial_no.isin(chunk))
			.orderby(table.serial_no)
			.orderby(table.seq)
		).run(as_dict=True)
		for _serial, chain in groupby(rows, key=lambda row: row.serial_no):
			problems += audit.verify(list(chain))
		if progress:
			done = min(start + batch_size, len(units))
			frappe.publish_progress(
				done * 100 / len(units), title=_("Verifying audit chains"), description=f"{done}/{len(units)}"
			)
	return problems
