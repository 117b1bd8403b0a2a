"""The till (ERPNext's Point of Sale page and its POS Invoices): a scanned internal serial, maker serial or
GS1 code adds that unit's item with that serial; units the till may not sell (:mod:`~serial_tracking.
customers.core.till`) are not offered by the serial picker, and a scan of one is refused with the reason;
a POS Invoice that reaches the server with one (an offline till syncing later) is refused at submit."""

import frappe
from frappe.model.document import Document

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.audit import event_store
from serial_tracking.customers.core import till
from serial_tracking.platform import erpnext_internals
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units import lookup
from serial_tracking.units.bundles import serials_by_bundle
from serial_tracking.units.core import ledger, lifecycle


def gs1_serial(code: str) -> str | None:
	"""Where a GS1 reader plugs in: the serial (ours or the maker's) a GS1 code names (its AI 21, with the
	GTIN's item), or None for text that is no GS1 code. Until a reader is wired in, no code is read."""
	return None


def scanned_unit(search_value: str) -> str | None:
	"""The unit (its internal serial) a scan names: the serial itself, a maker serial, or a GS1 code."""
	value = (search_value or "").strip()
	if not value:
		return None
	for candidate in (value, gs1_serial(value)):
		if not candidate:
			continue
		if serial := frappe.db.get_value("Serial No", candidate, "name"):
			return serial
		if unit := lookup.find_by_maker_serial(candidate):
			return unit.name
	return None


def holders(serials: list[str]) -> dict[str, str]:
	"""Who has each unit on loan (its custodian) or whom it is reserved for (the reservation's party)."""
	if not serials:
		return {}
	unit = frappe.qb.DocType("Serial No")
	found = dict(
		frappe.qb.from_(unit)
		.select(unit.name, unit.st_custodian)
		.where(unit.name.isin(serials) & unit.st_custodian.isnotnull())
		.run()
	)
	reserved = event_store.latest_where(serials, lambda t: t.event == ledger.RESERVED, "party")
	found.update({serial: party for serial, (party,) in reserved.items() if party})
	return found


def refusal(serial: str, customer: str | None = None):
	"""Why the till may not sell the unit, or None."""
	status = frappe.db.get_value("Serial No", serial, "st_lifecycle_status")
	return till.refusal(serial, status, holder=holders([serial]).get(serial), customer=customer)


def check_scan(serial: str, customer: str | None = None) -> None:
	"""Refuse a scanned unit the till may not sell, with the reason."""
	if error := refusal(serial, customer):
		with rules_as_messages():
			raise error


def not_offered(item_code: str, warehouse: str, customer: str | None = None) -> list[str]:
	"""Units of the item in the warehouse that the serial picker must not offer."""
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.st_lifecycle_status)
		.where(
			(unit.item_code == item_code)
			& (unit.warehouse == warehouse)
			& unit.st_lifecycle_status.isin([*lifecycle.UNAVAILABLE, lifecycle.RESERVED])
		)
	).run()
	who = holders([name for name, status in rows if status == lifecycle.RESERVED])
	return [
		name
		for name, status in rows
		if till.refusal(name, status, holder=who.get(name), customer=customer) is not None
	]


def check_invoice(doc: Document) -> None:
	"""A till's invoice sells only units the till may sell (an offline till's, checked as it syncs): a POS
	Invoice, or a Sales Invoice the till made (ERPNext 16's default)."""
	if doc.doctype not in ("POS Invoice", "Sales Invoice") or not doc.get("is_pos") or doc.get("is_return"):
		return
	serials = [s for row in doc.items if row.get("serial_no") for s in get_serial_nos(row.serial_no)]
	bundles = [row.serial_and_batch_bundle for row in doc.items if row.get("serial_and_batch_bundle")]
	for bundled in serials_by_bundle(bundles).values():
		serials += bundled
	if not serials:
		return
	unit = frappe.qb.DocType("Serial No")
	statuses = dict(
		frappe.qb.from_(unit).select(unit.name, unit.st_lifecycle_status).where(unit.name.isin(serials)).run()
	)
	who = holders(
		[s for s in serials if statuses.get(s) == lifecycle.RESERVED or statuses.get(s) == lifecycle.ON_LOAN]
	)
	with rules_as_messages():
		for serial in sorted(set(serials)):
			status = statuses.get(serial)
			if status in lifecycle.UNAVAILABLE or status == lifecycle.RESERVED:
				if error := till.refusal(serial, status, holder=who.get(serial), customer=doc.customer):
					raise error


def scan(search_value: str) -> dict:
	"""ERPNext's answer to a scan, with maker serials and GS1 codes answered as their unit's serial."""
	if serial := scanned_unit(search_value):
		return erpnext_internals.scan_barcode(serial)
	return erpnext_internals.scan_barcode(search_value)
