// Demo data: shown only on a site in developer mode or with allow_tests, to a System Manager.
frappe.ui.form.on("Serial Tracking Settings", {
	refresh(frm) {
		frappe.call("serial_tracking.api.demo.status").then(({ message }) => {
			if (!message || !message.allowed) return;
			const group = __("Demo Data");
			if (message.loaded) {
				frm.add_custom_button(
					__("Remove Demo Data"),
					() =>
						frappe.confirm(
							__(
								"Cancel and delete every document, unit and record the demo data made? The site's own records stay."
							),
							() => run(frm, "serial_tracking.api.demo.remove")
						),
					group
				);
			} else {
				frm.add_custom_button(
					__("Load Demo Data"),
					() =>
						frappe.confirm(
							__(
								"Load a small business with a year of history (items, parties, receipts, sales, rentals, repairs, maintenance) into the default company?"
							),
							() => run(frm, "serial_tracking.api.demo.load")
						),
					group
				);
			}
		});
		frappe.realtime.off("st_demo_done");
		frappe.realtime.on("st_demo_done", (data) => {
			frappe.msgprint({
				message: data.message,
				indicator: data.ok ? "green" : "red",
				title: __("Demo Data"),
			});
			frm.reload_doc();
		});
	},
});

function run(frm, method) {
	frappe.call({ method, freeze: true }).then(() =>
		frappe.show_alert({
			message: __("Working in the background; the progress shows here."),
			indicator: "blue",
		})
	);
}
