"""Write the per-unit audit trail from ERPNext's stock postings, as they happen.

ERPNext moves Serial Nos with bulk inserts and ``frappe.qb.update``, so nothing fires on Serial No.
It submits each Stock Ledger Entry as a document, though: :func:`collect` notes the entries that carry
a Serial and Batch Bundle, and when the voucher's own ``on_submit`` has run, :func:`flush` turns them
into one event per unit, written in one insert. :func:`reverse` appends the reversing events when a
voucher is cancelled.
"""

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from serial_tracking.audit import backfill, event_store, keys
from serial_tracking.audit.core import unit_chain
from serial_tracking.platform import voucher_state
from serial_tracking.units import bundles
from serial_tracking.units.core import ledger

EVENT_DOCTYPE = event_store.EVENT_DOCTYPE


def start(doc: Document) -> None:
	"""A voucher starts validating: nothing an earlier, failed attempt of it buffered is kept."""
	voucher_state.forget(doc.doctype, doc.name)


def collect(sle: Document) -> None:
	"""Note a submitted stock ledger entry that moved serialized units (called for every entry)."""
	if not sle.has_serial_no or sle.get("via_landed_cost_voucher"):
		return  # a Landed Cost Voucher re-posting a receipt's entries moves nothing
	if sle.is_cancelled:  # ERPNext's reversing entry of a cancelled voucher
		voucher_state.mark(voucher_state.CANCELLED, sle.voucher_type, sle.voucher_no)
		return
	if sle.serial_and_batch_bundle:
		voucher_state.of(voucher_state.LEDGER_LINES, sle.voucher_type, sle.voucher_no, list).append(
			{
				"bundle": sle.serial_and_batch_bundle,
				"item_code": sle.item_code,
				"voucher_detail_no": sle.voucher_detail_no,
				"warehouse": sle.warehouse,
				"actual_qty": sle.actual_qty,
				"posting_datetime": sle.posting_datetime,
			}
		)


def flush(doc: Document) -> None:
	"""Write the events of the units ``doc`` moved, once its stock ledger entries are all posted."""
	entries = voucher_state.take(voucher_state.LEDGER_LINES, doc.doctype, doc.name)
	fresh = voucher_state.take(voucher_state.NEW_UNITS, doc.doctype, doc.name) or set()
	if not entries:
		return
	moved = ledger.movements(event_store.ledger_lines(unit_rows(entries)))
	posted = [entry["bundle"] for entry in entries]
	heads = load_heads({m.serial_no for m in moved} - fresh, voucher=(doc.doctype, doc.name), posted=posted)
	voucher = ledger.Voucher.of(doc.doctype, doc.name, doc)
	events = unit_chain.record_movements(
		moved,
		heads,
		voucher,
		recorded_by=frappe.session.user,
		recorded_at=now_datetime(),
		remarks=doc.get("remarks") if voucher.intent else None,
		key=keys.current(),
	)
	event_store.write(events)


def reverse(doc: Document) -> None:
	"""On cancel: a reversing event for each event the voucher wrote (nothing is deleted)."""
	if voucher_state.take(voucher_state.CANCELLED, doc.doctype, doc.name):
		reverse_events(doc.doctype, doc.name)


def reverse_events(voucher_type: str, voucher_no: str, kinds=None, keep_status: bool = False) -> None:
	"""Append a reversing event for each event of the voucher not reversed yet (of ``kinds`` only, when
	given); ``keep_status``: events that moved nothing leave the unit in the status it has now."""
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	written = (
		frappe.qb.from_(table)
		.select("*")
		.where((table.voucher_type == voucher_type) & (table.voucher_no == voucher_no))
	).run(as_dict=True)
	already = {e.reverses for e in written if e.reverses}
	originals = [
		e
		for e in written
		if e.event != ledger.CANCELLED and e.name not in already and (kinds is None or e.event in kinds)
	]
	if not originals:
		return
	heads = load_heads({e.serial_no for e in originals})
	now = now_datetime()
	event_store.write(
		unit_chain.reversals(
			originals,
			heads,
			recorded_by=frappe.session.user,
			recorded_at=now,
			posting=now,
			key=keys.current(),
			keep_status=keep_status,
		)
	)


def unit_rows(ledger_entries: list[dict]) -> list[dict]:
	"""One row per unit per buffered ledger entry, with the unit's own rate, in posting order."""
	by_bundle: dict[str, list] = {}
	for parent, serial, rate in bundles.entries(
		[e["bundle"] for e in ledger_entries], fields=("incoming_rate",)
	):
		by_bundle.setdefault(parent, []).append((serial, rate))
	return [
		{**ledger_entry, "serial_no": serial, "incoming_rate": rate}
		for ledger_entry in ledger_entries
		for serial, rate in by_bundle.get(ledger_entry["bundle"], ())
	]


def load_heads(serials, voucher: tuple[str, str] | None = None, posted=()) -> dict[str, unit_chain.Head]:
	"""The last event of each unit. Units that have none yet but have stock history from before the
	app was installed get that history back-filled first, so every chain starts at the unit's first
	receipt (``voucher`` and its ``posted`` bundles: the movement being recorded, not history)."""
	heads = event_store.heads(serials, lock=True)
	if without := set(serials) - set(heads):
		if moved_before := backfill.moved_before(without, posted):
			heads.update(backfill.backfill_units(moved_before, exclude_voucher=voucher))
	return heads
