"""Fill each unit's life summary (first receipt, last departure, turns) from its audit events."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Max, Min, Sum

from serial_tracking.audit.event_store import EVENT
from serial_tracking.install import apply_customizations
from serial_tracking.units.core import ledger

BATCH = 5000


def execute():
	apply_customizations()  # patches run before after_migrate creates the new fields
	unit = frappe.qb.DocType("Serial No")
	event = frappe.qb.DocType(EVENT)
	todo = frappe.qb.from_(unit).select(unit.name).where(unit.st_first_received.isnull()).run(pluck=True)
	for start in range(0, len(todo), BATCH):
		summary = (
			frappe.qb.from_(event)
			.select(
				event.serial_no,
				Min(Case().when(event.event != ledger.CANCELLED, event.posting)).as_("first_in"),
				Max(Case().when(event.event.isin(list(ledger.EXITS)), event.posting)).as_("last_out"),
				(
					Sum(Case().when(event.event.isin(list(ledger.TURNS)), 1).else_(0))
					- Sum(
						Case()
						.when((event.event == ledger.CANCELLED) & event.remarks.isin(list(ledger.TURNS)), 1)
						.else_(0)
					)
				).as_("turns"),
			)
			.where(event.serial_no.isin(todo[start : start + BATCH]))
			.groupby(event.serial_no)
		).as_("summary")
		(  # one statement per batch: every unit of the batch takes its summary at once
			frappe.qb.update(unit)
			.join(summary)
			.on(summary.serial_no == unit.name)
			.set(unit.st_first_received, summary.first_in)
			.set(unit.st_last_departed, summary.last_out)
			.set(unit.st_turns, Coalesce(summary.turns, 0))
		).run()
		frappe.db.commit()
