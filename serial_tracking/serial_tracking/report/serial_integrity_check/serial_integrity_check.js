frappe.query_reports["Serial Integrity Check"] = {
	filters: [{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" }],
	after_datatable_render(datatable) {
		serial_tracking_repair_button(frappe.query_report, datatable.datamanager.getRows().length);
	},
	onload(report) {
		// Repair is offered once drifted units are listed (a report with nothing to repair says so).
		serial_tracking_repair_button(report, 0);
	},
};

function serial_tracking_repair_button(report, drifted) {
	report.page.remove_inner_button(__("Repair"));
	if (!drifted) return;
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
						serial_tracking_repair_button(report, 0);
						report.refresh();
					})
		);
	});
}
