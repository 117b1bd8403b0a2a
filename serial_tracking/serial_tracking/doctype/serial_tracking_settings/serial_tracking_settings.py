import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from serial_tracking.gs1 import settings as gs1_settings
from serial_tracking.platform import field_checks, prepared_reports

LABEL_MM = 1000


class SerialTrackingSettings(field_checks.CheckedFields, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		gs1_company_prefix: DF.Data | None
		gs1_public_page: DF.Check
		gs1_report_limit: DF.Int
		gs1_resolver_host: DF.Data | None
		label_background_threshold: DF.Int
		label_height_mm: DF.Float
		label_show_maker_serial: DF.Check
		label_show_qr: DF.Check
		label_symbology: DF.Literal["Code128 + QR", "GS1 DataMatrix", "GS1-128", "GS1 Digital Link QR"]
		label_width_mm: DF.Float
		maintenance_background_threshold: DF.Int
		maintenance_reminder_days: DF.Int
		mode_change_background_threshold: DF.Int
		prepared_reports: DF.Check

	# end: auto-generated types
	def validate(self):
		field_checks.check(self)
		if flt(self.label_width_mm) <= 0 or flt(self.label_height_mm) <= 0:
			frappe.throw(_("Label width and height must be greater than zero."))
		if flt(self.label_width_mm) > LABEL_MM or flt(self.label_height_mm) > LABEL_MM:
			frappe.throw(_("Label width and height can be at most {0} mm.").format(LABEL_MM))
		for field in (
			"label_background_threshold",
			"maintenance_background_threshold",
			"maintenance_reminder_days",
			"mode_change_background_threshold",
			"count_background_threshold",
		):
			if cint(self.get(field)) < 0:
				frappe.throw(
					_("{0} cannot be negative.").format(_(self.meta.get_label(field))),
					field_checks.FieldValueError,
				)
		gs1_settings.validate(self)

	def on_update(self):
		prepared_reports.apply(self.prepared_reports)
