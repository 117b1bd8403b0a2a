"""Fill each unit's life summary (first receipt, last departure, turns) from its audit events."""

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Max, Min, Sum

from serial_tracking.core import audit
from serial_tracking.install import apply_customizations
from serial_tracking.services.audit_trail import EVENT, EXITS, TURNS

BATCH = 5000


def execute():
	apply_customizations()  # patches run before after_migrate creates the new fields
	unit = frappe.qb.DocType("Serial No")
	event = frappe.qb.DocType(EVENT)
	todo = frappe.qb.from_(unit).select(unit.name).where(unit.st_first_received.isnull()).run(pluck=True)
	for start in range(0, len(todo), BATCH):
		rows = (
			frappe.qb.from_(event)
			.select(
				event.serial_no,
				Min(Case().when(event.event != audit.CANCELLED, event.posting)),
				Max(Case().when(event.event.isin(list(EXITS)), event.posting)),
				Sum(Case().when(event.event.isin(list(TURNS)), 1).else_(0))
				- Sum(
					Case()
					.when((event.event == audit.CANCELLED) & event.remarks.isin(list(TURNS)), 1)
					.else_(0)
				),
			)
			.where(event.serial_no.isin(todo[start : start + BATCH]))
			.groupby(event.serial_no)
		).run()
		for serial, first_in, last_out, turns in rows:
			frappe.db.set_value(
				"Serial No",
				serial,
				{"st_first_received": first_in, "st_last_departed": last_out, "st_turns": turns or 0},
				update_modified=False,
			)
		frappe.db.commit()
