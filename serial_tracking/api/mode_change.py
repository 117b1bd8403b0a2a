import frappe

from serial_tracking.api import arguments
from serial_tracking.series import mode_change


@frappe.whitelist(methods=["POST"])
def convert(name: str) -> dict:
	"""Submit a Tracking Mode Change: now when small, as a background job with a progress bar when large."""
	name = arguments.record("Tracking Mode Change", name)
	doc = frappe.get_doc("Tracking Mode Change", name)
	doc.check_permission("submit")
	doc.validate()  # refuse at once what the job would refuse
	if mode_change.runs_in_background(doc):
		doc.db_set({"status": "Queued", "error": None})
		frappe.enqueue(
			"serial_tracking.series.mode_change.run",
			queue="long",
			timeout=7200,
			name=name,
			user=frappe.session.user,
			enqueue_after_commit=True,
		)
		return {"queued": True}
	doc.submit()
	return {"queued": False}
