"""A unit moves once, whatever the concurrency (see :mod:`serial_tracking.concurrency.core.rules`).

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

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.concurrency.core import rules
from serial_tracking.platform.messages import throw
from serial_tracking.units import voucher_moves
from serial_tracking.units.core import lifecycle


def before_submit(doc: Document) -> None:
	"""Hold the units ``doc`` is about to move (its ``before_validate`` on submit)."""
	if voucher_moves.moves_stock(doc):
		hold(doc, rules.intents(voucher_moves.planned(doc)))


def before_cancel(doc: Document) -> None:
	"""Hold the units a submitted voucher moved, which its cancel moves back."""
	if voucher_moves.moves_stock(doc):
		hold(doc, rules.after(voucher_moves.posted(doc.doctype, doc.name)))


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
	if not serials:
		return {}
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
	table = frappe.qb.DocType(EVENT_DOCTYPE)
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
