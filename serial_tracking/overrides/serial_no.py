from frappe import _


def get_dashboard_data(data):
	"""Serial No connections: the unit's audit events and its component links beside ERPNext's own."""
	fieldnames = data.setdefault("non_standard_fieldnames", {})
	fieldnames["Serial Audit Event"] = "serial_no"
	fieldnames["Serial Unit Link"] = "unit"
	data.setdefault("transactions", []).extend(
		[
			{"label": _("Audit Trail"), "items": ["Serial Audit Event"]},
			{"label": _("Components"), "items": ["Serial Unit Link"]},
		]
	)
	return data
