// A submitted (or cancelled) voucher lists the serials of each line that moved units under its lines
// (st_serials_html): written at submit into the line's Serials field (st_serials), consecutive serials as
// "first .. last (count)".
frappe.provide("serial_tracking");

serial_tracking.show_line_serials = function (frm) {
	const field = frm.get_field("st_serials_html");
	if (!field) return;
	const lines = (frm.doc.items || []).filter((row) => row.st_serials);
	if (frm.doc.docstatus === 0 || !lines.length) return field.$wrapper.empty();
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
	const rows = lines
		.map(
			(row) => `<tr>
				<td class="text-muted" style="width: 4em;">${esc(row.idx)}</td>
				<td style="width: 30%;">${esc(row.item_code)}</td>
				<td style="white-space: pre-wrap; word-break: break-word;">${esc(row.st_serials)}</td>
			</tr>`
		)
		.join("");
	field.$wrapper.html(`<div class="st-line-serials" style="margin-top: var(--margin-md);">
		<div class="text-muted small">${__("Serials")}</div>
		<table class="table table-sm" style="margin: 0;">
		<thead><tr><th>${__("Row")}</th><th>${__("Item")}</th><th>${__("Serials")}</th></tr></thead>
		<tbody>${rows}</tbody></table></div>`);
};

// This file is loaded with each voucher's form (hooks: doctype_js): register its handlers once.
if (!serial_tracking.line_serials_on) {
	serial_tracking.line_serials_on = true;
	[
		"Purchase Receipt",
		"Purchase Invoice",
		"Subcontracting Receipt",
		"Stock Entry",
		"Stock Reconciliation",
		"Delivery Note",
		"Sales Invoice",
		"POS Invoice",
	].forEach((doctype) => frappe.ui.form.on(doctype, { refresh: serial_tracking.show_line_serials }));
}
