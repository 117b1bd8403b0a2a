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
	onload(report) {
		report.page.add_inner_button(__("EPCIS Export"), () =>
			serial_tracking.gs1.export_epcis({ recall_filters: JSON.stringify(report.get_filter_values()) })
		);
	},
};
