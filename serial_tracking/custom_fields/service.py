"""Fields on ERPNext's maintenance and warranty doctypes, and the reminder key of the ToDos the app makes."""

from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import lifecycle

SERVICE = {
	"Maintenance Schedule": [
		{
			"fieldname": "st_delivery_type",
			"fieldtype": "Link",
			"label": _("Delivery Type"),
			"options": "DocType",
			"insert_after": "transaction_date",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "st_delivery",
			"fieldtype": "Dynamic Link",
			"label": _("Delivery"),
			"options": "st_delivery_type",
			"insert_after": "st_delivery_type",
			"read_only": 1,
			"no_copy": 1,
			"description": _("The delivery of serialized units that made this schedule."),
		},
	],
	"Maintenance Schedule Detail": [
		{
			"fieldname": "st_overdue",
			"fieldtype": "Check",
			"label": _("Overdue"),
			"insert_after": "completion_status",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "st_ended",
			"fieldtype": "Check",
			"label": _("Ended (Unit Returned)"),
			"insert_after": "st_overdue",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "st_missed",
			"fieldtype": "Check",
			"label": _("Missed (Due Before the Return)"),
			"insert_after": "st_ended",
			"read_only": 1,
			"allow_on_submit": 1,
			"no_copy": 1,
		},
	],
	"Maintenance Visit Purpose": [
		{
			"fieldname": "st_labour_cost",
			"fieldtype": "Currency",
			"label": _("Labour Cost"),
			"insert_after": "work_done",
			"non_negative": 1,
		},
		{
			"fieldname": "st_parts_cost",
			"fieldtype": "Currency",
			"label": _("Parts Cost"),
			"insert_after": "st_labour_cost",
			"non_negative": 1,
		},
		{
			"fieldname": "st_condition",
			"fieldtype": "Select",
			"label": _("Unit Condition After"),
			"options": "\n" + "\n".join(lifecycle.CONDITIONS),
			"insert_after": "st_parts_cost",
		},
	],
	"Maintenance Visit": [
		{
			"fieldname": "st_part_swaps",
			"fieldtype": "Table",
			"label": _("Part Swaps"),
			"options": "Serial Part Swap",
			"insert_after": "purposes",
			"description": _(
				"A part taken out of a unit and the one put in: moved through Stock Entries when the visit is submitted."
			),
		},
	],
	"Warranty Claim": [
		{
			"fieldname": "st_part_swaps_section",
			"fieldtype": "Section Break",
			"label": _("Part Swaps"),
			"insert_after": "resolution_details",
			"depends_on": "serial_no",
		},
		{
			"fieldname": "st_part_swaps",
			"fieldtype": "Table",
			"label": _("Part Swaps"),
			"options": "Serial Part Swap",
			"insert_after": "st_part_swaps_section",
			"description": _(
				"A part taken out of the unit and the one put in: moved through Stock Entries when the claim is saved."
			),
		},
		{
			"fieldname": "st_vendor_section",
			"fieldtype": "Section Break",
			"label": _("Vendor Warranty"),
			"insert_after": "amc_expiry_date",
			"depends_on": "serial_no",
		},
		{
			"fieldname": "st_vendor_warranty_expiry",
			"fieldtype": "Date",
			"label": _("Vendor Warranty Expiry"),
			"insert_after": "st_vendor_section",
			"read_only": 1,
		},
		{
			"fieldname": "st_vendor_warranty_status",
			"fieldtype": "Data",
			"label": _("Vendor Warranty Status"),
			"insert_after": "st_vendor_warranty_expiry",
			"read_only": 1,
		},
		{
			"fieldname": "st_vendor_column",
			"fieldtype": "Column Break",
			"insert_after": "st_vendor_warranty_status",
		},
		{
			"fieldname": "st_vendor",
			"fieldtype": "Link",
			"label": _("Claim Against Supplier"),
			"options": "Supplier",
			"insert_after": "st_vendor_column",
			"read_only": 1,
		},
		{
			"fieldname": "st_vendor_receipt_type",
			"fieldtype": "Link",
			"label": _("Receipt Type"),
			"options": "DocType",
			"insert_after": "st_vendor",
			"read_only": 1,
		},
		{
			"fieldname": "st_vendor_receipt",
			"fieldtype": "Dynamic Link",
			"label": _("Receipt"),
			"options": "st_vendor_receipt_type",
			"insert_after": "st_vendor_receipt_type",
			"read_only": 1,
		},
	],
	# The reminder a ToDo is (overdue check-out of a unit, a visit due): one open ToDo per reminder.
	"ToDo": [
		{
			"fieldname": "st_reminder",
			"fieldtype": "Data",
			"label": _("Serial Tracking Reminder"),
			"insert_after": "reference_name",
			"read_only": 1,
			"hidden": 1,
			"no_copy": 1,
			"search_index": 1,
		},
	],
}
