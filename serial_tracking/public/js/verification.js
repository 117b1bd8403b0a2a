// The outcome of verifying audit chains: one unit's (in the request) or every unit's (a background job
// that pushes "st_verify_done" when it is done).
frappe.provide("serial_tracking");

serial_tracking.verify_unit = function (serial_no) {
	frappe.call("serial_tracking.api.audit.verify", { serial_no }).then(({ message }) => {
		if (message.broken_units) serial_tracking.show_verification(message, __("History altered"));
		else frappe.show_alert({ message: __("History intact"), indicator: "green" });
	});
};

serial_tracking.verify_all = function () {
	frappe.call("serial_tracking.api.audit.verify").then(({ message }) => {
		frappe.show_alert({
			message: message.queued ? __("Verifying every chain in the background...") : message.message,
			indicator: message.queued ? "blue" : "orange",
		});
	});
};

serial_tracking.show_verification = function (result, title) {
	if (!result.broken_units) {
		frappe.msgprint({
			title: __("Audit trail intact"),
			indicator: "green",
			message: __("Every unit's chain of events verifies."),
		});
		return;
	}
	frappe.msgprint({
		title: title || __("{0} units with a broken chain", [result.broken_units]),
		indicator: "red",
		wide: true,
		message: frappe.render_template("serial_verification", { result }),
	});
};

frappe.realtime.on("st_verify_done", (result) => serial_tracking.show_verification(result));
