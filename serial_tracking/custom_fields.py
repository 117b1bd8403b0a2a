"""Every field and property the app adds to ERPNext's doctypes, declared once.

``install.py`` creates them on install, re-applies them on migrate and removes them on uninstall.
All field names start with ``st_``.
"""

from serial_tracking.core import ledger, lifecycle, schedule
from serial_tracking.core.i18n import _
from serial_tracking.core.tracking import MODES, QUANTITY, SERIALIZED, SOURCE_MANUAL, SOURCES

SERIALIZED_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}'"
GENERATING_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}' && doc.st_serial_source!='{SOURCE_MANUAL}'"

PLAN_DESCRIPTION = _(
	"Serialized units delivered to a customer get an ERPNext Maintenance Schedule with one line per unit. "
	"Give a periodicity and either a number of visits or a duration."
)


def plan_fields(after: str, depends_on: str | None = None) -> list[dict]:
	"""The maintenance plan and the two warranties, on Item and (as defaults) on Item Group."""
	shown = {"depends_on": depends_on} if depends_on else {}
	return [
		{
			"fieldname": "st_maintenance_section",
			"fieldtype": "Section Break",
			"label": _("Maintenance and Warranty"),
			"insert_after": after,
			"collapsible": 1,
			"description": PLAN_DESCRIPTION,
			**shown,
		},
		{
			"fieldname": "st_maintenance_periodicity",
			"fieldtype": "Select",
			"label": _("Maintenance Periodicity"),
			"options": "\n" + "\n".join(schedule.PERIODICITIES),
			"insert_after": "st_maintenance_section",
		},
		{
			"fieldname": "st_maintenance_visits",
			"fieldtype": "Int",
			"label": _("Number of Visits"),
			"insert_after": "st_maintenance_periodicity",
			"non_negative": 1,
		},
		{
			"fieldname": "st_maintenance_months",
			"fieldtype": "Int",
			"label": _("Or Duration (Months)"),
			"insert_after": "st_maintenance_visits",
			"non_negative": 1,
		},
		{
			"fieldname": "st_maintenance_column",
			"fieldtype": "Column Break",
			"insert_after": "st_maintenance_months",
		},
		{
			"fieldname": "st_customer_warranty_days",
			"fieldtype": "Int",
			"label": _("Customer Warranty (Days)"),
			"insert_after": "st_maintenance_column",
			"non_negative": 1,
			"description": _("From delivery to the customer. Kept in step with ERPNext's Warranty Period."),
		},
		{
			"fieldname": "st_vendor_warranty_days",
			"fieldtype": "Int",
			"label": _("Vendor Warranty (Days)"),
			"insert_after": "st_customer_warranty_days",
			"non_negative": 1,
			"description": _(
				"From receipt from the supplier: defects in this window are claimed from the supplier."
			),
		},
	]


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
			"description": _(
				"Fixed text and tokens: {ITEM} {GROUP} {SUPPLIER} {WAREHOUSE} {WH} {ABBR} {FY} {YYYY} {YY} "
				"{MM} {DD} {WW}, one counter such as {#####}, and optionally a check character at the "
				"end: {CHECK:LUHN}, {CHECK:GS1} or {CHECK:MOD37_36}. Blank: the item group's template."
			),
		},
		{
			"fieldname": "st_series_preview",
			"fieldtype": "HTML",
			"label": _("Next Serials"),
			"depends_on": GENERATING_ITEM,
			"insert_after": "st_series_template",
		},
		*plan_fields("st_series_preview", SERIALIZED_ITEM),
	],
	"Item Group": [
		{
			"fieldname": "st_series_template",
			"fieldtype": "Data",
			"label": _("Serial Series Template"),
			"insert_after": "is_group",
			"description": _("Default series template for serialized items of this group and its subgroups."),
		},
		*plan_fields("st_series_template"),
	],
	"Serial No": [
		{
			"fieldname": "st_lifecycle_status",
			"fieldtype": "Select",
			"label": _("Lifecycle Status"),
			"options": "\n" + "\n".join(lifecycle.STATUSES),
			"insert_after": "status",
			"read_only": 1,
			"in_list_view": 1,
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
			"options": "\nEmployee\nCustomer",
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
			"insert_after": "serial_no",
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
			"insert_after": "st_maker_serial",
			"description": _(
				"Fields your business adds to units (Customize Form) go here, after Unit Attributes."
			),
		},
		{
			"fieldname": "st_life_section",
			"fieldtype": "Section Break",
			"label": _("Life Summary"),
			"insert_after": "st_attributes_section",
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
			"description": _(
				"Times the unit went out to a customer or custodian (deliveries and check-outs)."
			),
		},
		{
			"fieldname": "st_history_section",
			"fieldtype": "Section Break",
			"label": _("Unit History"),
			"insert_after": "purchase_document_no",
			"collapsible": 0,
		},
		{
			"fieldname": "st_history_html",
			"fieldtype": "HTML",
			"label": _("History"),
			"insert_after": "st_history_section",
		},
	],
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
	"Warranty Claim": [
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
	"Sales Invoice Item": [
		{
			"fieldname": "st_serial_no",
			"fieldtype": "Link",
			"label": _("Income of Unit"),
			"options": "Serial No",
			"insert_after": "item_name",
			"description": _(
				"A serialized unit this line's income belongs to (rent, service...), for per-unit profitability."
			),
		},
	],
	"Purchase Invoice Item": [
		{
			"fieldname": "st_serial_no",
			"fieldtype": "Link",
			"label": _("Cost of Unit"),
			"options": "Serial No",
			"insert_after": "item_name",
			"description": _(
				"A serialized unit this line's cost belongs to (repair, parts...), for per-unit profitability."
			),
		},
	],
	"Stock Entry": [
		{
			"fieldname": "st_unit_intent",
			"fieldtype": "Select",
			"label": _("Unit Action"),
			"options": "\n" + "\n".join((ledger.LOST, ledger.FOUND, ledger.RETIRED, ledger.MODE_CHANGED)),
			"insert_after": "stock_entry_type",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_unit_intent",
			"description": _(
				"Set when a serial tracking action made this entry; names the event in each unit's history."
			),
		},
	],
}

# Maker serials on every line that brings serialized units in.
for _doctype in (
	"Purchase Receipt Item",
	"Purchase Invoice Item",
	"Stock Entry Detail",
	"Stock Reconciliation Item",
):
	CUSTOM_FIELDS.setdefault(_doctype, []).append(
		{
			"fieldname": "st_maker_serials",
			"fieldtype": "Small Text",
			"label": _("Maker Serials"),
			"insert_after": "serial_no",
			"no_copy": 1,
			"description": _(
				"The manufacturer's serial of each unit, one per line, in the order of the units."
			),
		}
	)

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
VARIANT_FIELDS = [
	"st_tracking_mode",
	"st_serial_source",
	"st_series_template",
	"st_maintenance_periodicity",
	"st_maintenance_visits",
	"st_maintenance_months",
	"st_customer_warranty_days",
	"st_vendor_warranty_days",
]
