frappe.query_reports["Serial Integrity Check"] = {
	filters: [{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" }],
	onload(report) {
		report.page.add_inner_button(__("Repair"), () => {
			frappe.confirm(
				__("Set every listed unit's warehouse and statuses to what the stock ledger says?"),
				() =>
					frappe
						.call({
							method: "serial_tracking.api.integrity.repair",
							args: { item_code: report.get_filter_value("item_code") },
							freeze: true,
						})
						.then(({ message }) => {
							frappe.show_alert({
								message: __("{0} units repaired", [message]),
								indicator: "green",
							});
							report.refresh();
						})
			);
		});
	},
};
