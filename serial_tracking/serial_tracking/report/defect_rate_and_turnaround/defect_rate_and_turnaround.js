frappe.query_reports["Defect Rate and Turnaround"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			reqd: 1,
			default: frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "group_by",
			label: __("Per"),
			fieldtype: "Select",
			options: [
				{ value: "Item", label: __("Item") },
				{ value: "Supplier", label: __("Supplier") },
				{ value: "Receipt", label: __("Receipt") },
			],
			default: "Item",
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{
			fieldname: "min_defectives",
			label: __("At Least (Returned Defectives)"),
			fieldtype: "Int",
			description: __("Only those with at least this many units returned defective"),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "key" && data && data.receipt_type && data.defective) {
			const route = `#recall:${encodeURIComponent(data.key)}`;
			value += ` <a class="st-recall" href="${route}" data-receipt="${frappe.utils.escape_html(
				data.key
			)}" data-receipt-type="${frappe.utils.escape_html(data.receipt_type)}">${__("Recall Trace")}</a>`;
		}
		return value;
	},
	onload(report) {
		report.page.wrapper.on("click", "a.st-recall", (event) => {
			event.preventDefault();
			const link = $(event.currentTarget);
			frappe.set_route("query-report", "Recall Trace", {
				receipt_type: link.data("receipt-type"),
				receipt: link.data("receipt"),
			});
		});
	},
};
