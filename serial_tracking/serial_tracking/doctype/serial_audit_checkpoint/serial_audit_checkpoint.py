from frappe.model.document import Document

from serial_tracking.serial_tracking.doctype.serial_audit_event.serial_audit_event import refuse


class SerialAuditCheckpoint(Document):
	"""A signed checkpoint of every unit's chain; written only by the app (in bulk), never changed."""

	def before_insert(self):
		refuse()

	def validate(self):
		refuse()

	def on_trash(self):
		refuse()

	def before_rename(self, old, new, merge=False):
		refuse()


def on_doctype_update():
	import frappe

	frappe.db.add_unique("Serial Audit Checkpoint", ["number"], constraint_name="unique_checkpoint_number")
