"""One assertion for the flow tests: where a unit stands after a step, by ERPNext and by the app.

:func:`assert_unit` checks, for one unit, ERPNext's Serial No (warehouse, status), the app's lifecycle
status, its audit events (kinds in order, one live event per unit per movement ERPNext posted, every
event of a cancelled voucher reversed, the chain verifies), the Unit History report's rows, and
Serial Profitability's acquisition cost and revenue, and that the Serial Integrity Check finds no drift.
"""

from collections import Counter

import frappe
from frappe.utils import flt, nowdate, nowtime

from serial_tracking.actions import integrity
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.serial_tracking.report.serial_profitability.serial_profitability import (
	execute as profitability,
)
from serial_tracking.serial_tracking.report.unit_history.unit_history import execute as unit_history
from serial_tracking.tests import factories as f
from serial_tracking.units.core import ledger

EVENT_DOCTYPE = "Serial Audit Event"
UNSET = object()
# Events that move no stock: unit actions without a voucher, reservations; and kinds that record what a
# movement did to other units (assembly links, counts).
NOT_MOVES = (None, "Stock Reservation Entry")
NOT_MOVING = frozenset(
	(
		ledger.BECAME_PART_OF,
		ledger.MADE_OF,
		ledger.PART_FITTED,
		ledger.PART_REMOVED,
		ledger.COUNTED,
		ledger.EXCHANGED_FROM,
	)
)


def events(serial: str) -> list:
	return frappe.get_all(EVENT_DOCTYPE, {"serial_no": serial}, "*", order_by="seq")


def live_events(serial: str) -> list:
	"""The unit's events that no cancellation reversed (cancellations themselves excluded)."""
	chain = events(serial)
	reversed_ = {e.reverses for e in chain if e.reverses}
	return [e for e in chain if e.event != ledger.CANCELLED and e.name not in reversed_]


def ledger_vouchers(serial: str) -> Counter:
	"""How many movements of the unit ERPNext's live stock ledger holds, per voucher (a transfer's out-
	and in-line, and a count's out- and in-line of the same unit, are one movement)."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.select(sle.voucher_type, sle.voucher_no, sle.voucher_detail_no)
		.where((entry.serial_no == serial) & (sle.is_cancelled == 0))
		.distinct()
	).run()
	return Counter((voucher_type, voucher_no) for voucher_type, voucher_no, _detail in rows)


def profit_row(serial: str, item_code: str, company: str = f.COMPANY) -> dict | None:
	_columns, data, *_rest = profitability({"company": company, "item_code": item_code})
	return next((row for row in data if row["serial_no"] == serial), None)


def assert_unit(
	case,
	serial: str,
	*,
	warehouse=UNSET,
	status=UNSET,
	lifecycle=UNSET,
	kinds=None,
	cost=None,
	revenue=None,
	company: str = f.COMPANY,
):
	"""Check a unit after a step; arguments left out are not checked (the trail always is)."""
	unit = frappe.db.get_value(
		"Serial No", serial, ["item_code", "warehouse", "status", "st_lifecycle_status"], as_dict=True
	)
	case.assertTrue(unit, f"{serial} exists")
	if warehouse is not UNSET:
		case.assertEqual(unit.warehouse, warehouse, f"{serial}: warehouse")
	if status is not UNSET:
		case.assertEqual(unit.status, status, f"{serial}: ERPNext status")
	if lifecycle is not UNSET:
		case.assertEqual(unit.st_lifecycle_status, lifecycle, f"{serial}: lifecycle status")

	chain = events(serial)
	if kinds is not None:
		case.assertEqual([e.event for e in chain], list(kinds), f"{serial}: events")
	case.assertEqual(verify_chains([serial]), [], f"{serial}: chain verifies")
	if chain:
		case.assertEqual(chain[-1].status_after, unit.st_lifecycle_status, f"{serial}: status follows trail")

	# One live event per unit per movement ERPNext's ledger holds, and none for movements it dropped.
	live = live_events(serial)
	stock_events = Counter(
		(e.voucher_type, e.voucher_no)
		for e in live
		if e.voucher_type not in NOT_MOVES and e.event not in NOT_MOVING
	)
	case.assertEqual(stock_events, ledger_vouchers(serial), f"{serial}: one live event per movement")
	# Every event of a cancelled voucher is reversed, once.
	reversals = Counter(e.reverses for e in chain if e.reverses)
	case.assertFalse([r for r, n in reversals.items() if n > 1], f"{serial}: reversed once")
	for e in chain:
		if e.event == ledger.CANCELLED or e.voucher_type in NOT_MOVES:
			continue  # a released reservation is Unreserved, not reversed
		cancelled = frappe.db.get_value(e.voucher_type, e.voucher_no, "docstatus") == 2
		case.assertEqual(e.name in reversals, cancelled, f"{serial}: {e.event} {e.voucher_no} reversal")

	# The Serial Integrity Check finds no drift between the unit's records and the stock ledger.
	drifting = [row for row in integrity.drift(unit.item_code) if row["serial_no"] == serial]
	case.assertEqual(drifting, [], f"{serial}: integrity")

	# Unit History shows exactly the trail.
	_columns, rows = unit_history({"serial_no": serial})
	case.assertEqual(
		sorted((r["seq"], r["event"], r["voucher_no"]) for r in rows),
		[(e.seq, e.event, e.voucher_no) for e in chain],
		f"{serial}: Unit History",
	)

	if cost is not None or revenue is not None:
		row = profit_row(serial, unit.item_code, company)
		case.assertTrue(row, f"{serial}: in Serial Profitability")
		if cost is not None:
			case.assertAlmostEqual(flt(row["acquisition_cost"]), cost, 2, f"{serial}: acquisition cost")
		if revenue is not None:
			case.assertAlmostEqual(flt(row["revenue"]), revenue, 2, f"{serial}: revenue")


def submitted(doc):
	"""Insert (when new) and submit ``doc``; returns it."""
	if doc.is_new():
		doc.insert()
	doc.submit()
	return doc


def amend(doc, **changes):
	"""ERPNext's Amend: a draft copy of the cancelled ``doc`` linked to it, then submitted."""
	amended = frappe.copy_doc(doc)
	amended.amended_from = doc.name
	amended.docstatus = 0
	amended.update(changes)
	return submitted(amended)


def bundle_serials(bundle: str) -> list[str]:
	return frappe.get_all("Serial and Batch Entry", {"parent": bundle}, pluck="serial_no", order_by="idx")


def erpnext_rate(serial: str, voucher_type: str, voucher_no: str) -> float:
	"""The unit's incoming rate on ``voucher_no``'s live bundle, as ERPNext values it now."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.select(entry.incoming_rate)
		.where(
			(entry.serial_no == serial)
			& (sle.is_cancelled == 0)
			& (sle.voucher_type == voucher_type)
			& (sle.voucher_no == voucher_no)
			& (sle.actual_qty > 0)
		)
	).run(pluck=True)
	return flt(rows[0]) if rows else 0.0


def dialog_bundle(
	doctype: str, item_code: str, serials: list[str], warehouse: str, new: bool = False, **parent
):
	"""The bundle ERPNext's "Add Serial / Batch No" dialog saves for a line of a ``doctype`` voucher not
	saved yet (use_serial_batch_fields off): typed serials are made first (``new``: its "Enter Manually",
	create_serial_nos), then the draft bundle (add_serial_batch_ledgers); the line then refers to it."""
	from erpnext.stock.doctype.serial_and_batch_bundle.serial_and_batch_bundle import (
		add_serial_batch_ledgers,
		create_serial_nos,
	)

	if new:
		entries = create_serial_nos(item_code, "\n".join(serials))
	else:
		entries = [{"serial_no": serial, "qty": 1} for serial in serials]
	row = {
		"item_code": item_code,
		"parenttype": doctype,
		"doctype": f"{doctype} Item",
		"warehouse": warehouse,
	}
	voucher = {
		"doctype": doctype,
		"company": f.COMPANY,
		"posting_date": nowdate(),
		"posting_time": nowtime(),
		**parent,
	}
	# As the desk sends them: JSON.
	return add_serial_batch_ledgers(
		frappe.as_json(entries), frappe.as_json(row), frappe.as_json(voucher), warehouse
	).name


def bundled_line(
	doctype: str,
	item_code: str,
	serials: list[str],
	rate: float = 100,
	wh: str | None = None,
	new=False,
	**fields,
):
	"""A voucher line whose units are in a bundle made through the dialog first."""
	wh = wh or f.warehouse()
	return {
		"item_code": item_code,
		"qty": len(serials),
		"rate": rate,
		"warehouse": wh,
		"use_serial_batch_fields": 0,
		"serial_and_batch_bundle": dialog_bundle(doctype, item_code, serials, wh, new=new),
		**fields,
	}


def amended_with_bundle(doc, serials: list[str], **parent):
	"""ERPNext's Amend of a cancelled voucher whose line the user fills again through the dialog (the
	cancelled bundle stays with the cancelled voucher)."""
	amended = frappe.copy_doc(doc)
	amended.amended_from = doc.name
	amended.docstatus = 0
	row = amended.items[0]
	row.serial_no = None
	row.serial_and_batch_bundle = dialog_bundle(doc.doctype, row.item_code, serials, row.warehouse, **parent)
	return submitted(amended)
