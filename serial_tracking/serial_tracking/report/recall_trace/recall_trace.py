"""Recall Trace: from a supplier, a receipt, a receipt date window, or one defective unit (and its
siblings from the same receipt), every unit concerned, where it is now, which customer holds it, the
delivery document, and how to reach that customer.

*Through Components*: the units concerned are components; the trace lists every unit that contains
or contained one of them, at any depth (a cell in a battery pack in a bike), where the product it is
in now is, and which customer holds it."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_days, getdate

from serial_tracking.customers import quality
from serial_tracking.genealogy import trace
from serial_tracking.platform.report_columns import column
from serial_tracking.units import attributes
from serial_tracking.units.core import ledger

RECEIPT_EVENTS = (ledger.RECEIVED, ledger.MANUFACTURED, ledger.IMPORTED)


class RecallFilters(TypedDict, total=False):
	supplier: str
	receipt_type: str
	receipt: str
	from_date: str
	to_date: str
	serial_no: str
	only_unit: int
	item_code: str
	through_components: int
	min_defectives: int


def execute(filters: RecallFilters | None = None):
	return RecallTrace(frappe._dict(filters or {})).run()


class RecallTrace:
	def __init__(self, filters: RecallFilters):
		self.filters = filters
		self.event = frappe.qb.DocType("Serial Audit Event")

	def run(self):
		f = self.filters
		if not (f.supplier or f.receipt or f.from_date or f.to_date or f.serial_no or f.min_defectives):
			columns = self.component_columns() if f.through_components else self.columns()
			return columns + attributes.columns(), [], self.prompt()
		if f.serial_no and not self.has_receipt(f.serial_no):
			message = _("Unit {0} has no receipt in its history: trace it from its supplier or item instead.")
			return self.columns() + attributes.columns(), [], message.format(frappe.bold(f.serial_no))
		receipts = self.receipts()
		if f.through_components:
			return self.through_components(receipts)
		serials = list(receipts)
		if not serials:
			return self.columns() + attributes.columns(), []
		units = self.units(serials)
		deliveries = self.deliveries(serials)
		contacts = self.contacts({d.party for d in deliveries.values()})
		defective = quality.defective_units(serials)
		rows = []
		for serial, receipt in receipts.items():
			unit = units.get(serial, {})
			delivery = deliveries.get(serial) if unit.get("status") == "Delivered" else None
			customer = delivery.party if delivery else None
			rows.append(
				{
					"serial_no": serial,
					"maker_serial": unit.get("maker_serial"),
					"item_code": receipt.item_code,
					"supplier": receipt.party,
					"receipt_type": receipt.voucher_type,
					"receipt": receipt.voucher_no,
					"receipt_date": receipt.posting,
					"status": unit.get("status"),
					"defective_rma": defective.get(serial),
					"warehouse": unit.get("warehouse"),
					"customer": customer,
					"delivery_type": delivery and delivery.voucher_type,
					"delivery": delivery and delivery.voucher_no,
					"delivery_date": delivery and delivery.posting,
					**(contacts.get(customer) or {}),
					**{df.fieldname: unit.get(df.fieldname) for df in attributes.attribute_fields()},
				}
			)
		return self.columns() + attributes.columns(), rows

	def receipts(self) -> dict:
		"""The latest receipt of each unit concerned (a unit received twice is traced to its latest)."""
		e, f = self.event, self.filters
		query = (
			frappe.qb.from_(e)
			.select(e.serial_no, e.item_code, e.party, e.voucher_type, e.voucher_no, e.posting, e.seq)
			.where(e.event.isin(RECEIPT_EVENTS))
			.orderby(e.serial_no)
			.orderby(e.seq)
		)
		if f.serial_no and f.only_unit:
			query = query.where(e.serial_no == f.serial_no)
		elif f.serial_no:
			query = query.where(e.voucher_no.isin(self.has_receipt(f.serial_no)))
		if f.supplier:
			query = query.where((e.party_type == "Supplier") & (e.party == f.supplier))
		if f.receipt:
			query = query.where(e.voucher_no == f.receipt)
			if f.receipt_type:
				query = query.where(e.voucher_type == f.receipt_type)
		if f.min_defectives:  # the receipts at least that many of whose units came back defective
			query = query.where(
				e.voucher_no.isin(quality.receipts_with_defectives(int(f.min_defectives)) or [""])
			)
		if f.item_code:
			query = query.where(e.item_code == f.item_code)
		if f.from_date:
			query = query.where(e.posting >= getdate(f.from_date))
		if f.to_date:
			query = query.where(e.posting < add_days(getdate(f.to_date), 1))
		return {row.serial_no: row for row in query.run(as_dict=True)}

	def prompt(self) -> str:
		return _(
			"Where does the trace start? Choose a Supplier, a Receipt, a receipt date range (Received From, "
			"Received To), a Defective Unit or Receipts With Returned Defectives."
		)

	def has_receipt(self, serial: str) -> list[str]:
		"""The receipts in the unit's history (where its siblings came from)."""
		e = self.event
		return (
			frappe.qb.from_(e)
			.select(e.voucher_no)
			.where((e.serial_no == serial) & e.event.isin(RECEIPT_EVENTS))
		).run(pluck=True)

	def units(self, serials: list[str]) -> dict:
		unit = frappe.qb.DocType("Serial No")
		query = frappe.qb.from_(unit).select(
			unit.name,
			unit.item_code,
			unit.st_maker_serial.as_("maker_serial"),
			unit.st_lifecycle_status.as_("status"),
			unit.warehouse,
		)
		rows = attributes.select(query, unit).where(unit.name.isin(serials)).run(as_dict=True)
		return {row.name: row for row in rows}

	def through_components(self, receipts: dict):
		"""Every unit that contains or contained an affected component, with where its product is now."""
		columns = self.component_columns() + attributes.columns()
		held_by, walked = {}, set()
		reached = trace.containing(list(receipts), held_by, walked)
		if not reached:
			return columns, []
		tops = trace.outermost(list(reached), held_by, walked)
		places = set(tops.values())
		units = self.units(list(set(reached) | places))
		deliveries = self.deliveries(list(places))
		contacts = self.contacts({d.party for d in deliveries.values()})
		rows = []
		for serial, reach in sorted(reached.items(), key=lambda found: (found[1].depth, found[0])):
			sources = sorted(reach.sources)
			first = receipts.get(sources[0]) or frappe._dict()
			unit, top = units.get(serial, {}), tops[serial]
			place = units.get(top, {})
			delivery = deliveries.get(top) if place.get("status") == "Delivered" else None
			customer = delivery.party if delivery else None
			since, until = reach.span
			rows.append(
				{
					"serial_no": serial,
					"item_code": unit.get("item_code"),
					"maker_serial": unit.get("maker_serial"),
					"level": reach.depth,
					"contains_now": 1 if reach.now else 0,
					"contained_from": since,
					"contained_until": until,
					"affected": len(sources),
					"components": ", ".join(sources[:5]) + (" ..." if len(sources) > 5 else ""),
					"component_item": first.item_code,
					"supplier": first.party,
					"receipt_type": first.voucher_type,
					"receipt": first.voucher_no,
					"inside": top if top != serial else None,
					"status": place.get("status"),
					"warehouse": place.get("warehouse"),
					"customer": customer,
					"delivery_type": delivery and delivery.voucher_type,
					"delivery": delivery and delivery.voucher_no,
					"delivery_date": delivery and delivery.posting,
					**(contacts.get(customer) or {}),
					**{df.fieldname: unit.get(df.fieldname) for df in attributes.attribute_fields()},
				}
			)
		return columns, rows

	def deliveries(self, serials: list[str]) -> dict:
		"""Each unit's last delivery to a customer."""
		e = self.event
		last = (
			frappe.qb.from_(e)
			.select(e.serial_no, Max(e.seq).as_("seq"))
			.where(e.serial_no.isin(serials) & (e.event == ledger.DELIVERED))
			.groupby(e.serial_no)
		)
		rows = (
			frappe.qb.from_(e)
			.join(last)
			.on((last.serial_no == e.serial_no) & (last.seq == e.seq))
			.select(e.serial_no, e.party, e.voucher_type, e.voucher_no, e.posting)
		).run(as_dict=True)
		return {row.serial_no: row for row in rows}

	def contacts(self, customers: set) -> dict:
		customers = [c for c in customers if c]
		if not customers:
			return {}
		customer = frappe.qb.DocType("Customer")
		address = frappe.qb.DocType("Address")
		rows = (
			frappe.qb.from_(customer)
			.left_join(address)
			.on(address.name == customer.customer_primary_address)
			.select(
				customer.name,
				customer.customer_name,
				customer.customer_primary_contact.as_("contact"),
				customer.email_id.as_("email"),
				customer.mobile_no.as_("phone"),
				address.address_line1,
				address.city,
				address.pincode,
				address.country,
			)
			.where(customer.name.isin(customers))
		).run(as_dict=True)
		out = {}
		for row in rows:
			parts = (row.address_line1, row.city, row.pincode, row.country)
			out[row.name] = {
				"customer_name": row.customer_name,
				"contact": row.contact,
				"email": row.email,
				"phone": row.phone,
				"address": ", ".join(p for p in parts if p),
			}
		return out

	def component_columns(self) -> list[dict]:
		return [
			column(_("Unit"), "serial_no", "Link", "Serial No", 160),
			column(_("Item"), "item_code", "Link", "Item"),
			column(_("Maker Serial"), "maker_serial"),
			column(_("Level"), "level", "Int", width=60),
			column(_("Contains Now"), "contains_now", "Check", width=90),
			column(_("Contained From"), "contained_from", "Datetime", width=150),
			column(_("Contained Until"), "contained_until", "Datetime", width=150),
			column(_("Affected Components"), "affected", "Int", width=90),
			column(_("Components"), "components", width=220),
			column(_("Component Item"), "component_item", "Link", "Item"),
			column(_("Supplier"), "supplier", "Link", "Supplier"),
			column(_("Receipt Type"), "receipt_type", width=110),
			column(_("Receipt"), "receipt", "Dynamic Link", "receipt_type", 150),
			column(_("Inside"), "inside", "Link", "Serial No", 160),
			column(_("Status"), "status", width=100),
			column(_("Warehouse"), "warehouse", "Link", "Warehouse"),
			column(_("Customer"), "customer", "Link", "Customer", 140),
			column(_("Customer Name"), "customer_name", width=150),
			column(_("Delivery Type"), "delivery_type", width=110),
			column(_("Delivery"), "delivery", "Dynamic Link", "delivery_type", 150),
			column(_("Delivered On"), "delivery_date", "Datetime", width=150),
			column(_("Contact"), "contact", "Link", "Contact"),
			column(_("Email"), "email", width=170),
			column(_("Phone"), "phone", width=120),
			column(_("Address"), "address", width=240),
		]

	def columns(self) -> list[dict]:

		return [
			column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
			column(_("Maker Serial"), "maker_serial"),
			column(_("Item"), "item_code", "Link", "Item"),
			column(_("Supplier"), "supplier", "Link", "Supplier"),
			column(_("Receipt Type"), "receipt_type", width=110),
			column(_("Receipt"), "receipt", "Dynamic Link", "receipt_type", 150),
			column(_("Received On"), "receipt_date", "Datetime", width=150),
			column(_("Status"), "status", width=100),
			column(_("Returned Defective"), "defective_rma", "Link", "RMA", 150),
			column(_("Warehouse"), "warehouse", "Link", "Warehouse"),
			column(_("Customer"), "customer", "Link", "Customer", 140),
			column(_("Customer Name"), "customer_name", width=150),
			column(_("Delivery Type"), "delivery_type", width=110),
			column(_("Delivery"), "delivery", "Dynamic Link", "delivery_type", 150),
			column(_("Delivered On"), "delivery_date", "Datetime", width=150),
			column(_("Contact"), "contact", "Link", "Contact"),
			column(_("Email"), "email", width=170),
			column(_("Phone"), "phone", width=120),
			column(_("Address"), "address", width=240),
		]
