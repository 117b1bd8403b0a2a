frappe.listview_settings["RMA"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = frappe.boot.serial_tracking.rma.colours;
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
