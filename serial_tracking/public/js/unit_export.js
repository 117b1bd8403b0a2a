// Units exported back (Unit Import list and form, Serial No list): a file of a company's units in the
// columns of a preset, which an import reads back as written; or the columns only, as a template.
frappe.provide("serial_tracking");

serial_tracking.export_units = function (defaults = {}, template = false) {
	const spec = frappe.boot.serial_tracking.unit_import;
	const fields = [
		{
			fieldname: "company",
			fieldtype: "Link",
			options: "Company",
			label: __("Company"),
			reqd: 1,
			default: defaults.company || frappe.defaults.get_user_default("Company"),
		},
		{
			fieldname: "preset",
			fieldtype: "Select",
			label: __("Columns For"),
			options: spec.presets.map((p) => ({ value: p, label: __(p) })),
			default: defaults.preset || spec.presets[0],
		},
		{
			fieldname: "file_format",
			fieldtype: "Select",
			label: __("Format"),
			options: spec.formats.map((f) => ({ value: f, label: __(f) })),
			default: spec.formats[0],
		},
	];
	if (!template) {
		fields.push(
			{ fieldname: "filters_section", fieldtype: "Section Break", label: __("Which Units") },
			{ fieldname: "warehouse", fieldtype: "Link", options: "Warehouse", label: __("Warehouse") },
			{ fieldname: "item_group", fieldtype: "Link", options: "Item Group", label: __("Item Group") },
			{ fieldname: "item_code", fieldtype: "Link", options: "Item", label: __("Item") },
			{ fieldname: "column_break_filters", fieldtype: "Column Break" },
			{ fieldname: "customer", fieldtype: "Link", options: "Customer", label: __("Customer") },
			{
				fieldname: "status",
				fieldtype: "Select",
				label: __("Lifecycle Status"),
				options: [{ value: "", label: "" }].concat(
					frappe.boot.serial_tracking.statuses.map((s) => ({ value: s, label: __(s) }))
				),
			},
			{
				fieldname: "everything",
				fieldtype: "Check",
				label: __("Also Units No Longer on Hand"),
				description: __(
					"Sold, returned, lost or retired units too; without it, a customer or a status shows only those units."
				),
			}
		);
	}
	const dialog = new frappe.ui.Dialog({
		title: template ? __("Download Template") : __("Export Units"),
		fields,
		primary_action_label: __("Download"),
		primary_action(values) {
			dialog.hide();
			open_url_post(
				"/api/method/serial_tracking.api.unit_import.export_units",
				{ ...values, everything: values.everything ? 1 : 0, template: template ? 1 : 0 },
				true
			);
		},
	});
	dialog.show();
};
