// GS1 on stock vouchers and units: GS1 codes in the barcode field, "EPCIS" exports of a unit's history
// and of the units of a Delivery Note or Purchase Receipt.
serial_tracking.wedge.guard_scanner(); // (done when the desk loads; here too, should ERPNext's load later)
serial_tracking.gs1.VOUCHERS.forEach((doctype) => {
	frappe.ui.form.on(doctype, { scan_barcode: serial_tracking.gs1.scan_into_voucher });
});

["Purchase Receipt", "Delivery Note"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.doc.docstatus !== 1) return;
			frm.add_custom_button(
				__("EPCIS Export"),
				() => serial_tracking.gs1.export_epcis({ voucher_type: frm.doctype, voucher_no: frm.doc.name }),
				__("View")
			);
		},
	});
});

frappe.ui.form.on("Serial No", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(
			__("EPCIS Export"),
			() => serial_tracking.gs1.export_epcis({ serial_no: frm.doc.name }),
			__("View")
		);
	},
});
