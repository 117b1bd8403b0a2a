"""Fill each unit's life summary (first receipt, last departure, turns) from its audit events."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, Max, Min, Sum

from serial_tracking.install import apply_customizations

# What this patch needs, as it was when it was written (the app's modules may move or change since).
EVENT_DOCTYPE = "Serial Audit Event"
CANCELLED = "Cancelled"
EXITS = ("Delivered", "Returned to Supplier", "Consumed", "Retired", "Adjusted")
TURNS = ("Delivered", "Checked Out")

BATCH = 5000


def execute():
	apply_customizations()  # patches run before after_migrate creates the new fields
	unit = frappe.qb.DocType("Serial No")
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	todo = frappe.qb.from_(unit).select(unit.name).where(unit.st_first_received.isnull()).run(pluck=True)
	for start in range(0, len(todo), BATCH):
		summary = (
			frappe.qb.from_(event)
			.select(
				event.serial_no,
				Min(Case().when(event.event != CANCELLED, event.posting)).as_("first_in"),
				Max(Case().when(event.event.isin(list(EXITS)), event.posting)).as_("last_out"),
				(
					Sum(Case().when(event.event.isin(list(TURNS)), 1).else_(0))
					- Sum(
						Case().when((event.event == CANCELLED) & event.remarks.isin(list(TURNS)), 1).else_(0)
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
