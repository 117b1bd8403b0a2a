"""Records the app writes in bulk and nobody may change: an audit event, a checkpoint and its heads, a
component link. Through the desk, REST or ``frappe.client`` no role may create, change, rename or delete
one; each doctype says so in its own words (:attr:`AppendOnly.refusal`)."""

import frappe
from frappe.model.document import Document

from serial_tracking.platform.core.i18n import _


class AppendOnly(Document):
	refusal = _("These records are written only by the app, and can never be changed or deleted.")
	refusal_title = _("Not allowed")

	def before_insert(self):
		self.refuse()

	def validate(self):
		self.refuse()

	def on_trash(self):
		self.refuse()

	def before_rename(self, old, new, merge=False):
		self.refuse()

	def refuse(self):
		# the class's words, marked for translation where they are written, translated for the user here
		frappe.throw(frappe._(self.refusal), frappe.PermissionError, title=frappe._(self.refusal_title))
