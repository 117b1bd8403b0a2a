"""Import a checked Unit Import, and cancel one.

New units come into stock through ERPNext: one Material Receipt per supplier (``st_unit_intent``
*Imported*, so the audit trail names each unit's event *Imported* and its supplier), opening stock by
default, at the cost the file gives. Then, in the units' chains (the app's one writer of events), what
the file says beyond their arrival: a unit on loan is *Checked Out* to its custodian, one in repair *Sent
to Repair*, one reserved *Reserved*, a condition noted; and their vendor warranty and purchase date are
kept on the unit. Units on hand that the file updates get *Condition Changed* or *Updated* events.
Everything is one transaction: it all lands, or nothing does.

Cancelling undoes it in reverse, refused while a unit has moved or changed since.
"""

import json
from collections import defaultdict
from datetime import datetime, time

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, nowdate, nowtime

from serial_tracking.actions import unit_actions
from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.concurrency import locks
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.maintenance.plans import item_plans
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.unit_import import lookups, preview
from serial_tracking.unit_import.core import importing, judge, plan
from serial_tracking.unit_import.core.rows import Row
from serial_tracking.units.bundles import serials_by_bundle
from serial_tracking.units.core import ledger, lifecycle

IMPORT = preview.IMPORT
# What a status a unit is imported in takes beyond its arrival: the unit action's event
ACTION_OF = {
	lifecycle.ON_LOAN: lifecycle.CHECK_OUT,
	lifecycle.IN_REPAIR: lifecycle.SEND_TO_REPAIR,
	lifecycle.RESERVED: lifecycle.RESERVE,
}
SERIAL_NO_FIELDS = judge.UPDATABLE


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


def judged(doc: Document) -> tuple[list[Row], list[judge.Verdict]]:
	"""The rows as this request's validation judged them (the file is read once per submit)."""
	found = getattr(doc, "_judged", None)
	return found if found else preview.check(doc)


def check(doc: Document) -> None:
	"""Before the import: something to import, no error unless errors are skipped, and the units it
	updates still where the check found them (held until the import ends)."""
	parsed, verdicts = judged(doc)
	failed = next((row for row, v in zip(parsed, verdicts, strict=True) if v.verdict == judge.ERROR), None)
	first = (failed.number, preview.messages(failed)) if failed else None
	with rules_as_messages():
		importing.check_importable(
			judge.counts(verdicts), skip_errors=bool(doc.skip_errors), first_error=first
		)
	facts = lookups.units(v.unit for v in verdicts if v.unit and v.verdict == judge.CHANGE)
	if facts:
		latest = locks.lock([unit.serial for unit in facts.values()])
		locks.refuse_moved_since({unit.serial: unit.warehouse for unit in facts.values()}, latest)


def post(doc: Document) -> None:
	parsed, verdicts = judged(doc)
	new = [row for row, v in zip(parsed, verdicts, strict=True) if v.verdict == judge.NEW]
	progress(doc, 10, _("Receiving {0} units").format(len(new)))
	for supplier, lines in plan.receipts(new).items():
		entry = receipt(doc, supplier, lines)
		doc.append(
			"entries",
			{"stock_entry": entry.name, "supplier": supplier, "units": sum(len(line.rows) for line in lines)},
		)
	for row, verdict in zip(parsed, verdicts, strict=True):
		if verdict.verdict == judge.NEW:
			verdict.unit = row.serial
	progress(doc, 60, _("Recording what the file says of each unit"))
	arrived(doc, new)
	changed = [(row, v) for row, v in zip(parsed, verdicts, strict=True) if v.verdict == judge.CHANGE]
	update(doc, changed)
	preview.write_rows(doc.name, parsed, verdicts)  # with the serials the new units got
	for entry in doc.entries:
		entry.db_update()
	doc.db_set({"status": judge.IMPORTED, "imported_at": now_datetime(), "error": None})
	progress(doc, 100, _("Done"))


def receipt(doc: Document, supplier: str | None, lines: list[plan.Line]):
	"""One Material Receipt of the supplier's units; generated serials go back to their rows in order."""
	account = doc.difference_account or default_account(doc)
	items = []
	for line in lines:
		row = {
			"item_code": line.item_code,
			"qty": len(line.rows),
			"t_warehouse": line.warehouse,
			"basic_rate": float(line.rate),
			"set_basic_rate_manually": 1,
			"allow_zero_valuation_rate": 0 if line.rate else 1,
			"expense_account": account,
		}
		if line.serials:
			row |= {"serial_no": "\n".join(line.serials), "use_serial_batch_fields": 1}
		if line.makers:
			row["st_maker_serials"] = "\n".join(line.makers)
		items.append(row)
	today = getdate(doc.posting_date) == getdate(nowdate())
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": doc.company,
			"posting_date": doc.posting_date,
			"posting_time": nowtime() if today else "00:00:00",
			"set_posting_time": 0 if today else 1,
			"is_opening": "Yes" if doc.is_opening else "No",
			"supplier": supplier,
			"st_unit_intent": ledger.IMPORTED,
			"remarks": _("Unit Import {0}").format(doc.name),
			"items": items,
		}
	)
	entry.insert()
	entry.submit()
	if any(line.generated for line in lines):
		# the app hands generated serials to ERPNext as the line's ledger entry is written: the line's
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


def arrived(doc: Document, new: list[Row]) -> None:
	"""What the file says of the new units beyond their arrival: a status other than In Stock (its unit
	action's event), a condition, the vendor warranty (the file's, else the item's from the purchase
	date) and the purchase date as the unit's first receipt."""
	if not new:
		return
	events = []
	for row in new:
		action = ACTION_OF.get(row.status)
		if action or row.condition:
			kind = ledger.ACTION_EVENTS[action] if action else ledger.CONDITION_CHANGED
			events.append((row, kind, row.status if action else None, None))
	record(doc, events)
	groups = defaultdict(list)
	for row in new:
		action = ACTION_OF.get(row.status)
		if action or row.condition:
			groups[(action, row.custodian_type, row.custodian, row.due_date, row.condition)].append(
				row.serial
			)
	for (action, custodian_type, custodian, due_date, condition), serials in groups.items():
		unit_actions.update_units(
			serials, action or ledger.CONDITION_CHANGED, custodian_type, custodian, due_date, condition
		)
	vendor_days = {
		item: p.vendor_days for item, p in item_plans({row.item for row in new}).items() if p.vendor_days
	}
	unit = frappe.qb.DocType("Serial No")
	expiries, bought = defaultdict(list), defaultdict(list)
	for row in new:
		expiry = row.warranty_expiry or visit_dates.warranty_end(
			row.purchase_date, vendor_days.get(row.item, 0)
		)
		if expiry:
			expiries[expiry].append(row.serial)
		if row.purchase_date:
			bought[row.purchase_date].append(row.serial)
	for expiry, serials in expiries.items():
		frappe.qb.update(unit).set(unit.st_vendor_warranty_expiry, expiry).where(
			unit.name.isin(serials)
		).run()
	for day, serials in bought.items():
		first = datetime.combine(day, time())
		frappe.qb.update(unit).set(unit.st_first_received, first).where(
			unit.name.isin(serials) & ((unit.st_first_received.isnull()) | (unit.st_first_received > first))
		).run()


def update(doc: Document, changed: list[tuple[Row, judge.Verdict]]) -> None:
	"""Units on hand the file updates: a *Condition Changed* event for a new condition, an *Updated*
	event naming the other fields it changes (before and after), and the fields themselves."""
	if not changed:
		return
	events = []
	for row, verdict in changed:
		row.serial = verdict.unit
		if "condition" in verdict.changes:
			events.append((row, ledger.CONDITION_CHANGED, None, None))
		others = {k: v for k, v in verdict.changes.items() if k != "condition"}
		if others:
			remarks = "; ".join(
				f"{judge.FIELD_LABELS[k]}: {before or '-'} → {after or '-'}"
				for k, (before, after) in others.items()
			)
			events.append((row, ledger.UPDATED, None, remarks))
	record(doc, events)
	unit = frappe.qb.DocType("Serial No")
	groups = defaultdict(list)
	for _row, verdict in changed:
		for attribute, (_before, after) in verdict.changes.items():
			groups[(SERIAL_NO_FIELDS[attribute], after)].append(verdict.unit)
	for (field, value), serials in groups.items():
		frappe.qb.update(unit).set(unit[field], value).where(unit.name.isin(serials)).run()


def record(doc: Document, wanted: list[tuple[Row, str, str | None, str | None]]) -> None:
	"""Events of the import in the units' chains, (row, event, status after (None: as it is), remarks)
	each, through the app's one writer, sealed with the site's key."""
	if not wanted:
		return
	serials = sorted({row.serial for row, *_rest in wanted})
	units = unit_actions.lock(serials)
	heads = trail.load_heads(set(serials))
	now, key, user = now_datetime(), keys.current(), frappe.session.user
	events = []
	for row, kind, status, remarks in wanted:
		unit = units[row.serial]
		head = heads.get(row.serial, unit_chain.Head(status=unit.st_lifecycle_status))
		on_loan = status == lifecycle.ON_LOAN
		event = unit_chain.Event(
			serial_no=row.serial,
			item_code=unit.item_code,
			event=kind,
			posting=now,
			recorded_by=user,
			recorded_at=now,
			voucher_type=IMPORT,
			voucher_no=doc.name,
			from_warehouse=unit.warehouse,
			to_warehouse=unit.warehouse,
			party_type=row.custodian_type if on_loan else None,
			party=row.custodian if on_loan else None,
			status_after=status or head.status,
			condition=row.condition or unit.st_condition,
			custodian_type=row.custodian_type if on_loan else None,
			custodian=row.custodian if on_loan else None,
			due_date=row.due_date if on_loan else None,
			remarks=remarks,
		)
		chained, heads[row.serial] = unit_chain.append(event, head, key=key)
		events.append(chained)
	event_store.write(events)


def progress(doc: Document, percent: int, description: str) -> None:
	frappe.publish_progress(
		percent, title=_("Unit Import"), doctype=doc.doctype, docname=doc.name, description=description
	)


# --- cancel ---------------------------------------------------------------------------------------


def undo(doc: Document) -> None:
	"""Take the import back: its own events reversed, the fields it updated given their values before,
	its receipts cancelled (the trail reverses their Imported events). Refused, changing nothing, while
	a unit it brought in or updated has moved or changed since, by anything but the import."""
	row = frappe.qb.DocType(preview.ROW)
	done = (
		frappe.qb.from_(row)
		.select(row.unit, row.verdict, row.changes)
		.where(
			(row.unit_import == doc.name) & row.verdict.isin([judge.NEW, judge.CHANGE]) & row.unit.isnotnull()
		)
	).run(as_dict=True)
	units = sorted({r.unit for r in done})
	entries = [entry.stock_entry for entry in doc.entries]
	locks.lock(units)
	with rules_as_messages():
		importing.check_unmoved(changed_since(units, doc, entries))
	trail.reverse_events(IMPORT, doc.name, keep_status=False)
	restore(done)
	for name in reversed(entries):
		entry = frappe.get_doc("Stock Entry", name)
		entry.flags.ignore_links = True  # the import being cancelled links to it
		entry.cancel()
	doc.db_set("status", judge.CANCELLED)


def changed_since(units: list[str], doc: Document, entries: list[str]) -> list[tuple]:
	"""Events of the units since the import, other than its own (serial, event, voucher type, no.)."""
	if not units:
		return []
	event = frappe.qb.DocType(event_store.EVENT_DOCTYPE)
	ours = [doc.name, *entries]
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
	return found


def restore(done: list) -> None:
	"""Updated units get the values they had before (where nothing changed them since); new units lose
	the custodian the file gave them (they leave stock with the receipt's cancel)."""
	unit = frappe.qb.DocType("Serial No")
	groups = defaultdict(list)
	for line in done:
		for attribute, (before, after) in json.loads(line.changes or "{}").items():
			groups[(SERIAL_NO_FIELDS[attribute], before, after)].append(line.unit)
	for (field, before, after), serials in groups.items():
		current = unit[field] == after if after is not None else unit[field].isnull()
		frappe.qb.update(unit).set(unit[field], before).where(unit.name.isin(serials) & current).run()
	new = [line.unit for line in done if line.verdict == judge.NEW]
	for chunk in lookups.chunks(new):
		frappe.qb.update(unit).set(unit.st_custodian_type, None).set(unit.st_custodian, None).set(
			unit.st_due_date, None
		).set(unit.employee, None).where(unit.name.isin(chunk)).run()


# --- in the background ----------------------------------------------------------------------------

BACKGROUND_OVER = 500  # units imported or updated: more go to a background job with a progress bar


def runs_in_background(doc: Document) -> bool:
	return (doc.new_units or 0) + (doc.updates or 0) > BACKGROUND_OVER


def run(name: str, user: str) -> None:
	"""Background job: import in one transaction; if anything fails, nothing of it remains and the
	import, checked again, says why."""
	frappe.set_user(user)
	try:
		status = frappe.db.get_value(IMPORT, name, ["docstatus", "status"], for_update=True)
		if not status or status[0] != 0 or status[1] != judge.QUEUED:
			return  # a second worker given the same import finds it done
		frappe.db.set_value(IMPORT, name, "status", judge.CHECKED, update_modified=False)
		frappe.get_doc(IMPORT, name).submit()
		frappe.db.commit()
		frappe.publish_realtime("st_import_done", {"name": name, "status": judge.IMPORTED}, user=user)
	except Exception as error:
		frappe.db.rollback()
		message = frappe.utils.strip_html(str(error)) or repr(error)
		frappe.db.set_value(IMPORT, name, {"status": judge.CHECKED, "error": message})
		frappe.db.commit()
		frappe.publish_realtime(
			"st_import_done", {"name": name, "status": "Failed", "error": message}, user=user
		)
