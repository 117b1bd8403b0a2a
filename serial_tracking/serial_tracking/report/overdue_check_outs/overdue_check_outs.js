frappe.query_reports["Overdue Check-outs"] = {
	filters: [
		{ fieldname: "overdue_only", label: __("Overdue Only"), fieldtype: "Check", default: 1 },
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
		{
			fieldname: "custodian_type",
			label: __("Custodian Type"),
			fieldtype: "Select",
			options: ["", ...frappe.boot.serial_tracking.custodian_types],
		},
		{
			fieldname: "custodian",
			label: __("Custodian"),
			fieldtype: "Dynamic Link",
			options: "custodian_type",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_overdue" && data && data.days_overdue > 0) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
