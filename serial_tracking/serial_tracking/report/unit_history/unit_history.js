frappe.query_reports["Unit History"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "serial_no", label: __("Serial No"), fieldtype: "Link", options: "Serial No" },
		{ fieldname: "maker_serial", label: __("Maker Serial"), fieldtype: "Data" },
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
		{
			fieldname: "party_type",
			label: __("Party Type"),
			fieldtype: "Select",
			options: ["", "Supplier", "Customer", "Employee"],
		},
		{ fieldname: "party", label: __("Party"), fieldtype: "Dynamic Link", options: "party_type" },
		{ fieldname: "voucher_no", label: __("Voucher No"), fieldtype: "Data" },
		{ fieldname: "warehouse", label: __("Warehouse"), fieldtype: "Link", options: "Warehouse" },
		{ fieldname: "event", label: __("Event"), fieldtype: "Select", options: [""] },
		{
			// No date window of its own: the dates apply when given; the newest events come first.
			fieldname: "limit",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "500", label: __("Newest 500 Events") },
				{ value: "2000", label: __("Newest 2,000 Events") },
				{ value: "All", label: __("All Events") },
			],
			default: "500",
		},
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "Events", label: __("Events") },
				{ value: "Components", label: __("Components") },
			],
			default: "Events",
			description: __("Components: the unit's tree (choose a unit)"),
		},
	],
	tree: true,
	name_field: "serial_no",
	parent_field: "parent",
	initial_depth: 5,
	onload(report) {
		// The event names are the options of Serial Audit Event's own field.
		frappe.model.with_doctype("Serial Audit Event", () => {
			const field = report.get_filter("event");
			field.df.options = [
				"",
				...frappe.meta.get_docfield("Serial Audit Event", "event").options.split("\n"),
			];
			field.refresh();
		});
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "event" && data && data.event === "Cancelled") {
			value = `<span class="text-muted">${value}</span>`;
		}
		if (data && data.this && column.fieldname === "serial_no") {
			value = `<b>${value}</b>`;
		}
		if (data && data.current === false) {
			value = `<span class="text-muted">${value}</span>`;
		}
		return value;
	},
};
