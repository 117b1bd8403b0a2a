"""Import a checked Unit Import, in parts.

New units come in through ERPNext: Material Receipts by supplier, supplier reference and date
(``st_unit_intent`` *Imported*, so the audit trail names each unit's event *Imported*, its supplier and,
in its remarks, the import), opening stock by default, at the cost the file gives. Retired units then
leave through the Retire action (a Material Issue); the installed base goes to its customers on Delivery
Notes (at zero value: sold before these books), which date their warranties and plan their maintenance.
What the file says beyond that is recorded by :mod:`~serial_tracking.unit_import.recording`.

An import goes in parts of :data:`~serial_tracking.unit_import.core.plan.PART` units; a small one in the
request, all in one transaction; a large one in a background job that commits each part, so a part that
fails, or a worker that dies, leaves the parts before it imported and *Resume* goes on from the next.
"""

import json
from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Case
from frappe.utils import getdate, now_datetime, nowdate, nowtime

from serial_tracking.actions import unit_actions
from serial_tracking.concurrency import locks
from serial_tracking.platform import job_lock
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.unit_import import lookups, preview, recording
from serial_tracking.unit_import.core import importing, judge, plan
from serial_tracking.unit_import.core.rows import Row
from serial_tracking.units.bundles import serials_by_bundle
from serial_tracking.units.core import ledger, lifecycle

IMPORT = preview.IMPORT
ROW = preview.ROW
BACKGROUND_OVER = 500  # units imported or updated: more go to a background job, in parts


def default_account(doc: Document) -> str | None:
	"""The account new units' value goes against: Temporary Opening for opening stock, else the
	company's Stock Adjustment Account."""
	if doc.is_opening:
		account = frappe.db.get_value(
			"Account", {"company": doc.company, "account_type": "Temporary", "is_group": 0}, "name"
		)
		if account:
			return account
	return frappe.get_cached_value("Company", doc.company, "stock_adjustment_account")


def check(doc: Document) -> None:
	"""Before the import: something to import, no error unless errors are skipped, and the units it
	updates still where the check found them (held until the import ends)."""
	failed = frappe.get_all(
		ROW,
		{"unit_import": doc.name, "verdict": judge.ERROR},
		["row_no", "message"],
		order_by="row_no asc",
		limit=1,
	)
	with rules_as_messages():
		importing.check_importable(
			{verdict: doc.get(field) or 0 for verdict, field in preview.COUNTERS.items()},
			skip_errors=bool(doc.skip_errors),
			first_error=(failed[0].row_no, failed[0].message) if failed else None,
		)
	changed = frappe.get_all(ROW, {"unit_import": doc.name, "verdict": judge.CHANGE}, pluck="unit")
	facts = lookups.units(changed)
	if facts:
		latest = locks.lock([unit.serial for unit in facts.values()])
		locks.refuse_moved_since({unit.serial: unit.warehouse for unit in facts.values()}, latest)


def post(doc: Document) -> None:
	"""On submit: import every part now, or leave them to the background job that submitted it."""
	doc.db_set({"status": judge.QUEUED, "imported_at": now_datetime(), "error": None})
	if not frappe.flags.st_import_in_parts:
		post_parts(doc)


def post_parts(doc: Document, commit: bool = False) -> None:
	"""Import the parts not imported yet, in order; ``commit``: each part on its own (a background job)."""
	attributes = lookups.attributes()
	part = doc.parts_done or 0
	while records := next_part(doc.name):
		part += 1
		progress(doc, part, records)
		post_part(doc, records, part, attributes)
		doc.db_set("parts_done", part)
		if commit:
			frappe.db.commit()
	doc.db_set({"status": judge.IMPORTED, "error": None})
	frappe.publish_progress(
		100, title=_("Unit Import"), doctype=doc.doctype, docname=doc.name, description=_("Done")
	)


def next_part(name: str) -> list:
	"""The next rows to import, those of one receipt line together (ERPNext values a line's units
	alike, so units of one item, warehouse and cost share a line: a part of such rows has few lines)."""
	row = frappe.qb.DocType(ROW)
	query = (
		frappe.qb.from_(row)
		.select("*")
		.where((row.unit_import == name) & row.verdict.isin([judge.NEW, judge.CHANGE]) & (row.done == 0))
	)
	for field in PART_ORDER:
		query = query.orderby(row[field])
	return query.limit(plan.PART).run(as_dict=True)


PART_ORDER = (
	"verdict",
	"supplier",
	"supplier_reference",
	"purchase_date",
	"customer",
	"delivery_date",
	"item_code",
	"warehouse",
	"cost",
	"row_no",
)


def post_part(doc: Document, records: list, part: int, attributes: dict) -> None:
	new = [to_row(r) for r in records if r.verdict == judge.NEW]
	posting, on_purchase_date = getdate(doc.posting_date), doc.post_on == judge.POST_ON[1]
	for (supplier, reference, day), lines in plan.receipts(
		new, posting=posting, on_purchase_date=on_purchase_date
	).items():
		entry = receipt(doc, supplier, reference, day, lines)
		add_entry(doc, "Stock Entry", entry.name, "Supplier" if supplier else None, supplier, lines, part)
	leaving = (lifecycle.DELIVERED, lifecycle.RETIRED)
	recording.arrived(doc, [row for row in new if row.status not in leaving], attributes)
	recording.arrived(doc, [row for row in new if row.status in leaving], attributes)  # fields only
	retire(doc, [row for row in new if row.status == lifecycle.RETIRED], part)
	for (customer, day), lines in plan.deliveries(new, posting=posting).items():
		note = delivery(doc, customer, day, lines)
		add_entry(doc, "Delivery Note", note.name, "Customer", customer, lines, part)
	recording.delivered([row for row in new if row.status == lifecycle.DELIVERED])
	changed = [(to_row(r), changes_of(r)) for r in records if r.verdict == judge.CHANGE]
	recording.update(doc, changed, attributes)
	mark_done(records, new)


def to_row(record) -> Row:
	"""A Unit Import Row record as the row it was read from (names resolved)."""
	row = Row(record.row_no, **{attribute: record.get(field) for attribute, field in preview.STORED.items()})
	row.serial = record.unit or record.serial_no or None
	row.cost = Decimal(str(record.cost or 0))
	row.attributes = json.loads(record.attributes or "{}")
	for attribute in (
		"purchase_date",
		"warranty_expiry",
		"due_date",
		"delivery_date",
		"customer_warranty_expiry",
		"amc_expiry",
	):
		value = getattr(row, attribute)
		setattr(row, attribute, getdate(value) if value else None)
	row.name = record.name
	return row


def changes_of(record) -> dict:
	return {key: tuple(pair) for key, pair in json.loads(record.changes or "{}").items()}


def receipt(doc: Document, supplier: str | None, reference: str | None, day, lines: list[plan.Line]):
	"""One Material Receipt; serials it generates go back to their rows, in the rows' order."""
	account = doc.difference_account or default_account(doc)
	items = []
	for line in lines:
		item = {
			"item_code": line.item_code,
			"qty": len(line.rows),
			"t_warehouse": line.warehouse,
			"basic_rate": float(line.rate),
			"set_basic_rate_manually": 1,
			"allow_zero_valuation_rate": 0 if line.rate else 1,
			"expense_account": account,
		}
		if line.serials:
			item |= {"serial_no": "\n".join(line.serials), "use_serial_batch_fields": 1}
		if line.makers:
			item["st_maker_serials"] = "\n".join(line.makers)
		items.append(item)
	remarks = _("Unit Import {0}").format(doc.name)
	if reference:
		remarks += "; " + _("supplier reference {0}").format(reference)
	entry = voucher(
		"Stock Entry",
		day,
		{
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": doc.company,
			"is_opening": "Yes" if doc.is_opening else "No",
			"supplier": supplier,
			"st_unit_intent": ledger.IMPORTED,
			"remarks": remarks,
			"items": items,
		},
		time="00:00:00",
	)
	if any(line.generated for line in lines):
		# the app hands generated serials to ERPNext as a line's ledger entry is written: the line's
		# bundle is on the entry's rows in the database, not on the rows in hand
		detail = frappe.qb.DocType("Stock Entry Detail")
		bundle_of = dict(
			frappe.qb.from_(detail)
			.select(detail.name, detail.serial_and_batch_bundle)
			.where(detail.parent == entry.name)
			.run()
		)
		bundles = serials_by_bundle(b for b in bundle_of.values() if b)
		for line, item in zip(lines, entry.items, strict=True):
			if line.generated:
				for row, serial in zip(line.rows, bundles.get(bundle_of.get(item.name), []), strict=True):
					row.serial = serial
	return entry


def delivery(doc: Document, customer: str, day, lines: list[plan.Line]):
	"""One Delivery Note of the installed base to its customer, at zero value (sold before these books)."""
	return voucher(
		"Delivery Note",
		day,
		{
			"customer": customer,
			"company": doc.company,
			"remarks": _("Unit Import {0}: units sold before these books").format(doc.name),
			"items": [
				{
					"item_code": line.item_code,
					"qty": len(line.rows),
					"warehouse": line.warehouse,
					"rate": 0,
					"price_list_rate": 0,
					"serial_no": "\n".join(row.serial for row in line.rows),
					"use_serial_batch_fields": 1,
					"allow_zero_valuation_rate": 1,
				}
				for line in lines
			],
		},
		time="23:59:59",
	)


def voucher(doctype: str, day, values: dict, time: str):
	"""A submitted voucher dated ``day`` (today: now; another day: at ``time``, its first or last moment)."""
	today = getdate(day) == getdate(nowdate())
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			"posting_date": day,
			"posting_time": nowtime() if today else time,
			"set_posting_time": 0 if today else 1,
			**values,
		}
	)
	doc.insert()
	doc.submit()
	return doc


def retire(doc: Document, rows: list[Row], part: int) -> None:
	"""Retired units leave through the Retire action: a Material Issue at their value."""
	if not rows:
		return
	done = unit_actions.act(
		[row.serial for row in rows], lifecycle.RETIRE, remarks=_("Unit Import {0}").format(doc.name)
	)
	for name in done["stock_entries"]:
		add_entry(doc, "Stock Entry", name, None, None, rows, part)


def add_entry(doc: Document, doctype: str, name: str, party_type, party, lines, part: int) -> None:
	units = sum(len(line.rows) if isinstance(line, plan.Line) else 1 for line in lines)
	entry = doc.append(
		"entries",
		{
			"voucher_type": doctype,
			"voucher": name,
			"party_type": party_type,
			"party": party,
			"units": units,
			"part": part,
		},
	)
	entry.db_insert()


def mark_done(records: list, new: list[Row]) -> None:
	"""The part's rows are imported: new units with the serial they got."""
	row = frappe.qb.DocType(ROW)
	for chunk in lookups.chunks(new, 500):
		unit = Case()
		for each in chunk:
			unit = unit.when(row.name == each.name, each.serial)
		frappe.qb.update(row).set(row.unit, unit).where(row.name.isin([each.name for each in chunk])).run()
	for chunk in lookups.chunks([r.name for r in records]):
		frappe.qb.update(row).set(row.done, 1).where(row.name.isin(chunk)).run()


def progress(doc: Document, part: int, records: list) -> None:
	total = (doc.new_units or 0) + (doc.updates or 0)
	done = min(total, (part - 1) * plan.PART)
	frappe.publish_progress(
		int(100 * done / total) if total else 0,
		title=_("Unit Import"),
		doctype=doc.doctype,
		docname=doc.name,
		description=_("Part {0}: {1} units").format(part, len(records)),
	)


# --- in the background ----------------------------------------------------------------------------


def runs_in_background(doc: Document) -> bool:
	return (doc.new_units or 0) + (doc.updates or 0) > BACKGROUND_OVER


def run(name: str, user: str) -> None:
	"""Background job: submit a checked import (nothing is written if its rows no longer pass), then
	import its parts, each committed; or go on with the parts of an interrupted one. A part that fails
	is undone and the import, *Interrupted*, says why."""
	frappe.set_user(user)
	with job_lock.exclusive(lock_name(name)) as got:
		if got:  # a second worker given the same import leaves it to the first
			work(name, user)


def lock_name(name: str) -> str:
	return f"unit-import:{name}"


def work(name: str, user: str) -> None:
	try:
		status = frappe.db.get_value(IMPORT, name, ["docstatus", "status"], for_update=True)
		if not status or status[1] != judge.QUEUED:
			return  # a second worker given the same import finds it taken
		doc = frappe.get_doc(IMPORT, name)
		if doc.docstatus == 0:
			frappe.flags.st_import_in_parts = True
			doc.status = judge.CHECKED
			doc.submit()
			frappe.db.commit()
		post_parts(doc, commit=True)
		frappe.db.commit()
		frappe.publish_realtime("st_import_done", {"name": name, "status": judge.IMPORTED}, user=user)
	except Exception as error:
		frappe.db.rollback()
		message = frappe.utils.strip_html(str(error)) or repr(error)
		submitted = frappe.db.get_value(IMPORT, name, "docstatus") == 1
		status = judge.INTERRUPTED if submitted else judge.CHECKED
		frappe.db.set_value(IMPORT, name, {"status": status, "error": message})
		frappe.db.commit()
		frappe.publish_realtime(
			"st_import_done", {"name": name, "status": status, "error": message}, user=user
		)
	finally:
		frappe.flags.st_import_in_parts = False
