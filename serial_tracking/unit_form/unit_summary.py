"""What the Serial No form shows of a unit: its episode, first receipt, current holder, history and
component tree."""

import frappe
from frappe.query_builder import Order

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.genealogy import trace
from serial_tracking.units.core import ledger, lifecycle

# Events that open an episode: a unit switched from Quantity to Serialized begins with its Mode Changed event
# (the first of an episode is always inward: an outward switch ends one).
OPENING_EVENTS = (
	ledger.RECEIVED,
	ledger.MANUFACTURED,
	ledger.RETURNED_FROM_CUSTOMER,
	ledger.RECONCILED,
	ledger.MODE_CHANGED,
)


def summary(serial_no: str, limit: int = 50) -> dict:
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	events = (
		frappe.qb.from_(table)
		.select("*")
		.where(table.serial_no == serial_no)
		.orderby(table.seq, order=Order.desc)
		.limit(limit)
	).run(as_dict=True)
	unit = frappe.db.get_value(
		"Serial No",
		serial_no,
		["warehouse", "st_lifecycle_status", "customer", "st_custodian_type", "st_custodian", "st_due_date"],
		as_dict=True,
	)
	head = events[0] if events else None
	episode = head.episode if head else 0
	opening = first_in_episode(serial_no, episode) if head else None
	return {
		"episode": episode,
		"events": events,
		"total_events": head.seq if head else 0,
		"first_receipt": opening,
		"holder": holder(unit, events),
		"tree": trace.unit_tree(serial_no),
	}


def first_in_episode(serial_no: str, episode: int):
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	rows = (
		frappe.qb.from_(table)
		.select(
			table.event,
			table.party_type,
			table.party,
			table.voucher_type,
			table.voucher_no,
			table.posting,
			table.rate_in,
		)
		.where((table.serial_no == serial_no) & (table.episode == episode) & table.event.isin(OPENING_EVENTS))
		.orderby(table.seq)
		.limit(1)
	).run(as_dict=True)
	return rows[0] if rows else None


def holder(unit, events) -> dict:
	"""Who has the unit now: a custodian (on loan), a customer (delivered), or a warehouse."""
	if not unit:
		return {}
	if unit.st_lifecycle_status == lifecycle.ON_LOAN and unit.get("st_custodian"):
		return {
			"type": unit.st_custodian_type,
			"name": unit.st_custodian,
			"title": title_of(unit.st_custodian_type, unit.st_custodian),
			"due_date": unit.st_due_date,
		}
	if unit.st_lifecycle_status == lifecycle.DELIVERED:
		delivered = next((e for e in events if e.event == ledger.DELIVERED), None)
		customer = (delivered and delivered.party) or unit.customer
		if customer:
			return {
				"type": "Customer",
				"name": customer,
				"title": title_of("Customer", customer),
				"voucher_type": delivered and delivered.voucher_type,
				"voucher_no": delivered and delivered.voucher_no,
			}
	if unit.warehouse:
		return {"type": "Warehouse", "name": unit.warehouse}
	return {}


def title_of(doctype: str, name: str) -> str | None:
	"""What people call a record (an Employee's or Customer's name), where its doctype has a title."""
	field = frappe.get_meta(doctype).title_field
	return frappe.db.get_value(doctype, name, field) if field and field != "name" else None
