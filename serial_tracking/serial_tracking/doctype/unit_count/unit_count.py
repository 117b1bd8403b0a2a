import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from serial_tracking import field_checks
from serial_tracking.core import counting
from serial_tracking.services import unit_count, unit_count_posting


class UnitCount(field_checks.CheckedFields, Document):
	def validate(self):
		field_checks.check(self)
		unit_count.validate(self)

	def before_insert(self):
		self.status = counting.OPEN
		self.started_at = now_datetime()

	def after_insert(self):
		unit_count.start(self)

	def before_submit(self):
		unit_count_posting.check(self)

	def on_submit(self):
		unit_count_posting.post(self)

	def on_cancel(self):
		unit_count_posting.undo(self)

	def on_trash(self):
		"""A draft count goes with its snapshot and scans."""
		for doctype in (unit_count.SCAN, unit_count.UNIT):
			frappe.db.delete(doctype, {"unit_count": self.name})
