// "Print Labels" on submitted stock transactions that bring serialized units in.
[
	"Purchase Receipt",
	"Purchase Invoice",
	"Subcontracting Receipt",
	"Stock Entry",
	"Stock Reconciliation",
].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.doc.docstatus !== 1) return;
			frm.add_custom_button(__("Print Labels"), () =>
				serial_tracking.print_labels({ voucher_type: frm.doctype, voucher_no: frm.doc.name })
			);
		},
	});
});
