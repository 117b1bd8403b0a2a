from serial_tracking.platform.append_only import AppendOnly
from serial_tracking.platform.core.i18n import _


class SerialAuditCheckpoint(AppendOnly):
	"""A signed checkpoint of every unit's chain; written only by the app (in bulk), never changed."""

	refusal = _(
		"Audit checkpoints are written only by the app (daily, or with Write Checkpoint Now), and can never be changed or deleted."
	)
	refusal_title = _("Audit trail")


def on_doctype_update():
	import frappe

	frappe.db.add_unique("Serial Audit Checkpoint", ["number"], constraint_name="unique_checkpoint_number")
