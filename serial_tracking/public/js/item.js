frappe.ui.form.on("Item", {
	refresh(frm) {
		frm._st_saved_mode = frm.doc.st_tracking_mode;
		if (!frm.is_new() && frm.doc.st_tracking_mode === "Serialized") {
			frm.add_custom_button(
				__("Units"),
				() => {
					frappe.route_options = { item_code: frm.doc.name, warehouse: ["is", "set"] };
					frappe.set_route("List", "Serial No");
				},
				__("View")
			);
		}
	},

	st_tracking_mode(frm) {
		const saved = frm._st_saved_mode;
		if (frm.is_new() || !saved || frm.doc.st_tracking_mode === saved) return;
		frappe
			.call("serial_tracking.api.item.mode_switch_blocker", {
				item_code: frm.doc.name,
				new_mode: frm.doc.st_tracking_mode,
			})
			.then(({ message }) => {
				if (!message) return;
				frm.set_value("st_tracking_mode", saved);
				frappe.msgprint({ title: __("Tracking Mode"), message, indicator: "orange" });
			});
	},
});
