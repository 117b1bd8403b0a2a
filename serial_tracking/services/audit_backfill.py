"""Back-fill the audit trail from a site's existing stock history (Serial and Batch Bundles and their
Stock Ledger Entries), for units that have no events yet. Running it again changes nothing."""

from itertools import groupby

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import flt, get_datetime, now_datetime

from serial_tracking.core import audit
from serial_tracking.services import audit_trail

REMARK = "Back-filled from the stock ledger"
VOUCHER_FIELDS = ("supplier", "customer", "is_return", "purpose", "st_unit_intent")


def backfill_units(serials, exclude_voucher: tuple[str, str] | None = None) -> dict[str, audit.Head]:
	"""Write the history of ``serials`` (units with no events) and return where each chain now stands."""
	history = ledger_history(list(serials), exclude_voucher)
	if not history:
		return {}
	meta = voucher_meta({(row.voucher_type, row.voucher_no) for row in history})
	heads: dict[str, audit.Head] = {}
	events = []
	recorded_at, user = now_datetime(), frappe.session.user
	for (voucher_type, voucher_no), rows in groupby(history, key=lambda r: (r.voucher_type, r.voucher_no)):
		voucher = meta.get((voucher_type, voucher_no), {})
		lines = [
			audit.LedgerLine(
				r.serial_no,
				r.item_code,
				r.voucher_detail_no,
				r.warehouse,
				audit.IN if flt(r.actual_qty) > 0 else audit.OUT,
				get_datetime(r.posting_datetime),
				flt(r.incoming_rate, 9),
			)
			for r in rows
		]
		party_type, party = audit_trail.party_of(voucher)
		events += audit.record_movements(
			audit.movements(lines),
			heads,
			voucher_type=voucher_type,
			voucher_no=voucher_no,
			kind_of=lambda move, v=voucher, vt=voucher_type: audit.classify(
				vt,
				move.direction,
				purpose=v.get("purpose"),
				is_return=v.get("is_return"),
				intent=v.get("st_unit_intent"),
			),
			party_type=party_type,
			party=party,
			recorded_by=user,
			recorded_at=recorded_at,
			remarks=REMARK,
		)
	audit_trail.write(events)
	return heads


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


def backfill_all(batch_size: int = 5000, progress: bool = True) -> int:
	"""Back-fill every unit that has no events yet, batch by batch, committing each; returns the count."""
	serial_no = frappe.qb.DocType("Serial No")
	table = frappe.qb.DocType(audit_trail.EVENT)
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
		have = set(
			frappe.qb.from_(table)
			.select(table.serial_no)
			.distinct()
			.where(table.serial_no.isin(names))
			.run(pluck=True)
		)
		todo = [name for name in names if name not in have]
		if todo:
			written += len(backfill_units(todo))
			frappe.db.commit()
		if progress:
			frappe.publish_progress(
				done * 100 / max(total, 1),
				title=_("Back-filling the audit trail"),
				description=f"{done}/{total}",
			)
	return written
