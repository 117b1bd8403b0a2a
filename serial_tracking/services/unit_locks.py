"""A unit moves once, whatever the concurrency (see :mod:`serial_tracking.core.concurrency`).

Before a stock voucher validates its submit, or starts its cancel, the units it moves are locked (their
Serial No rows, ``SELECT ... FOR UPDATE`` in name order: one order for every writer, so two vouchers
never wait on each other in a circle) and read twice: as this transaction's snapshot shows them and as
they are now. A second voucher moving the same unit waits here until the first has committed, then finds
the unit changed and is refused, naming the document that moved it. Units nobody changed meanwhile are
left to ERPNext's own checks, exactly as without the app. The app's own writers (unit actions, Unit Count
approval, Tracking Mode Change) lock the units they will touch first, in the same order, with
:func:`lock`.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Order

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.core import concurrency as rules
from serial_tracking.core import lifecycle
from serial_tracking.core.concurrency import COUNT, IN, OUT, Move
from serial_tracking.messages import throw
from serial_tracking.services.audit_chain import EVENT
from serial_tracking.services.bundles import serials_by_bundle

SELLING = ("Delivery Note", "Sales Invoice", "POS Invoice")
BUYING = ("Purchase Receipt", "Purchase Invoice", "Subcontracting Receipt")
MOVING = (*SELLING, *BUYING, "Stock Entry", "Stock Reconciliation")
WITH_STOCK_FLAG = ("Sales Invoice", "Purchase Invoice")  # they move stock only with Update Stock


def before_submit(doc: Document) -> None:
	"""Hold the units ``doc`` is about to move (its ``before_validate`` on submit)."""
	if doc.doctype in MOVING and moves_stock(doc):
		hold(doc, rules.intents(planned_moves(doc)))


def before_cancel(doc: Document) -> None:
	"""Hold the units a submitted voucher moved, which its cancel moves back."""
	if doc.doctype in MOVING and moves_stock(doc):
		hold(doc, rules.after(posted_moves(doc.doctype, doc.name)))


def moves_stock(doc: Document) -> bool:
	return doc.doctype not in WITH_STOCK_FLAG or bool(doc.get("update_stock"))


def hold(doc: Document, wanted: dict[str, rules.Intent]) -> None:
	if not wanted:
		return
	serials = sorted(wanted)
	latest = lock(serials)
	snapshot = read(serials)
	selling = [serial for serial, intent in wanted.items() if intent.doing == lifecycle.SELL]
	held_now = at_the_till(selling, doc.name, locking=True) if selling else {}
	held_before = at_the_till(selling, doc.name) if held_now else {}
	found = rules.conflicts(wanted, snapshot, latest, held_before, held_now)
	if found:
		conflict = found[0]
		by = held_now[conflict.serial] if conflict.message == rules.HELD else mover(conflict.serial)
		throw(rules.refusal(conflict, by))


def refuse_moved_since(books: dict[str, str | None], latest: dict[str, rules.Unit]) -> None:
	"""For an app writer whose plan was made earlier (a closed count: ``books``, serial -> warehouse it
	saw each unit in): refuse when another transaction moved a unit after this one's snapshot was taken.
	Moves the snapshot shows already are the writer's own checks' to refuse, as they always did."""
	wanted = {serial: rules.Intent(frozenset({where or None})) for serial, where in books.items()}
	found = rules.conflicts(wanted, read(list(books)), latest)
	if found:
		throw(rules.refusal(found[0], mover(found[0].serial)))


def lock(serials, chunk: int = 5000) -> dict[str, rules.Unit]:
	"""Lock the units' rows in name order and read them as they are now (the latest committed rows)."""
	unit = frappe.qb.DocType("Serial No")
	ordered = sorted(set(serials))
	out = {}
	try:
		for start in range(0, len(ordered), chunk):
			query = (
				frappe.qb.from_(unit)
				.select(unit.name, unit.warehouse, unit.st_lifecycle_status)
				.where(unit.name.isin(ordered[start : start + chunk]))
				.orderby(unit.name)
				.for_update()
			)
			out.update(
				{name: rules.Unit(warehouse or None, status) for name, warehouse, status in query.run()}
			)
	except (frappe.QueryTimeoutError, frappe.QueryDeadlockError):
		throw(rules.busy(ordered))
	return out


def read(serials) -> dict[str, rules.Unit]:
	"""The units as this transaction's snapshot shows them (what ERPNext's own checks read)."""
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.warehouse, unit.st_lifecycle_status)
		.where(unit.name.isin(list(serials)))
	).run()
	return {name: rules.Unit(warehouse or None, status) for name, warehouse, status in rows}


def at_the_till(serials, but: str, locking: bool = False) -> dict[str, str]:
	"""``{serial: POS Invoice}`` of the units submitted POS Invoices (other than ``but``) hold until they
	are consolidated; ``locking``: as they are now, not as the snapshot shows them."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	invoice = frappe.qb.DocType("POS Invoice")
	query = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.join(invoice)
		.on(invoice.name == bundle.voucher_no)
		.select(entry.serial_no, invoice.name)
		.where(
			entry.serial_no.isin(list(serials))
			& (bundle.voucher_type == "POS Invoice")
			& (bundle.docstatus == 1)
			& (bundle.is_cancelled == 0)
			& (invoice.docstatus == 1)
			& (invoice.is_return == 0)
			& (invoice.name != but)
			& ((invoice.consolidated_invoice.isnull()) | (invoice.consolidated_invoice == ""))
		)
	)
	if locking:
		query = query.for_update()
	return dict(query.run())


def mover(serial: str) -> str:
	"""Who moved the unit last, as the audit trail now records it: the document, or the action and user."""
	table = frappe.qb.DocType(EVENT)
	rows = (
		frappe.qb.from_(table)
		.select(table.event, table.voucher_type, table.voucher_no, table.recorded_by)
		.where(table.serial_no == serial)
		.orderby(table.seq, order=Order.desc)
		.limit(1)
		.for_update()  # a locking read: the event another transaction has just committed
	).run()
	if not rows:
		return _("another transaction")
	event, voucher_type, voucher_no, user = rows[0]
	if voucher_no:
		return f"{_(voucher_type)} {voucher_no}"
	return _("{0} by {1}").format(_(event), user)


# --- what a voucher moves ------------------------------------------------------------------------


def planned_moves(doc: Document) -> list[Move]:
	"""The units a voucher about to be submitted moves: from its lines' bundles or typed serials."""
	lines = []  # (direction, warehouse, doing, bundle, typed serials)
	for table in doc.meta.get_table_fields():
		for row in doc.get(table.fieldname) or []:
			for direction, warehouse, doing, bundle_field, serial_field in row_moves(
				doc, table.fieldname, row
			):
				bundle, typed = row.get(bundle_field), row.get(serial_field)
				if bundle or typed:
					lines.append((direction, warehouse, doing, bundle, typed))
	bundled = serials_by_bundle([bundle for *_, bundle, _typed in lines if bundle])
	moves = []
	for direction, warehouse, doing, bundle, typed in lines:
		serials = bundled.get(bundle) if bundle else get_serial_nos(typed)
		moves += [Move(serial, direction, warehouse, doing) for serial in serials or ()]
	return moves


def row_moves(doc: Document, table: str, row) -> list[tuple]:
	"""(direction, warehouse, doing, bundle field, serial field) of one line, as ERPNext posts it."""
	both = ("serial_and_batch_bundle", "serial_no")
	if doc.doctype == "Stock Entry":
		if row.get("s_warehouse"):
			doing = lifecycle.ISSUE if not row.get("t_warehouse") and not doc.get("st_unit_intent") else None
			return [(OUT, row.s_warehouse, doing, *both)]
		return [(IN, row.get("t_warehouse"), None, *both)]
	if doc.doctype == "Stock Reconciliation":
		return [
			(COUNT, row.get("warehouse"), None, *both),
			(OUT, row.get("warehouse"), None, "current_serial_and_batch_bundle", "current_serial_no"),
		]
	if doc.doctype in SELLING:
		return [
			(
				IN if doc.get("is_return") else OUT,
				row.get("warehouse"),
				None if doc.get("is_return") else lifecycle.SELL,
				*both,
			)
		]
	if doc.doctype in BUYING:
		if table == "supplied_items":
			return [(OUT, doc.get("supplier_warehouse"), None, *both)]
		moves = [(OUT if doc.get("is_return") else IN, row.get("warehouse"), None, *both)]
		if not doc.get("is_return"):
			moves.append(
				(
					IN,
					row.get("rejected_warehouse"),
					None,
					"rejected_serial_and_batch_bundle",
					"rejected_serial_no",
				)
			)
		return moves
	return []


def posted_moves(voucher_type: str, voucher_no: str) -> list[Move]:
	"""The units a submitted voucher moved, from its bundles: outward ones first (a transfer's source
	before its target)."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.select(entry.serial_no, bundle.type_of_transaction, entry.warehouse, bundle.warehouse)
		.where(
			(bundle.voucher_type == voucher_type)
			& (bundle.voucher_no == voucher_no)
			& (bundle.docstatus == 1)
			& (bundle.is_cancelled == 0)
			& entry.serial_no.isnotnull()
		)
	).run()
	moves = [
		Move(serial, OUT if kind == "Outward" else IN, line_warehouse or warehouse)
		for serial, kind, line_warehouse, warehouse in rows
	]
	return sorted(moves, key=lambda move: move.direction != OUT)
