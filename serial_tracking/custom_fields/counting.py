"""Fields for unit counts: how often units must be counted (per warehouse, per item group and its
subgroups), and when a unit or warehouse was last counted."""

from serial_tracking.platform.core.i18n import _

EVERY_DAYS = {
	"fieldname": "st_count_every_days",
	"fieldtype": "Int",
	"label": _("Count Units Every (Days)"),
	"non_negative": 1,
	"description": _(
		"How often the serialized units here must be counted with a Unit Count (0: no schedule). "
		"A unit is due after the shorter of its warehouse's and its item group's intervals."
	),
}

WAREHOUSE = [
	{
		"fieldname": "st_count_section",
		"fieldtype": "Section Break",
		"label": _("Unit Counts"),
		"insert_after": "default_in_transit_warehouse",
		"collapsible": 1,
	},
	{**EVERY_DAYS, "insert_after": "st_count_section"},
	{
		"fieldname": "st_count_reminder_to",
		"fieldtype": "Link",
		"options": "User",
		"label": _("Remind"),
		"insert_after": "st_count_every_days",
		"description": _(
			"Who gets the daily reminder when units here are due for a count (else Administrator)."
		),
	},
	{
		"fieldname": "st_count_column",
		"fieldtype": "Column Break",
		"insert_after": "st_count_reminder_to",
	},
	{
		"fieldname": "st_last_counted",
		"fieldtype": "Date",
		"label": _("Last Counted"),
		"insert_after": "st_count_column",
		"read_only": 1,
		"no_copy": 1,
	},
]

ITEM_GROUP = [
	{
		"fieldname": "st_count_section",
		"fieldtype": "Section Break",
		"label": _("Unit Counts"),
		"insert_after": "st_vendor_warranty_days",
		"collapsible": 1,
	},
	{
		**EVERY_DAYS,
		"insert_after": "st_count_section",
		"description": _(
			"How often serialized units of this group and its subgroups must be counted (0: as the parent group)."
		),
	},
]

SERIAL_NO = [
	{
		"fieldname": "st_last_counted",
		"fieldtype": "Date",
		"label": _("Last Counted"),
		"insert_after": "st_turns",
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
	},
]
