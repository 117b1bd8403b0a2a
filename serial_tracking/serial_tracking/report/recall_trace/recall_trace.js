frappe.query_reports["Recall Trace"] = {
	filters: [
		{ fieldname: "supplier", label: __("Supplier"), fieldtype: "Link", options: "Supplier" },
		{
			fieldname: "receipt",
			label: __("Receipt"),
			fieldtype: "Data",
			description: __("Purchase Receipt, Purchase Invoice or Stock Entry"),
		},
		{ fieldname: "from_date", label: __("Received From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Received To"), fieldtype: "Date" },
		{
			fieldname: "serial_no",
			label: __("Defective Unit"),
			fieldtype: "Link",
			options: "Serial No",
			description: __("Traces the unit and its siblings from the same receipt"),
		},
		{
			fieldname: "only_unit",
			label: __("This Unit Only"),
			fieldtype: "Check",
			depends_on: "serial_no",
			description: __("Without its siblings from the same receipt"),
		},
		{
			fieldname: "min_defectives",
			label: __("Receipts With Returned Defectives"),
			fieldtype: "Int",
			description: __("Trace the units of every receipt at least this many of whose units came back defective"),
		},
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
		{
			fieldname: "through_components",
			label: __("Through Components"),
			fieldtype: "Check",
			description: __(
				"The units traced are components: list every unit that contains or contained one, at any depth"
			),
		},
	],
};
