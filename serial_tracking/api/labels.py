import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.gs1 import labels as gs1_labels
from serial_tracking.gs1.core import symbols
from serial_tracking.series import labels

# the stock transactions whose forms have Print Labels (public/js/stock_voucher.js)
VOUCHERS = (
	"Purchase Receipt",
	"Purchase Invoice",
	"Subcontracting Receipt",
	"Stock Entry",
	"Stock Reconciliation",
)
GS1_RENDER = "serial_tracking.gs1.labels.render"


def gs1_renderer() -> str | None:
	"""The GS1 sheet's renderer when the label choice is a GS1 symbol, else None (Code128 + QR)."""
	return GS1_RENDER if gs1_labels.kind() in symbols.GS1_KINDS else None


def resolve(
	serials: str | list[str] | None = None, voucher_type: str | None = None, voucher_no: str | None = None
) -> list[str]:
	"""The serials to print: a voucher's (both ``voucher_type`` and ``voucher_no`` given) or ``serials``
	(a JSON list, one per line, or a single serial)."""
	if voucher_type or voucher_no:
		voucher_type = arguments.doctype(voucher_type, VOUCHERS, _("Voucher Type"))
		voucher_no = arguments.record(voucher_type, voucher_no, _("Voucher No"))
		frappe.get_doc(voucher_type, voucher_no).check_permission("read")
		found = labels.voucher_serials(voucher_type, voucher_no)
	else:
		frappe.has_permission("Serial No", "read", throw=True)
		found = arguments.existing_serials(serials, _("Serial numbers"))
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
