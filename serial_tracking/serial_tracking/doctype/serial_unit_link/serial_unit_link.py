import frappe

from serial_tracking.platform.append_only import AppendOnly
from serial_tracking.platform.core.i18n import _


class SerialUnitLink(AppendOnly):
	"""A component unit in a unit (see genealogy/unit_links.py). Links are written only by the stock
	entries that assemble, repair or take units apart; no user may create, change or delete one."""

	refusal = _("Component links are written only by assembly, repair and disassembly entries.")
	refusal_title = _("Components")


def on_doctype_update():
	frappe.db.add_index("Serial Unit Link", ["voucher_no", "voucher_type"])
	frappe.db.add_index("Serial Unit Link", ["ended_by"])
