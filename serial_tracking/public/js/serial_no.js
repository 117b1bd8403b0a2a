frappe.ui.form.on("Serial No", {
	refresh(frm) {
		if (frm.is_new()) return;
		serial_tracking.render_unit_history(frm);
		serial_tracking.add_unit_action_buttons(frm);
		frm.add_custom_button(__("Print Label"), () =>
			serial_tracking.print_labels({ serials: JSON.stringify([frm.doc.name]) })
		);
		frm.add_custom_button(
			__("Verify History"),
			() => serial_tracking.verify_unit(frm.doc.name),
			__("View")
		);
		frm.add_custom_button(
			__("Inclusion Proof"),
			() => serial_tracking.unit_proof(frm.doc.name),
			__("View")
		);
		frm.add_custom_button(
			__("Unit History Report"),
			() => frappe.set_route("query-report", "Unit History", { serial_no: frm.doc.name }),
			__("View")
		);
	},
});

frappe.provide("serial_tracking");

serial_tracking.render_unit_history = function (frm) {
	const field = frm.get_field("st_history_html");
	if (!field) return;
	frappe.call("serial_tracking.api.unit.summary", { serial_no: frm.doc.name }).then(({ message: s }) => {
		const esc = (v) => frappe.utils.escape_html(v == null ? "" : String(v));
		const link = (doctype, name) => (name ? frappe.utils.get_form_link(doctype, name, true) : "");
		field.$wrapper.html(frappe.render_template("unit_history", { s, esc, link }));
	});
};
