import frappe
from frappe.model.document import Document


class UnitCountUnit(Document):
	"""Written in bulk by the count itself (start, close); read-only everywhere else."""


def on_doctype_update():
	frappe.db.add_index("Unit Count Unit", ["unit_count", "serial_no"])
