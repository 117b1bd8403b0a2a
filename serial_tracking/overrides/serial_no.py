from frappe import _


def get_dashboard_data(data):
	"""Serial No connections: the unit's audit events beside ERPNext's own links."""
	data.setdefault("non_standard_fieldnames", {})["Serial Audit Event"] = "serial_no"
	data.setdefault("transactions", []).append({"label": _("Audit Trail"), "items": ["Serial Audit Event"]})
	return data
