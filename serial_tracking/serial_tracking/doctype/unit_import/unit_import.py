from frappe.model.document import Document

from serial_tracking.platform import field_checks
from serial_tracking.unit_import import posting, preview, undo


class UnitImport(field_checks.CheckedFields, Document):
	def validate(self):
		field_checks.check(self)
		if not self.difference_account:
			self.difference_account = posting.default_account(self)
		preview.check(self)

	def before_submit(self):
		posting.check(self)

	def on_submit(self):
		posting.post(self)

	def on_cancel(self):
		undo.undo(self)

	def on_trash(self):
		"""A draft import goes with its rows."""
		preview.clear_rows(self.name)
