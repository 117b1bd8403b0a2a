// The RMA form: its steps as buttons, offered in the statuses that allow them (frappe.boot.serial_tracking.rma,
// from customers/core/rma.py); each calls the server, which does the step through ERPNext documents.
frappe.ui.form.on("RMA", {
	refresh(frm) {
		const rma = frappe.boot.serial_tracking.rma;
		frm.page.set_indicator(__(frm.doc.status), rma.colours[frm.doc.status] || "gray");
		if (frm.is_new()) return;
		const can = (step) => (rma.steps[step] || []).includes(frm.doc.status);
		const call = (method, args = {}) =>
			frappe
				.call({
					method: `serial_tracking.api.rma.${method}`,
					args: { name: frm.doc.name, ...args },
					freeze: true,
				})
				.then((r) => {
					frm.reload_doc();
					return r;
				});
		const add = (label, action) => frm.add_custom_button(label, action, __("Steps"));

		if (can("Receive")) add(__("Receive Unit"), () => call("receive"));
		if (can("Diagnose")) add(__("Diagnose"), () => serial_tracking.rma_diagnose(frm, call));
		if (can("Repair"))
			add(__("Repair"), () =>
				frappe
					.call("serial_tracking.api.rma.make_repair_visit", { name: frm.doc.name })
					.then(({ message }) => {
						const [visit] = frappe.model.sync(message);
						frappe.set_route("Form", visit.doctype, visit.name);
					})
			);
		if (can("Return")) add(__("Return to Customer"), () => call("give_back"));
		if (can("Exchange")) add(__("Exchange"), () => serial_tracking.rma_exchange(frm, call));
		if (can("Return to Supplier")) add(__("Return to Supplier"), () => serial_tracking.rma_to_supplier(frm, call));
		if ((frm.doc.steps || []).some((step) => !step.undone))
			add(__("Undo Last Step"), () =>
				frappe.confirm(__("Undo the last step of {0}? Its documents are cancelled.", [frm.doc.name]), () =>
					call("undo_last_step")
				)
			);
	},
});

frappe.provide("serial_tracking");

serial_tracking.rma_diagnose = function (frm, call) {
	const dialog = new frappe.ui.Dialog({
		title: __("Diagnose {0}", [frm.doc.serial_no]),
		fields: [
			{
				fieldname: "condition",
				label: __("Condition Found"),
				fieldtype: "Select",
				options: frappe.boot.serial_tracking.conditions.map((c) => ({ value: c, label: __(c) })),
				reqd: 1,
			},
			{ fieldname: "notes", label: __("Diagnosis"), fieldtype: "Small Text" },
		],
		primary_action_label: __("Save Diagnosis"),
		primary_action(values) {
			dialog.hide();
			call("diagnose", values);
		},
	});
	dialog.show();
};

serial_tracking.rma_exchange = function (frm, call) {
	const dialog = new frappe.ui.Dialog({
		title: __("Exchange {0}", [frm.doc.serial_no]),
		fields: [
			{
				fieldname: "replacement",
				label: __("Replacement Unit"),
				fieldtype: "Link",
				options: "Serial No",
				reqd: 1,
				default: frm.doc.replacement,
				description: __("A unit in stock, given to the customer in place of theirs."),
				get_query: () => ({
					filters: {
						company: frm.doc.company,
						st_lifecycle_status: "In Stock",
						warehouse: ["is", "set"],
					},
				}),
			},
		],
		primary_action_label: __("Exchange"),
		primary_action(values) {
			dialog.hide();
			call("exchange", values);
		},
	});
	dialog.show();
};

serial_tracking.rma_to_supplier = function (frm, call) {
	frappe.call("serial_tracking.api.rma.vendor_cover", { name: frm.doc.name }).then(({ message }) => {
		if (!message.warning) return call("to_supplier");
		frappe.confirm(message.warning, () => call("to_supplier", { confirm_out_of_warranty: 1 }));
	});
};
