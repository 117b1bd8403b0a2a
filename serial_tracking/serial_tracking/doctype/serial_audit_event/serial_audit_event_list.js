frappe.listview_settings["Serial Audit Event"] = {
	hide_name_column: true,
	onload(listview) {
		frappe.realtime.off("st_verify_done");
		frappe.realtime.on("st_verify_done", (result) => serial_tracking.show_verification(result));
		listview.page.add_inner_button(__("Verify All Chains"), () =>
			frappe.call("serial_tracking.api.audit.verify").then(({ message }) => {
				frappe.show_alert({
					message: message.queued ? __("Verifying every chain in the background...") : message.message,
					indicator: message.queued ? "blue" : "orange",
				});
			})
		);
	},
};

frappe.provide("serial_tracking");

serial_tracking.show_verification = function (result) {
	if (!result.broken_units) {
		frappe.msgprint({ title: __("Audit trail intact"), indicator: "green", message: __("Every unit's chain of events verifies.") });
		return;
	}
	frappe.msgprint({
		title: __("{0} units with a broken chain", [result.broken_units]),
		indicator: "red",
		wide: true,
		message: frappe.render_template("serial_verification", { result }),
	});
};
