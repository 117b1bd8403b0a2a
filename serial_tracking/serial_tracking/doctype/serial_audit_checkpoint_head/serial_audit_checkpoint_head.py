from serial_tracking.platform.append_only import AppendOnly
from serial_tracking.platform.core.i18n import _


class SerialAuditCheckpointHead(AppendOnly):
	"""A chain head a checkpoint recorded; written only by the app (in bulk), never changed."""

	refusal = _("The chain heads of a checkpoint are written with it, and can never be changed or deleted.")
	refusal_title = _("Audit trail")


def on_doctype_update():
	import frappe

	frappe.db.add_index("Serial Audit Checkpoint Head", ["serial_no", "checkpoint"])
