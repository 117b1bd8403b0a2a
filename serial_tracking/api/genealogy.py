"""Desk calls for unit genealogy: a Stock Entry's component assignment, a unit's tree, and the return
of a part a repair took out to its supplier."""

import frappe

from serial_tracking.api import arguments
from serial_tracking.genealogy import assembly_plan, part_swaps, trace


@frappe.whitelist()
@frappe.read_only()
def assembly(stock_entry: str) -> dict:
	"""The finished units, consumed units and their assignment (or, once submitted, the links made)."""
	doc = frappe.get_doc("Stock Entry", arguments.record("Stock Entry", stock_entry))
	doc.check_permission("read")
	return assembly_plan.plan(doc)


@frappe.whitelist()
@frappe.read_only()
def unit_tree(serial_no: str) -> dict:
	serial_no = arguments.record("Serial No", serial_no)
	frappe.get_doc("Serial No", serial_no).check_permission("read")
	return trace.unit_tree(serial_no)


@frappe.whitelist()
def return_part_to_supplier(serial_no: str):
	"""A new (unsaved) return of the part to the supplier it came from, to review and submit."""
	serial_no = arguments.record("Serial No", serial_no)
	frappe.get_doc("Serial No", serial_no).check_permission("read")
	doc = part_swaps.return_to_supplier(serial_no)
	doc.check_permission("create")
	return doc
