import frappe
from frappe import _
from frappe.model.document import Document

from serial_tracking.services import mode_change


class TrackingModeChange(Document):
	def validate(self):
		mode_change.validate(self)
		if self.docstatus == 0:
			self.status = "Draft"

	def before_submit(self):
		if mode_change.runs_in_background(self) and not frappe.flags.st_mode_change_job:
			frappe.throw(
				_("{0} units are on hand: use Convert, which runs the change in the background.").format(
					mode_change.units(self)
				),
				title=_("Tracking Mode Change"),
			)

	def on_submit(self):
		mode_change.convert(self)

	def on_cancel(self):
		mode_change.undo(self)
