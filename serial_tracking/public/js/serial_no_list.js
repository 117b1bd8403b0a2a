// Extends ERPNext's Serial No list with an "On hand" / "All" switch: on hand means the unit is in a warehouse.
(() => {
	const settings = (frappe.listview_settings["Serial No"] ||= {});
	const erpnext_onload = settings.onload;
	const spec = () => frappe.boot.serial_tracking;

	settings.add_fields = [...(settings.add_fields || []), "st_lifecycle_status", "warehouse"];
	settings.get_indicator = function (doc) {
		if (!doc.st_lifecycle_status) return;
		const status = doc.st_lifecycle_status;
		return [__(status), spec().status_colours[status] || "gray", `st_lifecycle_status,=,${status}`];
	};

	settings.onload = function (listview) {
		erpnext_onload?.(listview);
		const show = listview.page.add_field({
			fieldname: "st_show",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "All", label: __("All") },
				{ value: "On hand", label: __("On hand") },
			],
			default: "All",
			change() {
				const on_hand = show.get_value() === "On hand";
				const filter_area = listview.filter_area;
				const has = filter_area.exists(["Serial No", "warehouse", "is", "set"]);
				if (on_hand && !has) filter_area.add([["Serial No", "warehouse", "is", "set"]]);
				if (!on_hand && has) filter_area.remove("warehouse");
			},
		});
		// Frappe sends every field of page.fields_dict as a filter of the list query (get_standard_filters),
		// and st_show is no column of Serial No: the switch adds or removes the warehouse filter itself.
		delete listview.page.fields_dict.st_show;
		if ((frappe.route_options || {}).warehouse) show.set_value("On hand");

		// The unit actions in bulk, offered only when every selected unit can take them (the menu is
		// sorted out as it opens), and refused with each unit's reason otherwise.
		const items = {};
		for (const name of [...Object.keys(spec().actions), spec().condition_action]) {
			items[name] = listview.page.add_actions_menu_item(serial_tracking.action_label(name), () => {
				const units = listview.get_checked_items();
				if (!units.length) return frappe.msgprint(__("Select the units first."));
				const refused = units.filter((unit) => !serial_tracking.action_applies(name, unit));
				if (refused.length) return serial_tracking.refuse_action(name, refused);
				serial_tracking.run_unit_action(
					units.map((unit) => unit.name),
					name,
					() => listview.refresh()
				);
			});
		}
		listview.page.actions_btn_group.on("show.bs.dropdown", () => {
			const units = listview.get_checked_items();
			for (const [name, $item] of Object.entries(items)) {
				const applies = units.every((unit) => serial_tracking.action_applies(name, unit));
				$item.parent().toggleClass("hidden", !applies);
			}
		});

		listview.page.add_actions_menu_item(__("Print Labels"), () => {
			const serials = listview.get_checked_items(true);
			if (!serials.length) return frappe.msgprint(__("Select the units to print labels for."));
			serial_tracking.print_labels({ serials: JSON.stringify(serials) });
		});
	};
})();
