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

// The stock vouchers whose barcode field the app reads GS1 codes in (gs1_forms.js).
serial_tracking.gs1.VOUCHERS = [
	"Purchase Receipt",
	"Purchase Invoice",
	"Subcontracting Receipt",
	"Stock Entry",
	"Stock Reconciliation",
];

// Whether the app takes ``value``, scanned into ``fieldname`` of ``frm``, out of ERPNext's hands.
serial_tracking.gs1.takes = function (frm, fieldname, value) {
	return (
		!!frm &&
		serial_tracking.gs1.VOUCHERS.includes(frm.doctype) &&
		fieldname === "scan_barcode" &&
		serial_tracking.gs1.looks_like(value)
	);
};

// A GS1 code scanned into a stock voucher's barcode field: read by the server, its item's line added
// with the unit's maker serial. Acts once the code is whole (serial_tracking.wedge: the field is set
// whenever typing pauses); ERPNext's own handler leaves GS1 codes on these forms alone (wedge.js).
serial_tracking.gs1.scan_into_voucher = async function (frm) {
	const field = frm.fields_dict.scan_barcode;
	const input = frm.doc.scan_barcode;
	if (!field || !serial_tracking.gs1.looks_like(input)) return;
	if (!(await serial_tracking.wedge.is_whole(field, input))) return; // the change that follows has it
	if (frm.doc.scan_barcode !== input) return; // taken by a handler that ran meanwhile
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
