"""The app's heavy reports as Frappe prepared reports (queued, computed by a worker, shown when ready),
switched on for large sites in Serial Tracking Settings."""

import frappe
from frappe.utils import cint

HEAVY = ("Serial Profitability", "Serial Integrity Check", "Unit Utilization", "Recall Trace")


def apply(enabled: bool | None = None) -> None:
	"""Mark the heavy reports prepared (or not) as the setting says; re-applied on every migrate, since
	syncing a report's JSON resets the flag."""
	if enabled is None:
		enabled = cint(frappe.db.get_single_value("Serial Tracking Settings", "prepared_reports"))
	report = frappe.qb.DocType("Report")
	frappe.qb.update(report).set(report.prepared_report, int(bool(enabled))).where(
		report.name.isin(HEAVY)
	).run()
	for name in HEAVY:
		frappe.clear_document_cache("Report", name)
