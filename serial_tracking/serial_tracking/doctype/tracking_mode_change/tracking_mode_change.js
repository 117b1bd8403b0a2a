frappe.ui.form.on("Tracking Mode Change", {
	setup(frm) {
		frm.set_query("item_code", () => ({ filters: { is_stock_item: 1, variant_of: ["is", "not set"] } }));
	},
	refresh(frm) {
		frm.set_intro(
			frm.doc.status === "Failed" && frm.doc.error
				? __("The last attempt failed and changed nothing: {0}", [frm.doc.error])
				: frm.doc.docstatus === 0
				? __(
						"Every unit on hand leaves and comes back through ERPNext Stock Entries at the same value per warehouse."
				  )
				: "",
			frm.doc.status === "Failed" ? "red" : "blue"
		);
		if (frm.doc.docstatus === 0 && !frm.is_new() && frm.doc.status !== "Queued") {
			frm.page.set_primary_action(__("Convert"), () =>
				frappe
					.call({
						method: "serial_tracking.api.mode_change.convert",
						args: { name: frm.doc.name },
						freeze: true,
					})
					.then(({ message }) => {
						if (message.queued) {
							frappe.show_alert({
								message: __("Converting in the background; the progress shows here."),
								indicator: "blue",
							});
						}
						frm.reload_doc();
					})
			);
		}
		frappe.realtime.off("st_mode_change_done");
		frappe.realtime.on("st_mode_change_done", (data) => {
			if (data.name === frm.doc.name) frm.reload_doc();
		});
	},
	item_code(frm) {
		if (!frm.doc.item_code) return;
		frappe.db.get_value("Item", frm.doc.item_code, "st_tracking_mode").then(({ message }) => {
			const mode = message && message.st_tracking_mode;
			const modes = frappe.boot.serial_tracking.modes;
			frm.set_value("to_mode", mode === modes.serialized ? modes.quantity : modes.serialized);
		});
	},
});
