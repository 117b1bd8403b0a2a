// ERPNext's Point of Sale page (hooks: page_js): the item search and the serial picker are the app's
// (override_whitelisted_methods); they are told the invoice's customer, so a unit reserved for that
// customer is offered to them and refused to anyone else.
(() => {
	const methods = [
		"erpnext.selling.page.point_of_sale.point_of_sale.get_items",
		"erpnext.stock.doctype.serial_no.serial_no.auto_fetch_serial_number",
	];
	if (frappe.call.__serial_tracking) return;
	const call = frappe.call;
	frappe.call = function (opts, ...rest) {
		if (opts && typeof opts === "object" && methods.includes(opts.method)) {
			const customer = window.cur_pos && cur_pos.frm && cur_pos.frm.doc.customer;
			if (customer) opts.args = { ...(opts.args || {}), st_customer: customer };
		}
		return call.call(this, opts, ...rest);
	};
	frappe.call.__serial_tracking = true;
})();
