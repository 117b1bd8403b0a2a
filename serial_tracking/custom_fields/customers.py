"""Fields of the customer side: the company's customer-service settings, the RMA a document is a step of,
the customer whose unit a Stock Entry moves, and the service event a delivery is."""

from serial_tracking.custom_fields.line_serials import SERIALS
from serial_tracking.customers.core import warranty
from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import ledger

RMA_LINK = {
	"fieldname": "st_rma",
	"fieldtype": "Link",
	"label": _("RMA"),
	"options": "RMA",
	"read_only": 1,
	"no_copy": 1,
	"search_index": 1,
	"depends_on": "st_rma",
	"description": _("The RMA this document is a step of."),
}

COMPANY = [
	{
		"fieldname": "st_customer_service_section",
		"fieldtype": "Section Break",
		"label": _("Customer Service (Serial Tracking)"),
		"insert_after": "expenses_included_in_valuation",
		"collapsible": 1,
	},
	{
		"fieldname": "st_service_warehouse",
		"fieldtype": "Link",
		"label": _("Service Warehouse"),
		"options": "Warehouse",
		"insert_after": "st_customer_service_section",
		"description": _(
			"Customers' units received on an RMA wait here, still theirs: they come in at no value of ours."
		),
	},
	{
		"fieldname": "st_defective_warehouse",
		"fieldtype": "Link",
		"label": _("Warehouse for Units Taken in Exchange"),
		"options": "Warehouse",
		"insert_after": "st_service_warehouse",
		"description": _(
			"A defective unit taken back in an exchange is ours from then on; empty: the service warehouse."
		),
	},
	{
		"fieldname": "st_exchange_valuation",
		"fieldtype": "Select",
		"label": _("Value of Units Taken in Exchange"),
		"options": "\n".join(warranty.VALUATIONS),
		"default": warranty.ZERO,
		"insert_after": "st_defective_warehouse",
	},
	{
		"fieldname": "st_salvage_percent",
		"fieldtype": "Percent",
		"label": _("Salvage Rate (% of the Unit's Cost)"),
		"insert_after": "st_exchange_valuation",
		"depends_on": f"eval:doc.st_exchange_valuation=='{warranty.SALVAGE}'",
	},
	{
		"fieldname": "st_customer_service_column",
		"fieldtype": "Column Break",
		"insert_after": "st_salvage_percent",
	},
	{
		"fieldname": "st_warranty_carry_over",
		"fieldtype": "Select",
		"label": _("Replacement's Warranty"),
		"options": "\n".join(warranty.CARRY_OVER_RULES),
		"default": warranty.REMAINING,
		"insert_after": "st_customer_service_column",
		"description": _("What warranty a unit given in exchange for a defective one carries."),
	},
	{
		"fieldname": "st_minimum_replacement_days",
		"fieldtype": "Int",
		"label": _("Minimum Warranty of a Replacement (Days)"),
		"insert_after": "st_warranty_carry_over",
		"non_negative": 1,
		"depends_on": f"eval:doc.st_warranty_carry_over=='{warranty.AT_LEAST}'",
	},
	{
		"fieldname": "st_exchange_other_items",
		"fieldtype": "Check",
		"label": _("Allow Exchange for Another Item"),
		"insert_after": "st_minimum_replacement_days",
	},
	{
		"fieldname": "st_maker_serials_on_papers",
		"fieldtype": "Check",
		"label": _("Print Maker Serials on Customer Papers"),
		"insert_after": "st_exchange_other_items",
		"description": _(
			"Delivery notes, invoices, receipts and claims list the makers' serials after ours."
		),
	},
]

CUSTOMERS = {
	"Company": COMPANY,
	"Stock Entry": [
		{**RMA_LINK, "insert_after": "st_component_assignment"},
		{
			"fieldname": "st_customer",
			"fieldtype": "Link",
			"label": _("Customer's Units"),
			"options": "Customer",
			"insert_after": "st_rma",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_customer",
			"description": _(
				"The customer whose units this entry moves (in for service, or given in exchange)."
			),
		},
	],
	"Delivery Note": [
		{
			"fieldname": "st_unit_intent",
			"fieldtype": "Select",
			"label": _("Unit Action"),
			"options": "\n" + ledger.RETURNED_AFTER_SERVICE,
			"insert_after": "is_return",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_unit_intent",
			"description": _(
				"Set when an RMA gives a customer's own unit back: names the event in its history."
			),
		},
		{**RMA_LINK, "insert_after": "st_unit_intent"},
	],
	"Purchase Receipt": [{**RMA_LINK, "insert_after": "is_return"}],
	"Purchase Invoice": [{**RMA_LINK, "insert_after": "is_return"}],
	"Maintenance Visit": [{**RMA_LINK, "insert_after": "customer"}],
	"Warranty Claim": [
		{**RMA_LINK, "insert_after": "serial_no", "description": _("The claim's RMA.")},
		{
			"fieldname": "st_maker_serial",
			"fieldtype": "Data",
			"label": _("Maker Serial"),
			"insert_after": "st_rma",
			"read_only": 1,
			"depends_on": "st_maker_serial",
			"description": _("The unit's maker serial, where the company prints it on customer papers."),
		},
	],
	# Papers: a packed item (a Product Bundle's part) and a packing slip's line show their units too.
	"Packed Item": [{**SERIALS, "insert_after": "serial_and_batch_bundle"}],
	"Packing Slip Item": [{**SERIALS, "insert_after": "batch_no", "allow_on_submit": 0}],
}

# The line's serial text prints compactly in the Serials column: the long list it may hold does not.
PRINT_HIDDEN = [
	{"doctype": doctype, "fieldname": "serial_no", "property": "print_hide", "value": "1"}
	for doctype in ("Delivery Note Item", "Sales Invoice Item", "POS Invoice Item", "Packed Item")
]
