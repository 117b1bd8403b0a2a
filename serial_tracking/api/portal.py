"""The customer's portal (www/my-units): report a problem with one of their units."""

import frappe
from frappe.rate_limiter import rate_limit

from serial_tracking.customers import portal


@frappe.whitelist(methods=["POST"])
@rate_limit(key="serial_no", limit=20, seconds=3600)
def report_problem(serial_no: str, complaint: str) -> str:
	"""Open a Warranty Claim on one of the user's customer's units; the claim's name. At most 20 reports
	of one unit an hour from one address (customers of one office share their address)."""
	return portal.report_problem(serial_no, complaint)
