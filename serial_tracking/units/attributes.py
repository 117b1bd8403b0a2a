"""The fields a business adds to Serial No (custom fields), shown beside the app's own in its reports."""

import frappe
from frappe.model import no_value_fields


def attribute_fields() -> list:
	"""Serial No custom fields that hold a value and are not the app's (``st_``)."""
	return [
		df
		for df in frappe.get_meta("Serial No").fields
		if df.get("is_custom_field")
		and not df.fieldname.startswith("st_")
		and df.fieldtype not in no_value_fields
	]


def columns() -> list[dict]:
	return [
		{
			"label": df.label,
			"fieldname": df.fieldname,
			"fieldtype": df.fieldtype,
			"options": df.options,
			"width": 120,
		}
		for df in attribute_fields()
	]


def select(query, unit_table):
	"""Add the attribute columns of the joined Serial No table ``unit_table`` to ``query``."""
	for df in attribute_fields():
		query = query.select(unit_table[df.fieldname])
	return query
