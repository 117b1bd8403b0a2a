import frappe
from frappe.model.document import Document


class UnitImportRow(Document):
	"""Written in bulk when a Unit Import reads its file; read-only everywhere else."""


def on_doctype_update():
	frappe.db.add_index("Unit Import Row", ["unit_import", "row_no"])
