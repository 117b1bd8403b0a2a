import json

import frappe
from frappe import _

from serial_tracking.gs1 import labels as gs1_labels
from serial_tracking.gs1.core import symbols
from serial_tracking.series import labels

GS1_RENDER = "serial_tracking.gs1.labels.render"


def gs1_renderer() -> str | None:
	"""The GS1 sheet's renderer when the label choice is a GS1 symbol, else None (Code128 + QR)."""
	return GS1_RENDER if gs1_labels.kind() in symbols.GS1_KINDS else None


def resolve(
	serials: str | list[str] | None = None, voucher_type: str | None = None, voucher_no: str | None = None
) -> list[str]:
	if voucher_type and voucher_no:
		frappe.get_doc(voucher_type, voucher_no).check_permission("read")
		found = labels.voucher_serials(voucher_type, voucher_no)
	else:
		found = json.loads(serials) if isinstance(serials, str) else list(serials or [])
		frappe.has_permission("Serial No", "read", throw=True)
	if not found:
		frappe.throw(_("There are no serial numbers to print."), title=_("Labels"))
	return found


@frappe.whitelist()
def prepare(
	serials: str | list[str] | None = None, voucher_type: str | None = None, voucher_no: str | None = None
) -> dict:
	"""Small sheets are downloaded at once; large ones are built in the background with a progress bar."""
	found = resolve(serials, voucher_type, voucher_no)
	threshold = labels.settings().label_background_threshold or 0
	if threshold and len(found) > threshold:
		job = frappe.enqueue(
			"serial_tracking.series.labels.build_sheet",
			queue="long",
			timeout=3600,
			serials=found,
			user=frappe.session.user,
			renderer=gs1_renderer(),
		)
		return {"count": len(found), "background": True, "job_id": job.id if job else None}
	return {"count": len(found), "background": False}


@frappe.whitelist()
@frappe.read_only()
def download(
	serials: str | list[str] | None = None, voucher_type: str | None = None, voucher_no: str | None = None
):
	"""The label sheet as one PDF download."""
	found = resolve(serials, voucher_type, voucher_no)
	frappe.local.response.filename = f"serial-labels-{voucher_no or len(found)}.pdf"
	renderer = gs1_renderer()
	frappe.local.response.filecontent = gs1_labels.sheet_pdf(found) if renderer else labels.sheet_pdf(found)
	frappe.local.response.type = "pdf"
