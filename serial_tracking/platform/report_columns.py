"""Report columns the way Frappe's script reports declare them."""

# Widths a value of the type needs whatever the report asks (dates and times in any date format);
# the desk widens a column further to its longest value on screen (public/js/reports.js).
AT_LEAST = {"Date": 115, "Datetime": 180}
# Text is read from the left even when it is all digits (a serial such as 725000012).
LEFT = {"Data", "Link", "Dynamic Link"}


def column(
	label: str, fieldname: str, fieldtype: str = "Data", options: str | None = None, width: int = 120
) -> dict:
	return {
		"label": label,
		"fieldname": fieldname,
		"fieldtype": fieldtype,
		"options": options,
		"width": max(width, AT_LEAST.get(fieldtype, 0)),
		**({"align": "left"} if fieldtype in LEFT else {}),
	}
