import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from serial_tracking.counting import posting, unit_count
from serial_tracking.counting.core import count_rules
from serial_tracking.platform import field_checks


class UnitCount(field_checks.CheckedFields, Document):
	def validate(self):
		field_checks.check(self)
		unit_count.validate(self)

	def before_insert(self):
		self.status = count_rules.OPEN
		self.started_at = now_datetime()

	def after_insert(self):
		unit_count.start(self)

	def before_submit(self):
		posting.check(self)

	def on_submit(self):
		posting.post(self)

	def on_cancel(self):
		posting.undo(self)

	def on_trash(self):
		"""A draft count goes with its snapshot and scans."""
		for doctype in (unit_count.SCAN, unit_count.UNIT):
			frappe.db.delete(doctype, {"unit_count": self.name})
