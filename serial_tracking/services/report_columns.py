"""Report columns the way Frappe's script reports declare them."""

# Widths a value of the type needs whatever the report asks (dates and times in any date format);
# the desk widens a column further to its longest value on screen (public/js/reports.js).
AT_LEAST = {"Date": 110, "Datetime": 165}


def column(
	label: str, fieldname: str, fieldtype: str = "Data", options: str | None = None, width: int = 120
) -> dict:
	width = max(width, AT_LEAST.get(fieldtype, 0))
	return {
		"label": label,
		"fieldname": fieldname,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
	}
