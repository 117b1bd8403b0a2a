// Unit actions (check out / in, repair, reserve, lost / found, retire, condition) for one or many units.
// Which actions exist, what each asks for and where each is allowed come from the server.
frappe.provide("serial_tracking");

serial_tracking.vocabulary = () => frappe.boot.serial_tracking;

// One name for each action wherever it is offered: the condition action is "Set Condition" (its event in
// the unit's history is "Condition Changed").
serial_tracking.action_label = function (action) {
	return action === serial_tracking.vocabulary().condition_action ? __("Set Condition") : __(action);
};

// Whether a unit (a Serial No with its lifecycle status and warehouse) can take the action now.
serial_tracking.action_applies = function (action, unit) {
	const spec = serial_tracking.vocabulary();
	if (action === spec.condition_action) return !!unit.warehouse;
	return ((spec.actions[action] || {}).allowed_from || []).includes(unit.st_lifecycle_status);
};

serial_tracking.refuse_action = function (action, units) {
	const spec = serial_tracking.vocabulary();
	const needs =
		action === spec.condition_action
			? __("units in a warehouse")
			: (spec.actions[action].allowed_from || []).map((status) => __(status)).join(", ");
	const rows = units
		.map(
			(unit) =>
				`<li>${frappe.utils.escape_html(unit.name)}: ${__(
					unit.st_lifecycle_status || "not received"
				)}</li>`
		)
		.join("");
	frappe.msgprint({
		title: serial_tracking.action_label(action),
		indicator: "orange",
		message: `<p>${__("{0} applies to {1}. These selected units cannot take it:", [
			serial_tracking.action_label(action),
			needs,
		])}</p><ul>${rows}</ul><p>${__("Unselect them, or choose another action.")}</p>`,
	});
};

serial_tracking.run_unit_action = function (serials, action, after) {
	const spec = serial_tracking.vocabulary();
	const rule = spec.actions[action] || {};
	const fields = [];
	if (rule.custodian) {
		fields.push(
			{
				fieldname: "custodian_type",
				label: __("Custodian Type"),
				fieldtype: "Select",
				options: spec.custodian_types.map((value) => ({ value, label: __(value) })),
				reqd: 1,
				default: spec.custodian_types[0],
			},
			{
				fieldname: "custodian",
				label: __("Custodian"),
				fieldtype: "Dynamic Link",
				options: "custodian_type",
				reqd: 1,
			},
			{ fieldname: "due_date", label: __("Due Back"), fieldtype: "Date", reqd: 1 }
		);
	}
	const is_condition = action === spec.condition_action;
	if (rule.condition || is_condition) {
		fields.push({
			fieldname: "condition",
			label: __("Condition"),
			fieldtype: "Select",
			options: ["", ...spec.conditions].map((value) => ({ value, label: value && __(value) })),
			reqd: is_condition ? 1 : 0,
		});
	}
	fields.push({ fieldname: "remarks", label: __("Remarks"), fieldtype: "Small Text" });
	const label = serial_tracking.action_label(action);
	const dialog = new frappe.ui.Dialog({
		title: __("{0}: {1} unit(s)", [label, serials.length]),
		fields,
		primary_action_label: label,
		primary_action(values) {
			frappe
				.call({
					method: "serial_tracking.api.unit.act",
					args: { serials: JSON.stringify(serials), action, ...values },
					freeze: true,
				})
				.then(({ message }) => {
					dialog.hide();
					const entries = (message && message.stock_entries) || [];
					frappe.show_alert({
						message: entries.length
							? __("Done through Stock Entry {0}", [entries.join(", ")])
							: __("Done"),
						indicator: "green",
					});
					after && after();
				});
		},
	});
	dialog.show();
};

serial_tracking.add_unit_action_buttons = function (frm) {
	const spec = serial_tracking.vocabulary();
	const status = frm.doc.st_lifecycle_status;
	for (const [name, rule] of Object.entries(spec.actions)) {
		if (!rule.allowed_from.includes(status)) continue;
		frm.add_custom_button(
			__(name),
			() => serial_tracking.run_unit_action([frm.doc.name], name, () => frm.reload_doc()),
			__("Unit")
		);
	}
	if (serial_tracking.action_applies(spec.condition_action, frm.doc)) {
		frm.add_custom_button(
			serial_tracking.action_label(spec.condition_action),
			() =>
				serial_tracking.run_unit_action([frm.doc.name], spec.condition_action, () =>
					frm.reload_doc()
				),
			__("Unit")
		);
	}
};
