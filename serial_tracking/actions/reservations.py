"""ERPNext's Stock Reservation Entries of serialized units, in the units' lifecycle.

A Stock Reservation Entry that reserves units by serial (for a Sales Order; on ERPNext 16 also for a Work
Order's components, for no customer) makes the units that are In Stock "Reserved", with a Reserved event
naming the entry; when the entry no longer holds a unit (the entry is cancelled or its serials are
changed) the unit goes back In Stock with an Unreserved event.
A delivery against the order delivers the reserved units (Reserved -> Delivered); cancelling the
delivery gives them back to the reservation, as ERPNext does.
"""

import frappe
from frappe.model.document import Document
from frappe.query_builder import Order
from frappe.query_builder.functions import Coalesce
from frappe.utils import now_datetime

from serial_tracking.actions import unit_actions
from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.units.core import ledger, lifecycle

SRE = "Stock Reservation Entry"
HOLDING = ("Reserved", "Partially Reserved", "Partially Delivered")


def sync(doc: Document) -> None:
	"""After an entry is submitted, changed after submit or cancelled: reserve the units it holds and
	release those it no longer holds."""
	serials = serials_of(doc)
	if before := doc.get_doc_before_save():
		serials |= serials_of(before)
	if not serials:
		return
	held = held_units(serials)
	units = unit_actions.lock(sorted(serials))
	status = {name: unit.st_lifecycle_status for name, unit in units.items()}
	reserve = [s for s in sorted(serials) if s in held and status.get(s) == lifecycle.IN_STOCK]
	release = reserved_by_entries(
		[s for s in sorted(serials) if s not in held and status.get(s) == lifecycle.RESERVED]
	)
	if not (reserve or release):
		return
	heads = trail.load_heads(set(reserve) | set(release))
	customer = customer_of(doc)
	now, key = now_datetime(), keys.current()
	events = []
	for serials_, kind, after in (
		(reserve, ledger.RESERVED, lifecycle.RESERVED),
		(release, ledger.UNRESERVED, lifecycle.IN_STOCK),
	):
		for serial in serials_:
			unit = units[serial]
			head = heads.get(serial, unit_chain.Head(status=unit.st_lifecycle_status))
			if head.status != unit.st_lifecycle_status:  # a status set before the unit had a history
				head = unit_chain.Head(head.seq, head.hash, head.episode, unit.st_lifecycle_status)
			event = unit_chain.Event(
				serial_no=serial,
				item_code=unit.item_code,
				event=kind,
				posting=now,
				recorded_by=frappe.session.user,
				recorded_at=now,
				voucher_type=SRE,
				voucher_no=doc.name,
				from_warehouse=unit.warehouse,
				to_warehouse=unit.warehouse,
				party_type="Customer" if customer else None,
				party=customer,
				status_after=after,
				remarks=f"{doc.voucher_type} {doc.voucher_no}" if doc.voucher_no else None,
			)
			chained, heads[serial] = unit_chain.append(event, head, key=key)
			events.append(chained)
	event_store.write(events)


def customer_of(doc: Document) -> str | None:
	"""The customer the entry reserves for: its Sales Order's. ERPNext 16 also reserves for vouchers
	without one (a Work Order's components, a Production Plan's)."""
	if not doc.voucher_no or not frappe.get_meta(doc.voucher_type).has_field("customer"):
		return None
	return frappe.db.get_value(doc.voucher_type, doc.voucher_no, "customer")


def serials_of(doc: Document) -> set[str]:
	if doc.get("reservation_based_on") != "Serial and Batch" or not doc.get("has_serial_no"):
		return set()
	return {row.serial_no for row in doc.get("sb_entries") or [] if row.serial_no}


def held_units(serials: set[str]) -> set[str]:
	"""Those of ``serials`` that a submitted reservation still holds (reserved, not yet delivered)."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	sre = frappe.qb.DocType(SRE)
	query = (
		frappe.qb.from_(entry)
		.join(sre)
		.on(sre.name == entry.parent)
		.select(entry.serial_no)
		.where(
			(entry.parenttype == SRE)
			& entry.serial_no.isin(list(serials))
			& (sre.docstatus == 1)
			& sre.status.isin(HOLDING)
			& (Coalesce(entry.delivered_qty, 0) < entry.qty)
		)
	)
	return set(query.run(pluck=True))


def reserved_by_entries(serials: list[str]) -> list[str]:
	"""Those of ``serials`` whose Reserved status comes from a reservation entry (not a user's Reserve)."""
	if not serials:
		return []
	event = frappe.qb.DocType(event_store.EVENT_DOCTYPE)
	rows = (
		frappe.qb.from_(event)
		.select(event.serial_no, event.voucher_type)
		.where(event.serial_no.isin(serials) & (event.event == ledger.RESERVED))
		.orderby(event.seq, order=Order.desc)
	).run()
	last = {}
	for serial, voucher_type in rows:
		last.setdefault(serial, voucher_type)
	return [s for s in serials if last.get(s) == SRE]
