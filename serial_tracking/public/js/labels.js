// Label sheets for serial numbers: one PDF, built in the background (with a progress bar) when large.
frappe.provide("serial_tracking");

serial_tracking.print_labels = function (args) {
	frappe.call("serial_tracking.api.labels.prepare", args).then(({ message }) => {
		if (message.background) {
			frappe.show_alert({
				message: __("Building {0} labels in the background; the PDF opens when it is ready.", [
					message.count,
				]),
				indicator: "blue",
			});
			return;
		}
		open_url_post("/api/method/serial_tracking.api.labels.download", args, true);
	});
};

if (!serial_tracking._labels_listener) {
	serial_tracking._labels_listener = true;
	frappe.realtime.on("st_labels_ready", (data) => {
		frappe.msgprint({
			title: __("Labels ready"),
			indicator: "green",
			message: __("{0} labels: {1}", [
				data.count,
				`<a href="${data.file_url}" target="_blank">${__("Open PDF")}</a>`,
			]),
		});
	});
}
