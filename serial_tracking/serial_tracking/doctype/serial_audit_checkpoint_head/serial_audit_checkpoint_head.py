from frappe.model.document import Document

from serial_tracking.serial_tracking.doctype.serial_audit_event.serial_audit_event import refuse


class SerialAuditCheckpointHead(Document):
	"""A chain head a checkpoint recorded; written only by the app (in bulk), never changed."""

	def before_insert(self):
		refuse()

	def validate(self):
		refuse()

	def on_trash(self):
		refuse()


def on_doctype_update():
	import frappe

	frappe.db.add_index("Serial Audit Checkpoint Head", ["serial_no", "checkpoint"])
