"""Check every unit's chain of audit events: in the request for one unit, as a background job for all."""

from itertools import groupby

import frappe
from frappe import _

from serial_tracking.core import audit
from serial_tracking.messages import render
from serial_tracking.services.audit_chain import EVENT

SHOWN = 200
DONE_EVENT = "st_verify_done"


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
				done * 100 / len(units),
				title=_("Verifying audit chains"),
				description=_("{0} of {1} units").format(done, len(units)),
			)
	return problems


def report(problems: list[audit.Break], shown: int = SHOWN) -> dict:
	"""What the desk shows of a verification: broken units, the first breaks in words, how many more."""
	return {
		"broken_units": len({p.serial_no for p in problems}),
		"problems": [
			{"serial_no": p.serial_no, "seq": p.seq, "message": render(p.message, p.params, bold=False)}
			for p in problems[:shown]
		],
		"more": max(0, len(problems) - shown),
	}


@frappe.read_only()
def run(user: str) -> dict:
	"""Background job: verify every chain, with a progress bar, and tell ``user`` the outcome."""
	result = report(verify_chains(progress=True))
	frappe.publish_realtime(DONE_EVENT, result, user=user)
	return result
