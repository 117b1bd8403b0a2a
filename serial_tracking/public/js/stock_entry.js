// Manufacture and Repack entries: which consumed serialized unit goes into which finished unit.
// Before submit the assignment can be changed (or scanned) in a dialog; without one, components go
// in order as the BOM says. After submit the dialog shows the links the entry made.
frappe.ui.form.on("Stock Entry", {
	refresh(frm) {
		if (frm.is_new() || !["Manufacture", "Repack"].includes(frm.doc.purpose)) return;
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Assign Components"), () => serial_tracking.assign_components(frm));
		} else {
			frm.add_custom_button(__("Components"), () => serial_tracking.assign_components(frm), __("View"));
		}
	},
});

frappe.provide("serial_tracking");

serial_tracking.assign_components = function (frm) {
	frappe
		.call("serial_tracking.api.genealogy.assembly", { stock_entry: frm.doc.name })
		.then(({ message: plan }) => {
			if (frm.doc.docstatus !== 0) {
				serial_tracking.show_component_links(plan.links);
			} else if (!plan.finished.length || !plan.rows.length) {
				frappe.msgprint(
					__("This entry makes no serialized units or consumes none: there is nothing to assign.")
				);
			} else {
				serial_tracking.component_dialog(frm, plan);
			}
		});
};

serial_tracking.component_dialog = function (frm, plan) {
	const units = plan.finished.map((f) => ({
		value: f.ref,
		label: f.known ? f.ref : __("{0} (serial given at submit)", [f.ref]),
	}));
	const dialog = new frappe.ui.Dialog({
		title: __("Assign Components"),
		size: "large",
		fields: [
			{
				fieldname: "scan",
				fieldtype: "Data",
				label: __("Scan"),
				description: __("Scan a finished unit, then the components that go into it."),
			},
			{
				fieldname: "target",
				fieldtype: "Select",
				label: __("Into Finished Unit"),
				options: units,
				default: units[0].value,
			},
			{
				fieldname: "rows",
				fieldtype: "Table",
				label: __("Components"),
				cannot_add_rows: true,
				cannot_delete_rows: true,
				in_place_edit: true,
				data: plan.rows,
				fields: [
					{
						fieldname: "component",
						fieldtype: "Data",
						label: __("Component"),
						read_only: 1,
						in_list_view: 1,
					},
					{
						fieldname: "item_code",
						fieldtype: "Data",
						label: __("Item"),
						read_only: 1,
						in_list_view: 1,
					},
					{
						fieldname: "unit",
						fieldtype: "Select",
						label: __("Finished Unit"),
						options: [{ value: "", label: __("None") }, ...units],
						in_list_view: 1,
					},
				],
			},
		],
		primary_action_label: __("Save Assignment"),
		primary_action() {
			const rows = dialog.fields_dict.rows.df.data.map((r) => ({
				component: r.component,
				unit: r.unit || "",
			}));
			dialog.hide();
			frm.set_value("st_component_assignment", JSON.stringify(rows)).then(() => frm.save());
		},
		secondary_action_label: __("Back to In Order"),
		secondary_action() {
			dialog.hide();
			frm.set_value("st_component_assignment", "").then(() => frm.save());
		},
	});
	// A scanner ends each code with Enter: here it places the unit instead of saving the dialog.
	dialog.fields_dict.scan.$input.off("keypress").on("keydown", (event) => {
		if (event.key !== "Enter") return;
		event.preventDefault();
		const value = (dialog.get_value("scan") || "").trim();
		if (value) serial_tracking.scan_into(dialog, units, value);
	});
	dialog.show();
};

// A scanned finished unit becomes the one components go into; a scanned component (its serial or its
// maker's serial) goes into it.
serial_tracking.scan_into = function (dialog, units, value) {
	const table = dialog.fields_dict.rows;
	const place = (serial) => {
		if (units.some((u) => u.value === serial)) {
			dialog.set_value("target", serial);
		} else {
			const row = table.df.data.find((r) => r.component === serial);
			if (!row) return false;
			row.unit = dialog.get_value("target");
			table.grid.refresh();
		}
		return true;
	};
	dialog.fields_dict.scan.$input.val("");
	dialog.set_value("scan", "");
	if (place(value)) return;
	frappe
		.call("serial_tracking.api.scan.scan_barcode", { search_value: value })
		.then(({ message: found }) => {
			if (!(found && found.serial_no && place(found.serial_no))) {
				frappe.show_alert({
					message: __("{0} is neither a finished unit nor a component of this entry.", [value]),
					indicator: "orange",
				});
			}
		});
};

serial_tracking.show_component_links = function (links) {
	if (!links.length) {
		frappe.msgprint(__("This entry linked no components."));
		return;
	}
	const esc = frappe.utils.escape_html;
	const rows = links
		.map(
			(l) => `<tr class="${l.cancelled ? "text-muted" : ""}">
				<td>${frappe.utils.get_form_link("Serial No", l.unit, true)}</td>
				<td>${frappe.utils.get_form_link("Serial No", l.component, true)}</td>
				<td>${esc(l.component_item || "")}</td>
				<td>${format_currency(l.rate)}</td>
				<td>${l.cancelled ? esc(__("Undone")) : l.ended_on ? esc(__("Taken out")) : ""}</td>
			</tr>`
		)
		.join("");
	frappe.msgprint({
		title: __("Components"),
		wide: true,
		message: `<table class="table table-sm small"><thead><tr><th>${esc(__("Unit"))}</th>
			<th>${esc(__("Component"))}</th><th>${esc(__("Item"))}</th><th>${esc(__("Value"))}</th>
			<th></th></tr></thead><tbody>${rows}</tbody></table>`,
	});
};
