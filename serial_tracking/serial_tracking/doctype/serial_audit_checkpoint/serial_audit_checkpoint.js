frappe.ui.form.on("Serial Audit Checkpoint", {
	refresh(frm) {
		frm.add_custom_button(__("Download for the Auditor"), () =>
			frappe
				.call("serial_tracking.api.audit.export_checkpoint", { number: frm.doc.number })
				.then(({ message }) =>
					serial_tracking.download_json(message, `checkpoint-${frm.doc.number}.json`)
				)
		);
		frm.add_custom_button(__("Verify Against This Checkpoint"), () =>
			frappe
				.call("serial_tracking.api.audit.export_checkpoint", { number: frm.doc.number })
				.then(({ message }) => serial_tracking.verify_all(JSON.stringify(message)))
		);
	},
});
