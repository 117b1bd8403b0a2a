frappe.ui.form.on("Serial No", {
	refresh(frm) {
		if (frm.is_new()) return;
		serial_tracking.render_unit_history(frm);
		serial_tracking.add_unit_action_buttons(frm);
		frm.add_custom_button(__("Print Label"), () =>
			serial_tracking.print_labels({ serials: JSON.stringify([frm.doc.name]) })
		);
		frm.add_custom_button(
			__("Verify History"),
			() =>
				frappe.call("serial_tracking.api.audit.verify", { serial_no: frm.doc.name }).then(({ message }) => {
					if (message.broken_units) {
						frappe.msgprint({
							title: __("History altered"),
							indicator: "red",
							message: message.problems.map((p) => frappe.utils.escape_html(p.message)).join("<br>"),
						});
					} else {
						frappe.show_alert({ message: __("History intact"), indicator: "green" });
					}
				}),
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
		const link = (doctype, name) => (name ? `<a href="/app/${frappe.router.slug(doctype)}/${encodeURIComponent(name)}">${esc(name)}</a>` : "");
		const receipt = s.first_receipt;
		const holder = s.holder || {};
		let html = `<div class="row small">
			<div class="col-sm-4"><div class="text-muted">${__("Episode")}</div><div class="h5">${s.episode || "-"}</div></div>
			<div class="col-sm-4"><div class="text-muted">${__("First receipt (this episode)")}</div><div>${
				receipt
					? `${esc(receipt.event)}: ${link(receipt.voucher_type, receipt.voucher_no)} ${esc(frappe.datetime.str_to_user(receipt.posting))}<br>
					   ${receipt.party ? link(receipt.party_type, receipt.party) + "<br>" : ""}${__("Cost")}: ${format_currency(receipt.rate_in)}`
					: "-"
			}</div></div>
			<div class="col-sm-4"><div class="text-muted">${__("Current holder")}</div><div>${
				holder.name ? `${esc(__(holder.type))}: ${link(holder.type, holder.name)}${holder.due_date ? "<br>" + __("Due") + ": " + esc(frappe.datetime.str_to_user(holder.due_date)) : ""}` : "-"
			}</div></div></div>`;
		if (s.events.length) {
			html += `<table class="table table-sm small mt-3"><thead><tr>
				<th>#</th><th>${__("Posting")}</th><th>${__("Event")}</th><th>${__("From")}</th><th>${__("To")}</th>
				<th>${__("Party")}</th><th>${__("Voucher")}</th><th>${__("Status")}</th></tr></thead><tbody>`;
			for (const e of s.events) {
				html += `<tr><td>${e.seq}</td><td>${esc(frappe.datetime.str_to_user(e.posting))}</td><td>${esc(__(e.event))}</td>
					<td>${esc(e.from_warehouse)}</td><td>${esc(e.to_warehouse)}</td><td>${esc(e.party)}</td>
					<td>${link(e.voucher_type, e.voucher_no)}</td><td>${esc(e.status_after)}</td></tr>`;
			}
			html += "</tbody></table>";
			if (s.total_events > s.events.length) {
				html += `<div class="small text-muted">${__("Showing the last {0} of {1} events.", [s.events.length, s.total_events])}</div>`;
			}
		} else {
			html += `<div class="small text-muted mt-3">${__("No history recorded yet.")}</div>`;
		}
		field.$wrapper.html(html);
	});
};
