import frappe
from frappe import _

from serial_tracking.services import audit_verify


@frappe.whitelist()
@frappe.read_only()
def verify(serial_no: str | None = None) -> dict:
	"""Verify one unit's audit chain now, or every unit's in a background job (the outcome is pushed to
	the desk when it is done: event ``st_verify_done``)."""
	frappe.has_permission("Serial Audit Event", "read", throw=True)
	if serial_no:
		return audit_verify.report(audit_verify.verify_chains([serial_no]))
	job = frappe.enqueue(
		"serial_tracking.services.audit_verify.run",
		queue="long",
		timeout=7200,
		job_id="serial_tracking_verify",
		deduplicate=True,
		user=frappe.session.user,
	)
	return {"queued": bool(job), "message": None if job else _("A verification is already running.")}
