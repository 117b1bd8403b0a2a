"""Visits a unit missed before it was returned stayed Pending (a return ended only the visits dated on or
after it), so reports and reminders kept asking for a visit to a unit back in our warehouse. End them now,
kept on record as missed, as a return does since. Self-contained: it reads ERPNext's documents only."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field
from frappe.utils import getdate

# The field as this release adds it (patches run before after_migrate applies the app's fields).
MISSED = {
	"fieldname": "st_missed",
	"fieldtype": "Check",
	"label": "Missed (Due Before the Return)",
	"insert_after": "st_ended",
	"read_only": 1,
	"allow_on_submit": 1,
	"no_copy": 1,
}


def execute():
	create_custom_field("Maintenance Schedule Detail", MISSED)
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	visits = (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(
			detail.name, detail.serial_no, detail.scheduled_date, parent.st_delivery_type, parent.st_delivery
		)
		.where(
			(detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (parent.docstatus == 1)
			& parent.st_delivery.isnotnull()
		)
	).run(as_dict=True)
	returned_on = {}  # (delivery, serial) -> when the unit came back
	for doctype, delivery in {(v.st_delivery_type, v.st_delivery) for v in visits}:
		if doctype not in ("Delivery Note", "Sales Invoice"):
			continue
		for serial, posting_date in returned_units(doctype, delivery):
			key = (delivery, serial)
			returned_on[key] = min(filter(None, (returned_on.get(key), getdate(posting_date))))
	ended, missed = [], []
	for visit in visits:
		back = returned_on.get((visit.st_delivery, visit.serial_no))
		if back:
			ended.append(visit.name)
			if getdate(visit.scheduled_date) < back:
				missed.append(visit.name)
	if ended:
		frappe.qb.update(detail).set(detail.st_ended, 1).set(detail.st_overdue, 0).where(
			detail.name.isin(ended)
		).run()
	if missed:
		frappe.qb.update(detail).set(detail.st_missed, 1).where(detail.name.isin(missed)).run()


def returned_units(doctype: str, delivery: str) -> list[tuple[str, str]]:
	"""(serial, return date) of the units submitted returns against ``delivery`` brought back."""
	voucher = frappe.qb.DocType(doctype)
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	return (
		frappe.qb.from_(voucher)
		.join(bundle)
		.on((bundle.voucher_type == doctype) & (bundle.voucher_no == voucher.name))
		.join(entry)
		.on(entry.parent == bundle.name)
		.select(entry.serial_no, voucher.posting_date)
		.where(
			(voucher.is_return == 1)
			& (voucher.docstatus == 1)
			& (voucher.return_against == delivery)
			& (bundle.is_cancelled == 0)
			& (bundle.docstatus == 1)
			& (bundle.type_of_transaction == "Inward")
			& entry.serial_no.isnotnull()
		)
	).run()
