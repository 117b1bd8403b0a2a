// GS1 in the desk: a GS1 code scanned into a stock voucher's barcode field adds the unit with its maker
// serial (the server reads the code: serial_tracking.api.scan), and EPCIS exports.
frappe.provide("serial_tracking.gs1");

// The markers of a GS1 code (as serial_tracking/gs1/core/reading.py): a GS1 symbology identifier, a group
// separator (ASCII 29), the parentheses of the human-readable form, a Digital Link path.
serial_tracking.gs1.looks_like = function (text) {
	text = (text || "").trim();
	return (
		/^\](C1|d2|Q3|e0|J1|d3|Q4)/.test(text) ||
		text.includes("\x1d") ||
		/^\(\d{2,4}\)/.test(text) ||
		/^https?:\/\/[^/?#]+(\/[^?#]*)?\/(01|8004|414|00)\//i.test(text)
	);
};

// Runs before ERPNext's own handler of the barcode field (frappe runs frappe.ui.form.on handlers first):
// a GS1 code is taken here and the field emptied, so ERPNext's handler finds nothing left to do.
serial_tracking.gs1.scan_into_voucher = async function (frm) {
	const field = frm.fields_dict.scan_barcode;
	const input = frm.doc.scan_barcode;
	if (!field || !serial_tracking.gs1.looks_like(input)) return;
	field.set_input("");
	frm.doc.scan_barcode = "";
	let data;
	try {
		const r = await frappe.call({
			method: "erpnext.stock.utils.scan_barcode",
			args: { search_value: input },
		});
		data = r && r.message;
	} catch (e) {
		return; // the server's refusal was shown
	}
	if (!data || !data.item_code) {
		frappe.show_alert({ message: __("Cannot find Item with this Barcode"), indicator: "red" });
		return;
	}
	const scanner = new erpnext.utils.BarcodeScanner({ frm });
	const row = await scanner.update_table(data);
	const gs1 = data.st_gs1;
	if (row && gs1 && gs1.serial && !data.serial_no && frappe.meta.has_field(row.doctype, "st_maker_serials")) {
		const makers = (row.st_maker_serials || "").split("\n").filter(Boolean);
		makers.push(gs1.hri);
		await frappe.model.set_value(row.doctype, row.name, "st_maker_serials", makers.join("\n"));
	}
};

serial_tracking.gs1.export_epcis = function (args) {
	const query = new URLSearchParams(args).toString();
	window.open(`/api/method/serial_tracking.api.gs1.export_epcis?${query}`);
};
