"""Fields on Serial No: the unit's lifecycle, custodian, vendor warranty, maker serial, life summary and
history.

The form leads with what a user looks for: ERPNext's first section (serial, item, warehouse, status) with
the lifecycle status, condition, custodian and due date beside its status; the maker serial and the
business's own attributes follow in their section, the life summary after them (collapsed)."""

from serial_tracking.platform import compat
from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import lifecycle

SERIAL_NO = [
	{
		"fieldname": "st_lifecycle_status",
		"fieldtype": "Select",
		"label": _("Lifecycle Status"),
		"options": "\n" + "\n".join(lifecycle.STATUSES),
		"insert_after": "status",
		"read_only": 1,
		"in_list_view": 0,  # the list's status indicator shows it (serial_no_list.js)
		"in_standard_filter": 1,
		"search_index": 1,
		"no_copy": 1,
		"description": _(
			"Where the unit is in its life, beside ERPNext's own status; set by stock movements and unit actions."
		),
	},
	{
		"fieldname": "st_condition",
		"fieldtype": "Select",
		"label": _("Condition"),
		"options": "\n" + "\n".join(lifecycle.CONDITIONS),
		"insert_after": "st_lifecycle_status",
		"read_only": 1,
		"in_standard_filter": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "st_custodian_type",
		"fieldtype": "Select",
		"label": _("Custodian Type"),
		"options": "\n" + "\n".join(lifecycle.CUSTODIAN_TYPES),
		"insert_after": "st_condition",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "st_custodian",
	},
	{
		"fieldname": "st_custodian",
		"fieldtype": "Dynamic Link",
		"label": _("Custodian"),
		"options": "st_custodian_type",
		"insert_after": "st_custodian_type",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "st_custodian",
	},
	{
		"fieldname": "st_due_date",
		"fieldtype": "Date",
		"label": _("Due Back"),
		"insert_after": "st_custodian",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "st_custodian",
	},
	{
		"fieldname": "st_vendor_warranty_expiry",
		"fieldtype": "Date",
		"label": _("Vendor Warranty Expiry"),
		"insert_after": "amc_expiry_date",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "st_maker_serial",
		"fieldtype": "Data",
		"label": _("Maker Serial"),
		"insert_after": "st_attributes_section",
		"search_index": 1,
		"in_standard_filter": 1,
		"in_global_search": 1,
		"no_copy": 1,
		"description": _("The manufacturer's serial number of this unit."),
	},
	{
		"fieldname": "st_attributes_section",
		"fieldtype": "Section Break",
		"label": _("Unit Attributes"),
		"insert_after": compat.serial_no_details_last_field(),
		"description": _(
			"Fields your business adds to units (Customize Form) go here, after Unit Attributes."
		),
	},
	{
		"fieldname": "st_life_section",
		"fieldtype": "Section Break",
		"label": _("Life Summary"),
		"insert_after": "st_maker_serial",
		"collapsible": 1,
	},
	{
		"fieldname": "st_first_received",
		"fieldtype": "Datetime",
		"label": _("First Received"),
		"insert_after": "st_life_section",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "st_last_departed",
		"fieldtype": "Datetime",
		"label": _("Last Left Stock"),
		"insert_after": "st_first_received",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "st_turns",
		"fieldtype": "Int",
		"label": _("Turns"),
		"insert_after": "st_last_departed",
		"read_only": 1,
		"no_copy": 1,
		"description": _("Times the unit went out to a customer or custodian (deliveries and check-outs)."),
	},
	{
		"fieldname": "st_history_section",
		"fieldtype": "Section Break",
		"label": _("Unit History"),
		"insert_after": compat.serial_no_last_field(),
		"collapsible": 0,
	},
	{
		"fieldname": "st_history_html",
		"fieldtype": "HTML",
		"label": _("History"),
		"insert_after": "st_history_section",
	},
]
