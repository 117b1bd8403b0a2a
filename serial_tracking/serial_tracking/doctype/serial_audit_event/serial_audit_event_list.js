frappe.listview_settings["Serial Audit Event"] = {
	hide_name_column: true,
	onload(listview) {
		listview.page.add_inner_button(__("Verify All Chains"), () => serial_tracking.verify_all());
		listview.page.add_inner_button(__("Verify Against a Checkpoint File"), () =>
			serial_tracking.verify_against_file()
		);
	},
};
