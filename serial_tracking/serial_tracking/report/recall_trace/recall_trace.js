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
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
	],
};
