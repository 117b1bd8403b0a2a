frappe.query_reports["Units Due for Count"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		},
		{ fieldname: "warehouse", label: __("Warehouse"), fieldtype: "Link", options: "Warehouse" },
		{ fieldname: "item_group", label: __("Item Group"), fieldtype: "Link", options: "Item Group" },
		{
			fieldname: "view",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Units", label: __("Units") },
				{ value: "Locations", label: __("Locations") },
			],
			default: "Units",
		},
		{
			fieldname: "days_ahead",
			label: __("Due Within (Days)"),
			fieldtype: "Int",
			default: 0,
			description: __("0: due today or overdue."),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const late = ["days_overdue", "overdue"].includes(column.fieldname);
		if (late && data && data[column.fieldname] > 0) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
