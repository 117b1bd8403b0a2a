import frappe
from frappe import _
from frappe.model.document import Document


class SerialUnitLink(Document):
	"""A component unit in a unit (see services/genealogy.py). Links are written only by the stock
	entries that assemble, repair or take units apart; no user may create, change or delete one."""

	def before_insert(self):
		refuse()

	def validate(self):
		refuse()

	def on_trash(self):
		refuse()


def refuse():
	frappe.throw(
		_("Component links are written only by assembly, repair and disassembly entries."),
		frappe.PermissionError,
		title=_("Components"),
	)


def on_doctype_update():
	frappe.db.add_index("Serial Unit Link", ["voucher_no", "voucher_type"])
	frappe.db.add_index("Serial Unit Link", ["ended_by"])
