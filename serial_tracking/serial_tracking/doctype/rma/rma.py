from frappe.model.document import Document

from serial_tracking.customers import rma


class RMA(Document):
	def validate(self):
		rma.validate(self)

	def after_insert(self):
		rma.after_insert(self)

	def on_trash(self):
		rma.on_trash(self)
