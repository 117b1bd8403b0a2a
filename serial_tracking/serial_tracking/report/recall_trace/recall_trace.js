// The trace starts from any one of: a supplier, a receipt, a receipt date range, a defective unit (none is
// required alone: the report says where to start when none is given).
frappe.query_reports["Recall Trace"] = {
	filters: [
		{ fieldname: "supplier", label: __("Supplier"), fieldtype: "Link", options: "Supplier" },
		{
			fieldname: "receipt_type",
			label: __("Receipt Type"),
			fieldtype: "Select",
			options: [
				"",
				"Purchase Receipt",
				"Purchase Invoice",
				"Subcontracting Receipt",
				"Stock Entry",
				"Stock Reconciliation",
			].map((value) => ({ value, label: value && __(value) })),
			on_change(report) {
				report.set_filter_value("receipt", "");
			},
		},
		{
			fieldname: "receipt",
			label: __("Receipt"),
			fieldtype: "Dynamic Link",
			options: "receipt_type",
			depends_on: "receipt_type",
			get_query: () => ({ filters: { docstatus: 1 } }),
			description: __("A submitted receipt: the units it brought in"),
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
	onload(report) {
		report.page.add_inner_button(__("EPCIS Export"), () =>
			serial_tracking.gs1.export_epcis({ recall_filters: JSON.stringify(report.get_filter_values()) })
		);
	},
};
