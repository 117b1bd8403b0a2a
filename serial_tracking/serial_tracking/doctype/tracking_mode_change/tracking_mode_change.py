import frappe
from frappe import _
from frappe.model.document import Document

from serial_tracking.platform import field_checks
from serial_tracking.series import mode_change


class TrackingModeChange(field_checks.CheckedFields, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from serial_tracking.serial_tracking.doctype.tracking_mode_change_warehouse.tracking_mode_change_warehouse import (
			TrackingModeChangeWarehouse,
		)

		amended_from: DF.Link | None
		company: DF.Link
		error: DF.SmallText | None
		from_mode: DF.Data | None
		issue_entry: DF.Link | None
		item_code: DF.Link
		naming_series: DF.Literal["ST-TMC-.YYYY.-"]
		posting_date: DF.Date | None
		receipt_entry: DF.Link | None
		status: DF.Literal["Draft", "Queued", "Completed", "Failed", "Cancelled"]
		to_mode: DF.Literal["", "Quantity", "Serialized"]
		warehouses: DF.Table[TrackingModeChangeWarehouse]

	# end: auto-generated types
	def validate(self):
		field_checks.check(self)
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
