"""Warranties of serialized units: the vendor's, dated at receipt; both, shown on a Warranty Claim with,
inside the vendor window, the supplier and receipt to claim from; and the condition a visit leaves."""

from collections import defaultdict
from datetime import date

import frappe
from frappe.model.document import Document
from frappe.query_builder import Order
from frappe.utils import getdate

from serial_tracking.actions import unit_actions
from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.maintenance.core import cover, visit_dates
from serial_tracking.maintenance.plans import item_plans
from serial_tracking.units import unit_moves
from serial_tracking.units.core import ledger


def on_receipt(doc: Document) -> None:
	"""Units received from a supplier get their vendor warranty's end date."""
	if doc.doctype not in ("Purchase Receipt", "Purchase Invoice") or doc.get("is_return"):
		return
	plans = item_plans({row.item_code for row in doc.get("items") or []})
	vendor_days = {item: plan.vendor_days for item, plan in plans.items() if plan.vendor_days}
	if vendor_days:  # read the units only when one of the voucher's items has a vendor warranty
		units = unit_moves.moved(doc.doctype, doc.name, outward=False)
		set_warranty_ends("st_vendor_warranty_expiry", doc.posting_date, units, vendor_days)


def set_warranty_ends(field: str, start, units, days_of: dict[str, int]) -> None:
	"""Date ``field`` of each unit whose item has a warranty of ``days_of[item]`` days from ``start``."""
	by_end = defaultdict(list)
	for unit in units:
		if days := days_of.get(unit.item_code):
			by_end[visit_dates.warranty_end(getdate(start), days)].append(unit.serial_no)
	serial_no = frappe.qb.DocType("Serial No")
	for end, serials in by_end.items():
		frappe.qb.update(serial_no).set(serial_no[field], end).where(serial_no.name.isin(serials)).run()


def on_visit(doc: Document) -> None:
	"""A submitted visit may leave units in a new condition."""
	by_condition = defaultdict(list)
	for purpose in doc.purposes:
		if purpose.serial_no and purpose.get("st_condition"):
			by_condition[purpose.st_condition].append(purpose.serial_no)
	for condition, serials in by_condition.items():
		unit_actions.set_condition(serials, condition, remarks=f"{doc.doctype} {doc.name}")


def fill_claim(doc: Document) -> None:
	"""A Warranty Claim on a unit shows both warranties; inside the vendor window, whom to claim from."""
	if not doc.get("serial_no"):
		return
	unit = frappe.db.get_value(
		"Serial No",
		doc.serial_no,
		["warranty_expiry_date", "amc_expiry_date", "st_vendor_warranty_expiry"],
		as_dict=True,
	)
	if not unit:
		return
	on = getdate(doc.get("complaint_date") or None)
	doc.warranty_expiry_date, doc.amc_expiry_date = unit.warranty_expiry_date, unit.amc_expiry_date
	doc.warranty_amc_status = cover.customer_cover(
		getdate(unit.warranty_expiry_date) if unit.warranty_expiry_date else None,
		getdate(unit.amc_expiry_date) if unit.amc_expiry_date else None,
		on,
	)
	vendor = vendor_cover(doc.serial_no, unit.st_vendor_warranty_expiry, on)
	doc.st_vendor_warranty_expiry, doc.st_vendor_warranty_status = vendor.expiry, vendor.status
	doc.st_vendor, doc.st_vendor_receipt_type, doc.st_vendor_receipt = vendor.receipt


def vendor_cover(serial: str, expiry, on: date) -> frappe._dict:
	"""The unit's vendor warranty on ``on``: expiry, status and, inside the window, the supplier and the
	receipt to claim from (a claim's unit, or a part a repair took out)."""
	status = visit_dates.warranty_status(getdate(expiry) if expiry else None, on)
	receipt = (supplier_receipt(serial) if status == visit_dates.UNDER else None) or (None, None, None)
	return frappe._dict(expiry=expiry, status=status, receipt=tuple(receipt))


def supplier_receipt(serial: str):
	"""The receipt (and supplier) the unit came in on most recently."""
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	rows = (
		frappe.qb.from_(event)
		.select(event.party, event.voucher_type, event.voucher_no)
		.where(
			(event.serial_no == serial)
			& (event.party_type == "Supplier")
			& event.event.isin([ledger.RECEIVED, ledger.IMPORTED])
		)
		.orderby(event.seq, order=Order.desc)
		.limit(1)
	).run()
	return rows[0] if rows else None
