"""Back-fill the audit trail from a site's existing stock history (Serial and Batch Bundles and their
Stock Ledger Entries), for units that have no events yet. Running it again changes nothing."""

from itertools import groupby

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import now_datetime

from serial_tracking.audit import event_store, keys
from serial_tracking.audit.core import unit_chain
from serial_tracking.units.core import ledger

VOUCHER_FIELDS = ("supplier", "customer", "is_return", "purpose", "st_unit_intent")


def backfill_units(serials, exclude_voucher: tuple[str, str] | None = None) -> dict[str, unit_chain.Head]:
	"""Write the history of ``serials`` (units with no events) and return where each chain now stands.

	The units' rows are locked first and units that have events by then are left alone, so two
	back-fills (or a back-fill and a live voucher) never write the same history twice."""
	serials = lock_units(serials)
	have = event_store.units_with_events(serials, lock=True)
	serials = [serial for serial in serials if serial not in have]
	history = ledger_history(serials, exclude_voucher)
	if not history:
		return {}
	meta = voucher_meta({(row.voucher_type, row.voucher_no) for row in history})
	heads: dict[str, unit_chain.Head] = {}
	events = []
	recorded_at, user, key = now_datetime(), frappe.session.user, keys.current()
	for (voucher_type, voucher_no), rows in groupby(history, key=lambda r: (r.voucher_type, r.voucher_no)):
		voucher = ledger.Voucher.of(voucher_type, voucher_no, meta.get((voucher_type, voucher_no), {}))
		events += unit_chain.record_movements(
			ledger.movements(event_store.ledger_lines(rows)),
			heads,
			voucher,
			recorded_by=user,
			recorded_at=recorded_at,
			remarks=unit_chain.BACKFILLED,
			key=key,
		)
	event_store.write(events)
	return heads


def lock_units(serials) -> list[str]:
	"""Lock the units' Serial No rows until the transaction ends; returns those that exist."""
	if not serials:
		return []
	unit = frappe.qb.DocType("Serial No")
	query = frappe.qb.from_(unit).select(unit.name).where(unit.name.isin(list(serials)))
	return query.orderby(unit.name).for_update().run(pluck=True)


def ledger_history(serials: list[str], exclude_voucher=None) -> list:
	"""Every live ledger movement of ``serials``, in posting order."""
	if not serials:
		return []
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	query = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.select(
			entry.serial_no,
			sle.item_code,
			sle.voucher_type,
			sle.voucher_no,
			sle.voucher_detail_no,
			sle.warehouse,
			sle.actual_qty,
			sle.posting_datetime,
			entry.incoming_rate,
		)
		.where(entry.serial_no.isin(serials) & (sle.is_cancelled == 0))
		.orderby(sle.posting_datetime)
		.orderby(sle.creation)
		.orderby(sle.name)
		.orderby(entry.idx)
	)
	if exclude_voucher:
		query = query.where((sle.voucher_type != exclude_voucher[0]) | (sle.voucher_no != exclude_voucher[1]))
	return query.run(as_dict=True)


def voucher_meta(vouchers: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
	"""Party, purpose, return flag of each voucher, in one query per voucher type."""
	out = {}
	by_type: dict[str, list[str]] = {}
	for voucher_type, voucher_no in vouchers:
		by_type.setdefault(voucher_type, []).append(voucher_no)
	for voucher_type, names in by_type.items():
		meta = frappe.get_meta(voucher_type)
		fields = ["name", *(f for f in VOUCHER_FIELDS if meta.has_field(f))]
		for row in frappe.get_all(voucher_type, {"name": ("in", names)}, fields):
			out[(voucher_type, row.name)] = row
	return out


def moved_before(serials: set[str], bundles=()) -> list[str]:
	"""Those of ``serials`` that moved in submitted bundles other than ``bundles``: a cheap probe, since
	most units without events are simply new."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	probe = (
		frappe.qb.from_(entry)
		.select(entry.serial_no)
		.distinct()
		.where(entry.serial_no.isin(list(serials)) & (entry.docstatus == 1))
	)
	if bundles:
		probe = probe.where(entry.parent.notin(list(bundles)))
	return probe.run(pluck=True)


def backfill_all(batch_size: int = 1000, progress: bool = True) -> int:
	"""Back-fill every unit that has no events yet, batch by batch, committing each (a live voucher
	waits at most one batch for the units' locks); returns the count."""
	serial_no = frappe.qb.DocType("Serial No")
	total = frappe.qb.from_(serial_no).select(Count("*")).run()[0][0]
	last, done, written = "", 0, 0
	while True:
		names = (
			frappe.qb.from_(serial_no)
			.select(serial_no.name)
			.where(serial_no.name > last)
			.orderby(serial_no.name)
			.limit(batch_size)
		).run(pluck=True)
		if not names:
			break
		last, done = names[-1], done + len(names)
		have = event_store.units_with_events(names)
		todo = [name for name in names if name not in have]
		if todo:
			written += len(backfill_units(todo))
			frappe.db.commit()
		if progress:
			frappe.publish_progress(
				done * 100 / max(total, 1),
				title=_("Back-filling the audit trail"),
				description=_("{0} of {1} units").format(done, total),
			)
	return written
