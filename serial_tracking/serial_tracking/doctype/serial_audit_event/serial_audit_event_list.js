frappe.listview_settings["Serial Audit Event"] = {
	hide_name_column: true,
	onload(listview) {
		listview.page.add_inner_button(__("Verify All Chains"), () =>
			frappe
				.call({ method: "serial_tracking.api.audit.verify", freeze: true, freeze_message: __("Verifying...") })
				.then(({ message }) => {
					if (!message.broken_units) {
						frappe.msgprint({ title: __("Audit trail intact"), indicator: "green", message: __("Every unit's chain of events verifies.") });
						return;
					}
					const rows = message.problems
						.map((p) => `<tr><td>${frappe.utils.escape_html(p.serial_no)}</td><td>#${p.seq}</td><td>${frappe.utils.escape_html(p.problem)}</td></tr>`)
						.join("");
					frappe.msgprint({
						title: __("{0} units with a broken chain", [message.broken_units]),
						indicator: "red",
						wide: true,
						message: `<table class="table table-sm small"><tbody>${rows}</tbody></table>${
							message.more ? __("and {0} more", [message.more]) : ""
						}`,
					});
				})
		);
	},
};
