import frappe

from serial_tracking.services.audit_verify import verify_chains

SHOWN = 200


@frappe.whitelist()
def verify(serial_no: str | None = None) -> dict:
	"""Verify the audit chains (one unit's, or all) and report every break found."""
	frappe.has_permission("Serial Audit Event", "read", throw=True)
	problems = verify_chains([serial_no] if serial_no else None, progress=not serial_no)
	return {
		"broken_units": len({p.serial_no for p in problems}),
		"problems": [p.__dict__ for p in problems[:SHOWN]],
		"more": max(0, len(problems) - SHOWN),
	}
