// Unit Import list: export the units back, or download a template of the columns to fill in.
frappe.listview_settings["Unit Import"] = {
	onload(listview) {
		listview.page.add_inner_button(__("Export Units"), () => serial_tracking.export_units());
		listview.page.add_inner_button(__("Download Template"), () => serial_tracking.export_units({}, true));
	},
};
