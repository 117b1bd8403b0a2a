import frappe
from frappe import _
from frappe.model.document import Document


class SerialAuditEvent(Document):
	"""An immutable event of a unit's history. Events are written only by the app, in bulk; no user or
	role may create, change or delete one through the desk, REST or frappe.client."""

	def before_insert(self):
		refuse()

	def validate(self):
		refuse()

	def on_trash(self):
		refuse()

	def before_rename(self, old, new, merge=False):
		refuse()


def refuse():
	frappe.throw(
		_(
			"Audit events are written only by stock transactions and unit actions, and can never be changed or deleted."
		),
		frappe.PermissionError,
		title=_("Audit trail"),
	)


def on_doctype_update():
	frappe.db.add_unique("Serial Audit Event", ["serial_no", "seq"], constraint_name="unique_serial_seq")
	frappe.db.add_index("Serial Audit Event", ["voucher_no", "voucher_type"])
