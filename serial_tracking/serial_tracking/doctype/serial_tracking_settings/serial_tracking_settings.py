import frappe
from frappe import _
from frappe.model.document import Document

from serial_tracking.services import prepared_reports


class SerialTrackingSettings(Document):
	def validate(self):
		if self.label_width_mm <= 0 or self.label_height_mm <= 0:
			frappe.throw(_("Label width and height must be greater than zero."))

	def on_update(self):
		prepared_reports.apply(self.prepared_reports)
