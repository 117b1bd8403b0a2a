"""Cancel a Unit Import: take back every part it imported. Its own events are reversed, the fields it
updated get their values before, the units it lent are no longer lent, and its documents are cancelled,
the last first (the audit trail reverses their events; a Delivery Note's cancel ends the maintenance
schedules it planned). Refused, changing nothing, while a unit it brought in or updated has moved or
changed since, by anything but the import."""

import json
from collections import defaultdict

import frappe
from frappe.model.document import Document
from frappe.utils import get_datetime

from serial_tracking.audit import event_store, trail
from serial_tracking.concurrency import locks
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.unit_import import lookups, preview, recording
from serial_tracking.unit_import.core import importing, judge

IMPORT = preview.IMPORT


def undo(doc: Document) -> None:
	row = frappe.qb.DocType(preview.ROW)
	done = (
		frappe.qb.from_(row)
		.select(row.unit, row.verdict, row.changes)
		.where(
			(row.unit_import == doc.name)
			& row.verdict.isin([judge.NEW, judge.CHANGE])
			& (row.done == 1)
			& row.unit.isnotnull()
		)
	).run(as_dict=True)
	units = sorted({r.unit for r in done})
	vouchers = [(entry.voucher_type, entry.voucher) for entry in doc.entries]
	locks.lock(units)
	with rules_as_messages():
		importing.check_unmoved(changed_since(units, doc, [name for _t, name in vouchers]))
	trail.reverse_events(IMPORT, doc.name)
	restore(done)
	for doctype, name in reversed(vouchers):
		voucher = frappe.get_doc(doctype, name)
		if voucher.docstatus == 1:
			voucher.flags.ignore_links = True  # the import being cancelled links to it
			voucher.cancel()
	doc.db_set("status", judge.CANCELLED)


def changed_since(units: list[str], doc: Document, vouchers: list[str]) -> list[tuple]:
	"""The first event of the units since the import began, other than its own (serial, event,
	voucher type, no.)."""
	if not units or not doc.imported_at:
		return []
	event = frappe.qb.DocType(event_store.EVENT_DOCTYPE)
	ours = [doc.name, *vouchers]
	found = []
	for chunk in lookups.chunks(units):
		found += (
			frappe.qb.from_(event)
			.select(event.serial_no, event.event, event.voucher_type, event.voucher_no)
			.where(
				event.serial_no.isin(chunk)
				& (event.recorded_at >= get_datetime(doc.imported_at))
				& (event.voucher_no.isnull() | event.voucher_no.notin(ours))
			)
			.orderby(event.recorded_at)
			.limit(1)
		).run()
	return found[:1]


def restore(done: list) -> None:
	"""Updated units get the values they had before (where nothing changed them since), a loan the import
	began or ended is as it was; new units lose the custodian the file gave them (they leave with the
	receipt's cancel)."""
	unit = frappe.qb.DocType("Serial No")
	attributes = lookups.attributes()
	values = defaultdict(list)
	loans = defaultdict(list)
	for line in done:
		for change, (before, after) in json.loads(line.changes or "{}").items():
			if change == judge.LOAN:
				loans[tuple(before) if before else None].append(line.unit)
				continue
			field = recording.field_of(change, attributes)
			if field:
				values[(field, before, after)].append(line.unit)
	for (field, before, after), serials in values.items():
		current = unit[field] == after if after is not None else unit[field].isnull()
		frappe.qb.update(unit).set(unit[field], before).where(unit.name.isin(serials) & current).run()
	new = [line.unit for line in done if line.verdict == judge.NEW]
	for holder, serials in [*loans.items(), *((None, chunk) for chunk in lookups.chunks(new))]:
		custodian_type, custodian, due = holder or (None, None, None)
		employee = custodian if custodian_type == "Employee" else None
		frappe.qb.update(unit).set(unit.st_custodian_type, custodian_type).set(
			unit.st_custodian, custodian
		).set(unit.st_due_date, due).set(unit.employee, employee).where(unit.name.isin(serials)).run()
