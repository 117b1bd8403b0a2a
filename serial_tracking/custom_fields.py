"""Every field and property the app adds to ERPNext's doctypes, declared once.

``install.py`` creates them on install, re-applies them on migrate and removes them on uninstall.
All field names start with ``st_``.
"""

from serial_tracking.core.i18n import _
from serial_tracking.core.tracking import MODES, QUANTITY, SERIALIZED, SOURCE_MANUAL, SOURCES

SERIALIZED_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}'"
GENERATING_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}' && doc.st_serial_source!='{SOURCE_MANUAL}'"

CUSTOM_FIELDS = {
	"Item": [
		{
			"fieldname": "st_tracking_section",
			"fieldtype": "Section Break",
			"label": _("Tracking"),
			"insert_after": "inventory_section",
		},
		{
			"fieldname": "st_tracking_mode",
			"fieldtype": "Select",
			"label": _("Tracking Mode"),
			"options": "\n".join(MODES),
			"default": QUANTITY,
			"in_standard_filter": 1,
			"in_list_view": 1,
			"insert_after": "st_tracking_section",
			"description": _(
				"Quantity keeps one count per warehouse. Serialized gives every unit its own Serial No "
				"with location, holder, condition, warranty and history: choose it for items that are "
				"high value, carry a maker serial, are loaned or rented, have a condition or per-unit "
				"warranty or service that matters, or are regulated."
			),
		},
		{
			"fieldname": "st_tracking_column",
			"fieldtype": "Column Break",
			"insert_after": "st_tracking_mode",
		},
		{
			"fieldname": "st_serial_source",
			"fieldtype": "Select",
			"label": _("Serials Arrive By"),
			"options": "\n" + "\n".join(SOURCES),
			"depends_on": SERIALIZED_ITEM,
			"mandatory_depends_on": SERIALIZED_ITEM,
			"insert_after": "st_tracking_column",
			"description": _(
				"Generate from series: every receipt takes serials from the series. Enter or scan: "
				"users type or scan each serial. Generate when left blank: serials entered are kept, "
				"blank rows are generated."
			),
		},
		{
			"fieldname": "st_series_template",
			"fieldtype": "Data",
			"label": _("Series Template"),
			"depends_on": GENERATING_ITEM,
			"insert_after": "st_serial_source",
			"description": _("For example {ITEM}-{YY}{MM}-{#####}"),
		},
	],
}

PROPERTY_SETTERS = [
	# has_serial_no follows the Tracking Mode; users set the mode, never the flag.
	{"doctype": "Item", "fieldname": "has_serial_no", "property": "read_only", "value": "1"},
	{
		"doctype": "Item",
		"fieldname": "has_serial_no",
		"property": "description",
		"value": _("Set by Tracking Mode"),
	},
]

# Item fields a variant takes from its template (ERPNext's Item Variant Settings).
VARIANT_FIELDS = ["st_tracking_mode", "st_serial_source", "st_series_template"]
