from frappe.model.document import Document

from serial_tracking.customers import rma
from serial_tracking.platform import field_checks


class RMA(field_checks.CheckedFields, Document):
	def validate(self):
		field_checks.check(self)
		rma.validate(self)

	def after_insert(self):
		rma.after_insert(self)

	def on_trash(self):
		rma.on_trash(self)
