// Part swaps on a Maintenance Visit or Warranty Claim: a new row starts on the unit repaired, and a
// part taken out under its vendor's warranty can go back to the supplier it came from.
["Maintenance Visit", "Warranty Claim"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			(frm.doc.st_part_swaps || [])
				.filter((row) => row.status === "Done" && row.part_removed && row.vendor)
				.forEach((row) => {
					frm.add_custom_button(
						__("Return {0} to {1}", [row.part_removed, row.vendor]),
						() => serial_tracking.return_part(row.part_removed),
						__("Part Swaps")
					);
				});
		},
	});
});

frappe.ui.form.on("Serial Part Swap", {
	st_part_swaps_add(frm, cdt, cdn) {
		const units = frm.doc.serial_no
			? [frm.doc.serial_no]
			: [...new Set((frm.doc.purposes || []).map((p) => p.serial_no).filter(Boolean))];
		if (units.length === 1) frappe.model.set_value(cdt, cdn, "unit", units[0]);
	},
});

frappe.provide("serial_tracking");

serial_tracking.return_part = function (serial_no) {
	frappe
		.call("serial_tracking.api.genealogy.return_part_to_supplier", { serial_no })
		.then(({ message }) => {
			const [doc] = frappe.model.sync(message);
			frappe.set_route("Form", doc.doctype, doc.name);
		});
};
