frappe.ui.form.on("Serial No", {
	refresh(frm) {
		if (frm.is_new()) return;
		serial_tracking.show_custodian_name(frm);
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

// Who has the unit, by name (the field holds the Employee's or Customer's ID).
serial_tracking.show_custodian_name = function (frm) {
	const { st_custodian_type: doctype, st_custodian: name } = frm.doc;
	frm.set_df_property("st_custodian", "description", "");
	if (!doctype || !name) return;
	frappe.model.with_doctype(doctype, () => {
		const title = frappe.get_meta(doctype).title_field;
		if (!title) return;
		frappe.db.get_value(doctype, name, title).then(({ message }) => {
			if (message && message[title] && frm.doc.st_custodian === name) {
				frm.set_df_property("st_custodian", "description", message[title]);
			}
		});
	});
};
