// A Unit Count says where it is (its Status), in the list and in the form's header alike: a count being
// scanned is Open, not "Draft".
frappe.listview_settings["Unit Count"] = {
	add_fields: ["status"],
	has_indicator_for_draft: 1,
	has_indicator_for_cancelled: 1,
	get_indicator(doc) {
		const colours = {
			Open: "orange",
			Closed: "blue",
			Approving: "yellow",
			Approved: "green",
			Cancelled: "red",
		};
		const status = doc.docstatus === 2 ? "Cancelled" : doc.status;
		if (!status) return;
		return [__(status), colours[status] || "gray", `status,=,${status}`];
	},
};
