// A Warranty Claim on a unit opens its RMA: receive, diagnose, repair or exchange it there.
frappe.ui.form.on("Warranty Claim", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.serial_no || frm.doc.status === "Cancelled") return;
		if (frm.doc.st_rma) {
			frm.add_custom_button(__("Open RMA"), () => frappe.set_route("Form", "RMA", frm.doc.st_rma));
			return;
		}
		frm.add_custom_button(__("Create RMA"), () =>
			frappe
				.call({
					method: "serial_tracking.api.rma.make_rma",
					args: { warranty_claim: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) => frappe.set_route("Form", "RMA", message))
		);
	},
});
