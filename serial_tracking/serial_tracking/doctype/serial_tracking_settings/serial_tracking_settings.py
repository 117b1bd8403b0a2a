import frappe
from frappe import _
from frappe.model.document import Document

from serial_tracking.platform import prepared_reports


class SerialTrackingSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		label_background_threshold: DF.Int
		label_height_mm: DF.Float
		label_show_maker_serial: DF.Check
		label_show_qr: DF.Check
		label_width_mm: DF.Float
		maintenance_background_threshold: DF.Int
		maintenance_reminder_days: DF.Int
		mode_change_background_threshold: DF.Int
		prepared_reports: DF.Check

	# end: auto-generated types
	def validate(self):
		if self.label_width_mm <= 0 or self.label_height_mm <= 0:
			frappe.throw(_("Label width and height must be greater than zero."))

	def on_update(self):
		prepared_reports.apply(self.prepared_reports)
