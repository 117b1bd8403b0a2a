"""GS1 for the desk and the public: EPCIS exports and problem reports from a unit's public page."""

from werkzeug.wrappers import Response

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from serial_tracking.api import arguments
from serial_tracking.gs1 import epcis_export, keys, problems

EXPORTABLE_VOUCHERS = ("Delivery Note", "Purchase Receipt")


def report_limit() -> int:
	return keys.settings().get("gs1_report_limit") or 0


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=report_limit, seconds=60 * 60)
def report_problem(path: str, description: str, email: str | None = None) -> str:
	"""A problem with the unit of a Digital Link path: a Warranty Claim (its customer, logged in) or an
	Issue; throttled per visitor (Serial Tracking Settings: reports per hour)."""
	if not report_limit():
		frappe.throw(_("Problems cannot be reported here."), frappe.PermissionError)
	return problems.report(path, description, email)


def selection(
	serial_no: str | None, voucher_type: str | None, voucher_no: str | None, recall_filters: dict | str | None
) -> tuple[list[str], str]:
	"""The units to export and a name for the file; refuses what the user may not read."""
	if serial_no not in (None, ""):
		serial_no = arguments.record("Serial No", serial_no)
		frappe.get_doc("Serial No", serial_no).check_permission("read")
		return [serial_no], serial_no
	if voucher_type or voucher_no:
		voucher_type = arguments.doctype(voucher_type, EXPORTABLE_VOUCHERS, _("Voucher Type"))
		voucher_no = arguments.record(voucher_type, voucher_no, _("Voucher No"))
		frappe.get_doc(voucher_type, voucher_no).check_permission("read")
		return epcis_export.voucher_units(voucher_type, voucher_no), voucher_no
	if recall_filters not in (None, ""):
		from serial_tracking.serial_tracking.report.recall_trace.recall_trace import RecallFilters, execute

		if not frappe.has_permission("Report", "read", "Recall Trace"):
			frappe.throw(_("You may not run the Recall Trace."), frappe.PermissionError)
		filters = arguments.json_object(recall_filters, _("Recall Trace filters"))
		for key, value in filters.items():
			if key not in RecallFilters.__annotations__ or not isinstance(
				value, str | int | float | bool | None
			):
				arguments.refuse(_("{0} is no filter of the Recall Trace.").format(key))
		data = execute(filters)[1]
		return list(dict.fromkeys(row["serial_no"] for row in data if row.get("serial_no"))), "recall-trace"
	frappe.throw(_("Choose a unit, a Delivery Note, a Purchase Receipt or a Recall Trace to export."))


@frappe.whitelist()
@frappe.read_only()
def export_epcis(
	serial_no: str | None = None,
	voucher_type: str | None = None,
	voucher_no: str | None = None,
	recall_filters: dict | str | None = None,
):
	"""The selection's history as an EPCIS 2.0 JSON-LD document, streamed as a download."""
	serials, label = selection(serial_no, voucher_type, voucher_no, recall_filters)
	chunks = epcis_export.stream(serials)
	return Response(
		(chunk.encode() for chunk in chunks),
		mimetype="application/ld+json",
		headers={"Content-Disposition": f'attachment; filename="{epcis_export.filename(label)}"'},
	)
