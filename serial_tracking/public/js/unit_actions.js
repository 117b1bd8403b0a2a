// Unit actions (check out / in, repair, reserve, lost / found, retire, condition) for one or many units.
frappe.provide("serial_tracking");

serial_tracking.unit_actions = function () {
	if (!serial_tracking._actions) {
		serial_tracking._actions = frappe.call("serial_tracking.api.unit.actions").then((r) => r.message);
	}
	return serial_tracking._actions;
};

serial_tracking.run_unit_action = function (serials, action, after) {
	serial_tracking.unit_actions().then((spec) => {
		const fields = [];
		if (action === "Check Out") {
			fields.push(
				{ fieldname: "custodian_type", label: __("Custodian Type"), fieldtype: "Select", options: ["Employee", "Customer"], reqd: 1, default: "Employee" },
				{ fieldname: "custodian", label: __("Custodian"), fieldtype: "Dynamic Link", options: "custodian_type", reqd: 1 },
				{ fieldname: "due_date", label: __("Due Back"), fieldtype: "Date", reqd: 1 }
			);
		}
		if (["Back from Repair", "Send to Repair", "Check In", spec.condition_action].includes(action)) {
			fields.push({
				fieldname: "condition",
				label: __("Condition"),
				fieldtype: "Select",
				options: ["", ...spec.conditions],
				reqd: action === spec.condition_action ? 1 : 0,
			});
		}
		fields.push({ fieldname: "remarks", label: __("Remarks"), fieldtype: "Small Text" });
		const dialog = new frappe.ui.Dialog({
			title: __("{0}: {1} unit(s)", [__(action), serials.length]),
			fields,
			primary_action_label: __(action),
			primary_action(values) {
				frappe
					.call({
						method: "serial_tracking.api.unit.act",
						args: { serials: JSON.stringify(serials), action, ...values },
						freeze: true,
					})
					.then(({ message }) => {
						dialog.hide();
						const entry = message && message.stock_entry;
						frappe.show_alert({
							message: entry ? __("Done through Stock Entry {0}", [entry]) : __("Done"),
							indicator: "green",
						});
						after && after();
					});
			},
		});
		dialog.show();
	});
};

serial_tracking.add_unit_action_buttons = function (frm) {
	serial_tracking.unit_actions().then((spec) => {
		const status = frm.doc.st_lifecycle_status;
		for (const [name, rule] of Object.entries(spec.actions)) {
			if (!rule.allowed_from.includes(status)) continue;
			frm.add_custom_button(__(name), () => serial_tracking.run_unit_action([frm.doc.name], name, () => frm.reload_doc()), __("Unit"));
		}
		if (frm.doc.warehouse) {
			frm.add_custom_button(__("Set Condition"), () =>
				serial_tracking.run_unit_action([frm.doc.name], spec.condition_action, () => frm.reload_doc()), __("Unit"));
		}
	});
};
