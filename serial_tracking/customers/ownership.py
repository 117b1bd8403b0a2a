"""Whose a unit is on the customer's side: the customer it was last delivered (or given back) to, read
from its audit trail, while it is delivered or with us for service; and the RMA that holds it."""

import frappe
from frappe.query_builder.functions import Max

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.customers.core import rma as core
from serial_tracking.units.core import ledger, lifecycle

# Events that hand a unit to a customer, or take it in while it stays theirs.
OWNING = (ledger.DELIVERED, ledger.RETURNED_AFTER_SERVICE, ledger.RECEIVED_FOR_SERVICE)
THEIRS = (lifecycle.DELIVERED, lifecycle.IN_SERVICE)


def owners(serials) -> dict[str, str]:
	"""``{serial: customer}`` of those of ``serials`` a customer has (delivered, or with us for service):
	the party of the unit's latest owning event no cancellation reversed."""
	serials = list(set(serials or ()))
	if not serials:
		return {}
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	unit = frappe.qb.DocType("Serial No")
	theirs = (
		frappe.qb.from_(unit)
		.select(unit.name)
		.where(unit.name.isin(serials) & unit.st_lifecycle_status.isin(THEIRS))
		.run(pluck=True)
	)
	if not theirs:
		return {}
	reversed_ = (
		frappe.qb.from_(event)
		.select(event.reverses)
		.where(event.serial_no.isin(theirs) & event.reverses.isnotnull())
		.run(pluck=True)
	)
	owning = event.serial_no.isin(theirs) & event.event.isin(OWNING) & (event.party_type == "Customer")
	if reversed_:
		owning &= event.name.notin(reversed_)
	latest = (
		frappe.qb.from_(event)
		.select(event.serial_no, Max(event.seq).as_("seq"))
		.where(owning)
		.groupby(event.serial_no)
	).as_("latest")
	rows = (
		frappe.qb.from_(event)
		.join(latest)
		.on((latest.serial_no == event.serial_no) & (latest.seq == event.seq))
		.select(event.serial_no, event.party)
	).run()
	return dict(rows)


def delivered_to(customers: list[str]) -> list[str]:
	"""Units the customers have now (delivered to them, or with us for service)."""
	if not customers:
		return []
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	candidates = (
		frappe.qb.from_(event)
		.select(event.serial_no)
		.distinct()
		.where(event.event.isin(OWNING) & (event.party_type == "Customer") & event.party.isin(customers))
	).run(pluck=True)
	found = owners(candidates)
	return sorted(serial for serial, customer in found.items() if customer in customers)


def unit(serial: str, customer: str | None = None) -> core.Unit:
	"""The unit as the RMA's rules see it (``customer``: whether it was ever delivered to them)."""
	row = frappe.db.get_value("Serial No", serial, ["item_code", "st_lifecycle_status"], as_dict=True)
	if not row:
		frappe.throw(
			frappe._("Unit {0} does not exist.").format(frappe.bold(serial)), frappe.DoesNotExistError
		)
	was = bool(customer) and bool(
		frappe.db.exists(
			EVENT_DOCTYPE,
			{"serial_no": serial, "event": ledger.DELIVERED, "party_type": "Customer", "party": customer},
		)
	)
	return core.Unit(serial, row.item_code, row.st_lifecycle_status, owners([serial]).get(serial), was)


def open_rma(serial: str, but: str | None = None) -> str | None:
	"""The open RMA on the unit (other than ``but``), if any. An exchanged unit's RMA is closed for the
	customer; the unit itself is then ours."""
	filters = {"serial_no": serial, "status": ("in", list(core.OPEN))}
	if but:
		filters["name"] = ("!=", but)
	return frappe.db.get_value("RMA", filters)
