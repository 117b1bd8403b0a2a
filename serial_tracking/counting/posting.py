"""Approve and cancel a Unit Count: what it posts through ERPNext documents, and what it records.

Approval writes a "Counted" event for every unit the count concluded on, keeps each unit's and the
warehouse's last counted date and the conditions noted, then posts: one Material Transfer for the
misplaced units to move here, Mark Lost (the lifecycle action) and one Stock Reconciliation for the
missing units, as chosen per line. Cancelling cancels what it posted, or refuses, saying why, when a
later movement depends on it.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Max
from frappe.utils import cint, flt, get_datetime, getdate, now_datetime, nowdate, nowtime

from serial_tracking.actions import unit_actions
from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.concurrency import locks
from serial_tracking.counting import cadence
from serial_tracking.counting.core import approval, count_rules
from serial_tracking.counting.unit_count import COUNT, UNIT, chunks, lock, moves_since, scope_of, units_now
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units.core import ledger, lifecycle


def check(doc: Document) -> None:
	"""Before approval: the count is closed, each line's action fits it, and nothing it concluded on has
	moved since it closed (otherwise reopen and close again)."""
	row = lock(doc.name)
	scope = scope_of(doc, with_groups=False)
	serials = [line.serial_no for line in doc.results if line.serial_no]
	# every unit the approval may move, locked before any entry is posted (one order for every writer),
	# and each still where the count closed on it: one moved meanwhile by another transaction, which
	# this transaction's snapshot cannot see, refuses the approval naming what moved it
	latest = locks.lock(serials)
	locks.refuse_moved_since(
		{line.serial_no: line.book_warehouse for line in doc.results if line.serial_no}, latest
	)
	units = units_now(serials)
	with rules_as_messages():
		count_rules.check_status(doc.name, row.status, "approve")
		for line in doc.results:
			approval.check_action(
				line.idx, line.serial_no or line.code, line.result, line.action, item=line.item_code
			)
			if line.action == count_rules.TRANSFER:
				approval.check_transfer(line.idx, scope, units.get(line.serial_no))
		moved = moves_since(counted(doc.name), row.closed_at, detail=True)
		approval.check_unmoved(approval.live_moves(moved), doing="approve")


def counted(name: str) -> dict[str, tuple[str, str | None]]:
	"""Each unit the count concluded on (result, condition noted)."""
	unit = frappe.qb.DocType(UNIT)
	rows = (
		frappe.qb.from_(unit)
		.select(unit.serial_no, unit.result, unit.condition)
		.where((unit.unit_count == name) & unit.result.isin(list(count_rules.COUNTED_RESULTS)))
	).run()
	return {serial: (result, condition) for serial, result, condition in rows}


def post(doc: Document) -> None:
	approved_at = now_datetime()
	units = counted(doc.name)
	progress(doc, 5, _("Recording {0} counted units").format(len(units)))
	record_counted(doc, units)
	facts = units_now([line.serial_no for line in doc.results if line.serial_no])
	lines = [
		count_rules.Result(line.serial_no, line.result, facts[line.serial_no], action=line.action or "")
		for line in doc.results
		if line.serial_no in facts
	]
	plan = approval.plan(lines)
	remarks = _("Unit Count {0}").format(doc.name)
	values = {"status": count_rules.APPROVED, "approved_at": approved_at}
	if plan.transfers:
		values["transfer_entry"] = transfer(doc, plan.transfers, remarks).name
	if plan.lost:
		values["lost_entry"] = unit_actions.act(plan.lost, lifecycle.MARK_LOST, remarks=remarks)[
			"stock_entry"
		]
	if plan.reconcile:
		values["reconciliation"] = reconcile(doc, plan.reconcile).name
	if doc.warehouse:
		frappe.db.set_value(
			"Warehouse", doc.warehouse, "st_last_counted", getdate(doc.closed_at), update_modified=False
		)
		cadence.close_reminders(doc.warehouse)
	doc.db_set(values)
	progress(doc, 100, _("Done"))


def progress(doc: Document, percent: int, description: str) -> None:
	frappe.publish_progress(
		percent, title=_("Unit Count"), doctype=doc.doctype, docname=doc.name, description=description
	)


def runs_in_background(doc: Document) -> bool:
	"""Counts of more units than the setting are approved as a background job (0: never)."""
	threshold = cint(frappe.db.get_single_value("Serial Tracking Settings", "count_background_threshold"))
	return bool(threshold) and cint(doc.expected_units) + cint(doc.misplaced) > threshold


def run(name: str, user: str) -> None:
	"""Background job: approve the count in one transaction; if anything fails, nothing of it remains
	and the count, closed again, says why."""
	frappe.set_user(user)
	try:
		row = lock(name)  # a second worker given the same count waits here, then finds it done
		if row.docstatus != 0 or row.status != count_rules.QUEUED:
			return
		frappe.db.set_value(COUNT, name, "status", count_rules.CLOSED, update_modified=False)
		frappe.get_doc(COUNT, name).submit()
		frappe.db.commit()
		frappe.publish_realtime("st_count_done", {"name": name, "status": count_rules.APPROVED}, user=user)
	except Exception as error:
		frappe.db.rollback()
		message = frappe.utils.strip_html(str(error)) or repr(error)
		frappe.db.set_value(COUNT, name, {"status": count_rules.CLOSED, "error": message})
		frappe.db.commit()
		frappe.publish_realtime(
			"st_count_done", {"name": name, "status": "Failed", "error": message}, user=user
		)


def record_counted(doc: Document, units: dict[str, tuple[str, str | None]]) -> None:
	"""A "Counted" event per unit (it moves nothing), its last counted date and the condition noted."""
	if not units:
		return
	current = unit_actions.lock(list(units))
	heads = trail.load_heads(set(units))
	now, posting, user = now_datetime(), get_datetime(doc.closed_at), frappe.session.user
	key = keys.current()
	events = []
	for serial, (result, condition) in units.items():
		unit = current[serial]
		head = heads.get(serial, unit_chain.Head(status=unit.st_lifecycle_status))
		if head.status != unit.st_lifecycle_status:  # a status set before the unit had a history
			head = unit_chain.Head(head.seq, head.hash, head.episode, unit.st_lifecycle_status)
		seen = result != count_rules.MISSING
		event = unit_chain.Event(
			serial_no=serial,
			item_code=unit.item_code,
			event=ledger.COUNTED,
			posting=posting,
			recorded_by=user,
			recorded_at=now,
			voucher_type=COUNT,
			voucher_no=doc.name,
			from_warehouse=unit.warehouse,
			to_warehouse=doc.warehouse if seen else None,
			custodian_type=doc.custodian_type if seen and doc.custodian else None,
			custodian=doc.custodian if seen and doc.custodian else None,
			status_after=head.status,
			condition=condition or unit.st_condition,
			remarks=result,
		)
		chained, heads[serial] = unit_chain.append(event, head, key=key)
		events.append(chained)
	event_store.write(events)
	serial_no = frappe.qb.DocType("Serial No")
	for chunk in chunks(list(units)):
		frappe.qb.update(serial_no).set(serial_no.st_last_counted, getdate(posting)).where(
			serial_no.name.isin(chunk)
		).run()
	note_conditions(doc.name, {s: (c, current[s].st_condition) for s, (_r, c) in units.items() if c})


def note_conditions(name: str, noted: dict[str, tuple[str, str | None]]) -> None:
	"""Give units the condition the count noted, keeping the one they had (for a cancel)."""
	groups = defaultdict(list)
	for serial, pair in noted.items():
		groups[pair].append(serial)
	serial_no = frappe.qb.DocType("Serial No")
	unit = frappe.qb.DocType(UNIT)
	for (condition, before), serials in groups.items():
		frappe.qb.update(serial_no).set(serial_no.st_condition, condition).where(
			serial_no.name.isin(serials)
		).run()
		frappe.qb.update(unit).set(unit.condition_before, before).where(
			(unit.unit_count == name) & unit.serial_no.isin(serials)
		).run()


def stock_voucher(doctype: str, values: dict) -> Document:
	voucher = frappe.get_doc(
		{"doctype": doctype, "posting_date": nowdate(), "posting_time": nowtime(), **values}
	)
	voucher.insert()
	voucher.submit()
	return voucher


def transfer(doc: Document, groups: dict, remarks: str) -> Document:
	"""One Material Transfer bringing the misplaced units here, a line per item and warehouse."""
	rows = [
		{
			"item_code": item,
			"qty": len(serials),
			"s_warehouse": warehouse,
			"t_warehouse": doc.warehouse,
			"serial_no": "\n".join(serials),
			"use_serial_batch_fields": 1,
		}
		for (item, warehouse), serials in sorted(groups.items())
	]
	return stock_voucher(
		"Stock Entry",
		{
			"stock_entry_type": "Material Transfer",
			"purpose": "Material Transfer",
			"company": doc.company,
			"remarks": remarks,
			"items": rows,
		},
	)


def reconcile(doc: Document, groups: dict) -> Document:
	"""One Stock Reconciliation counting the missing units out: a line per item and warehouse listing
	the units that remain (ERPNext reconciles a serialized item's whole stock in a warehouse), valued
	at the warehouse's average, so the missing units leave at it."""
	rows = []
	for (item, warehouse), missing in sorted(groups.items()):
		gone = set(missing)
		on_hand = frappe.get_all("Serial No", {"item_code": item, "warehouse": warehouse}, pluck="name")
		remaining = sorted(serial for serial in on_hand if serial not in gone)
		qty, value = frappe.db.get_value(
			"Bin", {"item_code": item, "warehouse": warehouse}, ["actual_qty", "stock_value"]
		) or (0, 0)
		rows.append(
			{
				"item_code": item,
				"warehouse": warehouse,
				"qty": len(remaining),
				"valuation_rate": flt(value) / flt(qty) if flt(qty) else 0,
				"use_serial_batch_fields": 1,
				"reconcile_all_serial_batch": 1,
				"serial_no": "\n".join(remaining),
			}
		)
	return stock_voucher(
		"Stock Reconciliation", {"company": doc.company, "purpose": "Stock Reconciliation", "items": rows}
	)


# --- cancel ---------------------------------------------------------------------------------------


def posted(doc: Document) -> list[tuple[str, str]]:
	"""What approval posted, in the order to cancel it (last first)."""
	vouchers = [
		("Stock Reconciliation", doc.reconciliation),
		("Stock Entry", doc.lost_entry),
		("Stock Entry", doc.transfer_entry),
	]
	return [(doctype, name) for doctype, name in vouchers if name]


def undo(doc: Document) -> None:
	"""Cancel what the count posted and reverse its events; refuse when a unit moved since."""
	vouchers = posted(doc)
	event = frappe.qb.DocType(event_store.EVENT_DOCTYPE)
	ours = {name for _doctype, name in vouchers} | {doc.name}
	moved_by_us = (
		frappe.qb.from_(event).select(event.serial_no).distinct().where(event.voucher_no.isin(list(ours)))
	).run(pluck=True)
	later = [m for m in moves_since(moved_by_us, doc.approved_at, detail=True) if m[2] not in ours]
	with rules_as_messages():
		approval.check_unmoved(approval.live_moves(later), doing="cancel")
	for doctype, name in vouchers:
		voucher = frappe.get_doc(doctype, name)
		voucher.flags.ignore_links = True  # the count being cancelled links to it
		voucher.cancel()
	reverse_counted(doc.name)
	restore_conditions(doc.name)
	units = list(counted(doc.name))
	refresh_last_counted(units, doc.warehouse, doc.name)
	doc.db_set("status", count_rules.CANCELLED)


def reverse_counted(name: str) -> None:
	"""The count's "Counted" events get their reversing events (they moved nothing: status kept)."""
	trail.reverse_events(COUNT, name, kinds=(ledger.COUNTED,), keep_status=True)


def restore_conditions(name: str) -> None:
	"""Units whose condition the count set (and nothing changed since) get their earlier one back."""
	unit = frappe.qb.DocType(UNIT)
	rows = (
		frappe.qb.from_(unit)
		.select(unit.serial_no, unit.condition, unit.condition_before)
		.where(
			(unit.unit_count == name)
			& unit.condition.isnotnull()
			& unit.result.isin(list(count_rules.COUNTED_RESULTS))
		)
	).run()
	groups = defaultdict(list)
	for serial, condition, before in rows:
		groups[(condition, before)].append(serial)
	serial_no = frappe.qb.DocType("Serial No")
	for (condition, before), serials in groups.items():
		frappe.qb.update(serial_no).set(serial_no.st_condition, before).where(
			serial_no.name.isin(serials) & (serial_no.st_condition == condition)
		).run()


def refresh_last_counted(serials: list[str], warehouse: str | None, cancelled: str) -> None:
	"""Each unit's (and the warehouse's) last counted date from the approved counts that remain."""
	unit = frappe.qb.DocType(UNIT)
	count = frappe.qb.DocType(COUNT)
	approved = (count.docstatus == 1) & (count.name != cancelled)
	last = {}
	for chunk in chunks(serials):
		rows = (
			frappe.qb.from_(unit)
			.join(count)
			.on(count.name == unit.unit_count)
			.select(unit.serial_no, Max(count.closed_at))
			.where(
				unit.serial_no.isin(chunk) & approved & unit.result.isin(list(count_rules.COUNTED_RESULTS))
			)
			.groupby(unit.serial_no)
		).run()
		last.update({serial: getdate(at) for serial, at in rows})
	groups = defaultdict(list)
	for serial in serials:
		groups[last.get(serial)].append(serial)
	serial_no = frappe.qb.DocType("Serial No")
	for day, group in groups.items():
		for chunk in chunks(group):
			frappe.qb.update(serial_no).set(serial_no.st_last_counted, day).where(
				serial_no.name.isin(chunk)
			).run()
	if warehouse:
		at = (
			frappe.qb.from_(count)
			.select(Max(count.closed_at))
			.where(approved & (count.warehouse == warehouse))
		).run()[0][0]
		frappe.db.set_value(
			"Warehouse", warehouse, "st_last_counted", getdate(at) if at else None, update_modified=False
		)
