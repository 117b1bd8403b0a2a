frappe.listview_settings["Serial Audit Checkpoint"] = {
	onload(listview) {
		listview.page.add_inner_button(__("Write Checkpoint Now"), () =>
			frappe.call("serial_tracking.api.audit.write_checkpoint").then(({ message }) => {
				frappe.show_alert({
					message: __("Checkpoint {0} written.", [message.number]),
					indicator: "green",
				});
				listview.refresh();
			})
		);
	},
};
