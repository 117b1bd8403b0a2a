"""Write the per-unit audit trail from ERPNext's stock postings.

ERPNext moves Serial Nos with bulk inserts and ``frappe.qb.update``, so nothing fires on Serial No.
It submits each Stock Ledger Entry as a document, though: :func:`collect` notes the entries that carry
a Serial and Batch Bundle, and when the voucher's own ``on_submit`` has run, :func:`flush` turns them
into one event per unit, written in one insert. :func:`reverse` appends the reversing events when a
voucher is cancelled.
"""

from collections import defaultdict

import frappe
from frappe.model.document import Document
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import flt, get_datetime, now_datetime

from serial_tracking.core import audit
from serial_tracking.services import bulk_insert

EVENT = "Serial Audit Event"
PARTY_FIELDS = (("Supplier", "supplier"), ("Customer", "customer"))
# Events are never modified: "modified" stays empty and "docstatus" takes its default (0).
COLUMNS = ["name", "creation", "owner", *audit.HASHED, "hash"]


# --- live: from ERPNext's postings ---------------------------------------------------------------


def collect(sle: Document) -> None:
	"""Note a submitted stock ledger entry that moved serialized units (called for every entry)."""
	if not sle.has_serial_no:
		return
	if sle.is_cancelled:  # ERPNext's reversing entry of a cancelled voucher
		frappe.flags.setdefault("st_audit_cancelled", set()).add((sle.voucher_type, sle.voucher_no))
		return
	if sle.serial_and_batch_bundle:
		frappe.flags.setdefault("st_audit_buffer", {}).setdefault(
			(sle.voucher_type, sle.voucher_no), []
		).append(
			(
				sle.serial_and_batch_bundle,
				sle.item_code,
				sle.voucher_detail_no,
				sle.warehouse,
				sle.actual_qty,
				sle.posting_datetime,
			)
		)


def flush(doc: Document) -> None:
	"""Write the events of the units ``doc`` moved, once its stock ledger entries are all posted."""
	buffered = frappe.flags.get("st_audit_buffer", {}).pop((doc.doctype, doc.name), None)
	if not buffered:
		return
	lines = ledger_lines(buffered)
	moved = audit.movements(lines)
	fresh = frappe.flags.get("st_new_units", {}).pop((doc.doctype, doc.name), set())
	heads = load_heads(
		{m.serial_no for m in moved} - fresh,
		voucher=(doc.doctype, doc.name),
		bundles=[b[0] for b in buffered],
	)
	party_type, party = party_of(doc)
	intent = doc.get("st_unit_intent") or None
	remarks = doc.get("remarks") if intent else None
	events = audit.record_movements(
		moved,
		heads,
		voucher_type=doc.doctype,
		voucher_no=doc.name,
		kind_of=lambda move: audit.classify(
			doc.doctype,
			move.direction,
			purpose=doc.get("purpose"),
			is_return=doc.get("is_return"),
			intent=intent,
		),
		party_type=party_type,
		party=party,
		recorded_by=frappe.session.user,
		recorded_at=now_datetime(),
		remarks=remarks,
	)
	write(events)


def reverse(doc: Document) -> None:
	"""On cancel: a reversing event for each event the voucher wrote (nothing is deleted)."""
	cancelled = frappe.flags.get("st_audit_cancelled", set())
	if (doc.doctype, doc.name) not in cancelled:
		return
	cancelled.discard((doc.doctype, doc.name))
	table = frappe.qb.DocType(EVENT)
	written = (
		frappe.qb.from_(table)
		.select("*")
		.where((table.voucher_type == doc.doctype) & (table.voucher_no == doc.name))
	).run(as_dict=True)
	already = {e.reverses for e in written if e.reverses}
	originals = [e for e in written if e.event != audit.CANCELLED and e.name not in already]
	if not originals:
		return
	heads = load_heads({e.serial_no for e in originals})
	now = now_datetime()
	write(audit.reversals(originals, heads, recorded_by=frappe.session.user, recorded_at=now, posting=now))


def ledger_lines(buffered: list[tuple]) -> list[audit.LedgerLine]:
	"""One line per unit per buffered ledger entry, with the unit's own rate, in posting order."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(entry)
		.force_index("parent")  # a voucher of many lines has many bundles: never scan every entry
		.select(entry.parent, entry.serial_no, entry.incoming_rate)
		.where(entry.parent.isin([b[0] for b in buffered]) & entry.serial_no.isnotnull())
		.orderby(entry.idx)
	).run()
	by_bundle = defaultdict(list)
	for parent, serial, rate in rows:
		by_bundle[parent].append((serial, rate))
	lines = []
	for bundle, item_code, detail, warehouse, qty, posting in buffered:
		direction = audit.IN if flt(qty) > 0 else audit.OUT
		for serial, rate in by_bundle[bundle]:
			lines.append(
				audit.LedgerLine(
					serial, item_code, detail, warehouse, direction, get_datetime(posting), flt(rate, 9)
				)
			)
	return lines


def party_of(doc: Document) -> tuple[str | None, str | None]:
	for party_type, fieldname in PARTY_FIELDS:
		if doc.get(fieldname):
			return party_type, doc.get(fieldname)
	return None, None


# --- the chain -----------------------------------------------------------------------------------


def load_heads(serials, voucher: tuple[str, str] | None = None, bundles=()) -> dict[str, audit.Head]:
	"""The last event of each unit, in one query. Units that have none yet but have stock history from
	before the app was installed get that history back-filled first, so every chain starts at the
	unit's first receipt."""
	if not serials:
		return {}
	table = frappe.qb.DocType(EVENT)
	last = frappe.qb.from_(table).select(table.serial_no, Max(table.seq).as_("seq"))
	last = last.where(table.serial_no.isin(list(serials))).groupby(table.serial_no)
	rows = (
		frappe.qb.from_(table)
		.join(last)
		.on((last.serial_no == table.serial_no) & (last.seq == table.seq))
		.select(table.serial_no, table.seq, table.hash, table.episode, table.status_after)
	).run()
	heads = {serial: audit.Head(seq, hash_, episode, status) for serial, seq, hash_, episode, status in rows}
	if without := set(serials) - set(heads):
		heads.update(backfill_past(without, voucher, bundles))
	return heads


def backfill_past(serials: set[str], voucher, bundles) -> dict[str, audit.Head]:
	"""Back-fill the units among ``serials`` that moved before, outside ``voucher`` (its ``bundles``).
	A cheap probe of the bundle entries first: most units without events are simply new."""
	from serial_tracking.services.audit_backfill import backfill_units

	entry = frappe.qb.DocType("Serial and Batch Entry")
	probe = (
		frappe.qb.from_(entry)
		.select(entry.serial_no)
		.distinct()
		.where(entry.serial_no.isin(list(serials)) & (entry.docstatus == 1))
	)
	if bundles:
		probe = probe.where(entry.parent.notin(list(bundles)))
	moved_before = probe.run(pluck=True)
	return backfill_units(moved_before, exclude_voucher=voucher) if moved_before else {}


def write(events: list[audit.Event]) -> None:
	"""Insert events in one statement, and move each unit's lifecycle status along."""
	if not events:
		return
	values = []
	for event in events:
		data = event.as_dict()
		values.append(
			(
				frappe.generate_hash(length=12),
				event.recorded_at,
				event.recorded_by,
				*(data[f] for f in audit.HASHED),
				event.hash,
			)
		)
	bulk_insert.insert(EVENT, COLUMNS, values)
	update_units(events)


EXITS = frozenset(
	(audit.DELIVERED, audit.RETURNED_TO_SUPPLIER, audit.CONSUMED, audit.RETIRED, audit.ADJUSTED)
)
TURNS = frozenset((audit.DELIVERED, audit.CHECKED_OUT))


def update_units(events: list[audit.Event]) -> None:
	"""Move each unit's lifecycle status along, and keep its life summary (first receipt, last
	departure, turns) on the Serial No, so reports need not re-read the whole trail."""
	state: dict[str, list] = {}
	for event in events:
		unit = state.setdefault(event.serial_no, [None, None, None, 0])
		unit[0] = event.status_after
		if event.event != audit.CANCELLED:
			unit[1] = min(unit[1], event.posting) if unit[1] else event.posting
		if event.event in EXITS:
			unit[2] = max(unit[2], event.posting) if unit[2] else event.posting
		if event.event in TURNS:
			unit[3] += 1
		elif event.event == audit.CANCELLED and event.remarks in TURNS:
			unit[3] -= 1
	groups = defaultdict(list)
	for serial, key in state.items():
		groups[tuple(key)].append(serial)
	serial_no = frappe.qb.DocType("Serial No")
	for (status, first_in, last_out, turns), serials in groups.items():
		query = frappe.qb.update(serial_no).set(serial_no.st_lifecycle_status, status)
		if first_in:
			query = query.set(serial_no.st_first_received, Coalesce(serial_no.st_first_received, first_in))
		if last_out:
			query = query.set(serial_no.st_last_departed, last_out)
		if turns:
			query = query.set(serial_no.st_turns, Coalesce(serial_no.st_turns, 0) + turns)
		query.where(serial_no.name.isin(serials)).run()
