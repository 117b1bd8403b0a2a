import frappe

from serial_tracking.api import arguments
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.messages import translate
from serial_tracking.series import tracking_mode
from serial_tracking.series.core import tracking


@frappe.whitelist()
@frappe.read_only()
def mode_switch_blocker(item_code: str, new_mode: str) -> str | None:
	"""Why editing ``item_code`` to ``new_mode`` would be refused, translated; None when it is allowed."""
	doc = frappe.get_doc("Item", arguments.record("Item", item_code))
	doc.check_permission("write")
	try:
		tracking_mode.check_switch(doc, tracking.mode_of(doc.st_tracking_mode, doc.has_serial_no), new_mode)
	except RuleError as error:
		return translate(error)
	return None
