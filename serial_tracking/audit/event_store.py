"""Read and append to the units' chains of audit events: the one place that writes the trail.

The live hooks (:mod:`~serial_tracking.audit.trail`), the back-fill
(:mod:`~serial_tracking.audit.backfill`) and the unit actions all turn what happened into
events with the core and hand them here.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

import frappe
from frappe.query_builder.functions import Coalesce, Max
from frappe.utils import flt, get_datetime

from serial_tracking.audit.core import unit_chain
from serial_tracking.platform import bulk_insert
from serial_tracking.units.core import ledger

EVENT_DOCTYPE = "Serial Audit Event"
# Events are never modified: "modified" stays empty and "docstatus" takes its default (0).
COLUMNS = ["name", "creation", "owner", *unit_chain.HASHED, "key_epoch", "hash"]
CHAIN_INDEX = "unique_serial_seq"  # (serial_no, seq): see the doctype's on_doctype_update


def ledger_lines(rows: Iterable[Mapping]) -> list[ledger.LedgerLine]:
	"""Ledger lines from rows of a stock ledger entry joined with its bundle's entries (serial_no,
	item_code, voucher_detail_no, warehouse, actual_qty, posting_datetime, incoming_rate)."""
	return [
		ledger.line(
			row["serial_no"],
			row["item_code"],
			row["voucher_detail_no"],
			row["warehouse"],
			flt(row["actual_qty"]),
			get_datetime(row["posting_datetime"]),
			flt(row["incoming_rate"], 9),
		)
		for row in rows
	]


def heads(serials, lock: bool = False) -> dict[str, unit_chain.Head]:
	"""The last event of each of ``serials`` that has one, in one query.

	``lock``: a locking read (rows held until the transaction ends), which also sees events another
	writer committed after this transaction's snapshot; every writer holds the units' Serial No rows,
	so the heads read this way stay the heads until this transaction ends."""
	if not serials:
		return {}
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	fields = (table.serial_no, table.seq, table.hash, table.episode, table.status_after)
	if lock:
		rows = (
			frappe.qb.from_(table)
			.force_index(CHAIN_INDEX)
			.select(*fields)
			.where(table.serial_no.isin(list(serials)))
			.orderby(table.serial_no)
			.orderby(table.seq)
			.for_update()
		).run()
		last = {row[0]: row for row in rows}  # ordered by seq: the last row of each unit wins
		rows = last.values()
	else:
		latest = (
			frappe.qb.from_(table)
			.force_index(CHAIN_INDEX)
			.select(table.serial_no, Max(table.seq).as_("seq"))
			.where(table.serial_no.isin(list(serials)))
			.groupby(table.serial_no)
		)
		rows = (
			frappe.qb.from_(table)
			.join(latest)
			.on((latest.serial_no == table.serial_no) & (latest.seq == table.seq))
			.select(*fields)
		).run()
	return {
		serial: unit_chain.Head(seq, hash_, episode, status) for serial, seq, hash_, episode, status in rows
	}


def latest_where(serials, condition, *fields) -> dict[str, tuple]:
	"""``{serial: (field values...)}`` of each unit's latest event that meets ``condition(table)``, in
	one query (a unit with none is left out)."""
	if not serials:
		return {}
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	latest = (
		frappe.qb.from_(table)
		.select(table.serial_no, Max(table.seq).as_("seq"))
		.where(table.serial_no.isin(list(serials)) & condition(table))
		.groupby(table.serial_no)
	).as_("latest")
	rows = (
		frappe.qb.from_(table)
		.join(latest)
		.on((latest.serial_no == table.serial_no) & (latest.seq == table.seq))
		.select(table.serial_no, *(table[field] for field in fields))
	).run()
	return {row[0]: tuple(row[1:]) for row in rows}


def units_with_events(serials, lock: bool = False) -> set[str]:
	"""Those of ``serials`` that have events; ``lock``: a locking read, which sees events committed
	since the transaction's snapshot was taken (and holds them until it ends)."""
	if not serials:
		return set()
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	query = (
		frappe.qb.from_(table)
		.force_index(CHAIN_INDEX)  # past 200 values MariaDB's estimate would scan (and lock) every event
		.select(table.serial_no)
		.where(table.serial_no.isin(list(serials)))
	)
	if lock:
		query = query.for_update()
	return set(query.distinct().run(pluck=True))


def write(events: list[unit_chain.Event]) -> None:
	"""Insert events in one statement, and move each unit's lifecycle status along. The events come
	sealed by the core (:func:`~serial_tracking.audit.core.unit_chain.append`) under :func:`audit_keys.current`."""
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
				*(data[f] for f in unit_chain.HASHED),
				event.key_epoch,
				event.hash,
			)
		)
	bulk_insert.insert(EVENT_DOCTYPE, COLUMNS, values)
	update_units(events)


def update_units(events: list[unit_chain.Event]) -> None:
	"""Move each unit's lifecycle status along, and keep its life summary (first receipt, last
	departure, turns) on the Serial No, so reports need not re-read the whole trail."""
	state: dict[str, list] = {}
	for event in events:
		unit = state.setdefault(event.serial_no, [None, None, None, 0])
		unit[0] = event.status_after
		if event.event != ledger.CANCELLED:
			unit[1] = min(unit[1], event.posting) if unit[1] else event.posting
		if event.event in ledger.EXITS:
			unit[2] = max(unit[2], event.posting) if unit[2] else event.posting
		if event.event in ledger.TURNS:
			unit[3] += 1
		elif event.event == ledger.CANCELLED and event.remarks in ledger.TURNS:
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
