import frappe
from frappe.model.document import Document


class UnitCountScan(Document):
	"""Written one row per scan by ``serial_tracking.api.unit_count.scan``; read-only everywhere else."""


def on_doctype_update():
	frappe.db.add_index("Unit Count Scan", ["unit_count", "serial_no"])
	frappe.db.add_index("Unit Count Scan", ["unit_count", "code"])
