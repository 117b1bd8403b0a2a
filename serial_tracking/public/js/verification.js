// The outcome of verifying audit chains: one unit's (in the request) or every unit's (a background job
// that pushes "st_verify_done" when it is done).
frappe.provide("serial_tracking");

serial_tracking.verify_unit = function (serial_no) {
	frappe.call("serial_tracking.api.audit.verify", { serial_no }).then(({ message }) => {
		if (message.problems.length) serial_tracking.show_verification(message, __("History altered"));
		else frappe.show_alert({ message: __("History intact"), indicator: "green" });
	});
};

serial_tracking.verify_all = function (checkpoint) {
	frappe.call("serial_tracking.api.audit.verify", { checkpoint }).then(({ message }) => {
		frappe.show_alert({
			message: message.queued ? __("Verifying every chain in the background...") : message.message,
			indicator: message.queued ? "blue" : "orange",
		});
	});
};

serial_tracking.verify_against_file = function () {
	const dialog = new frappe.ui.Dialog({
		title: __("Verify Against a Checkpoint File"),
		fields: [{ fieldname: "checkpoint", fieldtype: "Code", label: __("Checkpoint (JSON)"), reqd: 1 }],
		primary_action_label: __("Verify"),
		primary_action({ checkpoint }) {
			dialog.hide();
			serial_tracking.verify_all(checkpoint);
		},
	});
	dialog.show();
};

serial_tracking.unit_proof = function (serial_no) {
	frappe
		.call("serial_tracking.api.audit.unit_proof", { serial_no })
		.then(({ message }) => serial_tracking.download_json(message, `proof-${serial_no}.json`));
};

serial_tracking.download_json = function (data, filename) {
	const blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
	const link = document.createElement("a");
	link.href = URL.createObjectURL(blob);
	link.download = filename;
	link.click();
	URL.revokeObjectURL(link.href);
};

serial_tracking.show_verification = function (result, title) {
	const notes = [
		result.checkpoint
			? __("Checked against checkpoint {0}.", [result.checkpoint])
			: __("No checkpoint yet."),
		result.unkeyed || "",
		result.limits || "",
	].join(" ");
	if (!result.problems.length) {
		frappe.msgprint({
			title: __("Audit trail intact"),
			indicator: "green",
			message: __("Every unit's chain of events verifies.") + " " + frappe.utils.escape_html(notes),
		});
		return;
	}
	frappe.msgprint({
		title: title || (result.broken_units ? __("{0} units with a broken chain", [result.broken_units]) : __("Audit trail broken")),
		indicator: "red",
		wide: true,
		message:
			frappe.render_template("serial_verification", { result }) +
			`<p class="text-muted">${frappe.utils.escape_html(notes)}</p>`,
	});
};

frappe.realtime.on("st_verify_done", (result) => serial_tracking.show_verification(result));
