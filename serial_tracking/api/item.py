import frappe

from serial_tracking.api import arguments
from serial_tracking.core import tracking
from serial_tracking.core.errors import RuleError
from serial_tracking.messages import translate
from serial_tracking.services import tracking_mode
from serial_tracking.services.erpnext_internals import linked_submitted_voucher


@frappe.whitelist()
@frappe.read_only()
def mode_switch_blocker(item_code: str, new_mode: str) -> str | None:
	"""Why editing ``item_code`` to ``new_mode`` would be refused, translated; None when it is allowed."""
	doc = frappe.get_doc("Item", arguments.record("Item", item_code))
	doc.check_permission("write")
	before_mode = tracking.mode_of(doc.st_tracking_mode, doc.has_serial_no)
	try:
		tracking.check_mode_switch(
			before_mode,
			new_mode,
			item_code=doc.name,
			linked_voucher=linked_submitted_voucher(doc),
			variant_with_stock=doc.has_variants and tracking_mode.variant_with_stock(doc.name),
		)
	except RuleError as error:
		return translate(error)
	return None
