/* global $ -- jQuery, as in every Frappe form */
// Unit Import: attach a file and save to check every row (the preview below shows what each row would
// do, problems first); change a column's field, the date order or the decimal separator and save to read
// it again; Import brings the new units in and updates the others (in the background when many).
const IMPORT_API = "serial_tracking.api.unit_import.";

frappe.ui.form.on("Unit Import", {
	setup(frm) {
		frm.get_field("columns").grid.cannot_add_rows = true;
		frm.set_df_property("columns", "cannot_delete_rows", 1);
		frm.set_query("difference_account", () => ({
			filters: { company: frm.doc.company, is_group: 0 },
		}));
		frm.set_query("rows_warehouse", () => ({
			filters: { company: frm.doc.company, is_group: 0 },
		}));
		// A column's field: one of the import's, or a unit attribute (a field the business added to Serial No)
		frappe.model.with_doctype("Serial No", () => {
			const values = ["Data", "Select", "Small Text", "Text", "Link", "Date", "Int", "Float", "Currency"];
			const attributes = frappe
				.get_meta("Serial No")
				.fields.filter(
					(df) => df.is_custom_field && !df.fieldname.startsWith("st_") && values.includes(df.fieldtype)
				)
				.map((df) => df.label);
			const field = frappe.meta.get_docfield("Unit Import Column", "field", frm.doc.name);
			const own = (field.options || "").split("\n");
			frm.fields_dict.columns.grid.update_docfield_property("field", "options", [...own, ...attributes]);
		});
	},

	refresh(frm) {
		const spec = frappe.boot.serial_tracking.unit_import;
		frm.dashboard.clear_comment();
		frm.set_intro(intro(frm), frm.doc.error && frm.doc.docstatus === 0 ? "red" : "blue");
		frm.add_custom_button(__("Export Units"), () =>
			serial_tracking.export_units({ company: frm.doc.company, preset: frm.doc.preset })
		);
		frm.add_custom_button(__("Download Template"), () =>
			serial_tracking.export_units({ company: frm.doc.company, preset: frm.doc.preset }, true)
		);
		if (frm.is_new()) return;
		frappe.realtime.off("st_import_done");
		frappe.realtime.on("st_import_done", (data) => {
			if (data.name === frm.doc.name) frm.reload_doc();
		});
		if (frm.doc.docstatus === 0 && frm.doc.status === spec.statuses.checked) {
			frm.page.set_primary_action(__("Import"), () => start(frm));
		}
		const stopped = [spec.statuses.queued, spec.statuses.interrupted].includes(frm.doc.status);
		if (frm.doc.docstatus === 1 && stopped) {
			frm.add_custom_button(__("Resume"), () =>
				frappe
					.call({ method: IMPORT_API + "resume", args: { name: frm.doc.name }, freeze: true })
					.then(() => frm.reload_doc())
			);
		}
		if (frm.doc.total_rows) {
			frm.add_custom_button(
				__("Rows"),
				() => frappe.set_route("List", "Unit Import Row", { unit_import: frm.doc.name }),
				__("View")
			);
			new UnitImportPreview(frm);
		}
	},

	import_file(frm) {
		if (!frm.is_new()) frm.save();
	},
});

function intro(frm) {
	const spec = frappe.boot.serial_tracking.unit_import;
	if (frm.is_new()) return __("Choose the company and what the import does, then save to attach the file.");
	if (frm.doc.status === spec.statuses.queued) {
		return __(
			"Importing in the background, in parts; the progress shows here. If the work stopped (a worker died), Resume goes on from the next part."
		);
	}
	if (frm.doc.status === spec.statuses.interrupted) {
		return __(
			"The import stopped after {0} parts: {1} Resume goes on from the next part; Cancel takes back the parts imported.",
			[frm.doc.parts_done, frm.doc.error || ""]
		);
	}
	if (frm.doc.docstatus === 0 && frm.doc.error) {
		return __("The last import failed and changed nothing: {0}", [frm.doc.error]);
	}
	if (frm.doc.docstatus === 0 && !frm.doc.import_file) {
		return __("Attach a CSV or Excel file, a unit a row, with a header row.");
	}
	if (frm.doc.docstatus === 0 && frm.doc.ignored_columns) {
		return __("Columns not imported: {0}. Give them a field in Columns to import them.", [
			frm.doc.ignored_columns,
		]);
	}
	if (frm.doc.docstatus === 0 && frm.doc.imported_before) {
		return __(
			"This file was imported before by {0}: its units on hand show as Unchanged, and only what differs is imported.",
			[frm.doc.imported_before]
		);
	}
	if (frm.doc.docstatus === 0) {
		return __("Check the rows below, correct the file or the columns and save again, then Import.");
	}
	return "";
}

function start(frm) {
	const go = () =>
		frappe.confirm(
			__("Import {0} new units and update {1}? Rows with errors and skipped rows are left out.", [
				frm.doc.new_units,
				frm.doc.updates,
			]),
			() =>
				frappe
					.call({ method: IMPORT_API + "start", args: { name: frm.doc.name }, freeze: true })
					.then(({ message }) => {
						if (message.queued) {
							frappe.show_alert({
								message: __("Importing in the background; the progress shows here."),
								indicator: "blue",
							});
						}
						frm.reload_doc();
					})
		);
	if (frm.is_dirty()) frm.save().then(go);
	else go();
}

class UnitImportPreview {
	constructor(frm) {
		this.frm = frm;
		this.verdict = frm.doc.errors ? "Error" : null;
		this.$wrapper = frm.get_field("rows_html").$wrapper;
		this.rows = [];
		this.load(0);
	}

	load(start) {
		frappe
			.call({
				method: IMPORT_API + "rows",
				args: { name: this.frm.doc.name, verdict: this.verdict, start, limit: 100 },
			})
			.then(({ message }) => {
				this.rows = start ? this.rows.concat(message.rows) : message.rows;
				this.total = message.total;
				this.render();
			});
	}

	render() {
		const e = frappe.utils.escape_html;
		const colours = frappe.boot.serial_tracking.unit_import.verdicts;
		const counts = {
			New: this.frm.doc.new_units,
			Update: this.frm.doc.updates,
			Unchanged: this.frm.doc.unchanged,
			Skipped: this.frm.doc.skipped,
			Error: this.frm.doc.errors,
		};
		const tabs = [[null, __("All"), this.frm.doc.total_rows]]
			.concat(Object.keys(colours).map((v) => [v, __(v), counts[v] || 0]))
			.map(
				([v, label, n]) =>
					`<button class="btn btn-xs ${v === this.verdict ? "btn-primary" : "btn-default"} st-import-tab"
						data-verdict="${v || ""}">${e(label)} (${n})</button>`
			)
			.join(" ");
		const lines = this.rows
			.map(
				(row) => `<tr>
					<td>${row.row_no}</td>
					<td><span class="indicator-pill ${colours[row.verdict] || "gray"}">${e(__(row.verdict))}</span></td>
					<td>${row.unit ? `<a href="${frappe.utils.get_form_link("Serial No", row.unit)}">${e(row.unit)}</a>` : e(row.serial_no || "")}</td>
					<td>${e(row.item_code || "")}</td>
					<td>${e(row.warehouse || "")}</td>
					<td>${e(__(row.status || ""))}</td>
					<td style="white-space: pre-line">${e(row.message || "")}</td>
				</tr>`
			)
			.join("");
		const more =
			this.rows.length < this.total
				? `<button class="btn btn-xs btn-default st-import-more">${__("Show More")}</button>`
				: "";
		this.$wrapper.html(`
			<div class="st-import-preview">
				<div style="margin-bottom: var(--margin-md);">${tabs}</div>
				<table class="table table-bordered table-condensed">
					<thead><tr><th>${__("Row")}</th><th>${__("Verdict")}</th><th>${__("Serial No")}</th>
						<th>${__("Item")}</th><th>${__("Warehouse")}</th><th>${__("Lifecycle Status")}</th>
						<th>${__("Message")}</th></tr></thead>
					<tbody>${lines || `<tr><td colspan="7" class="text-muted">${__("No rows.")}</td></tr>`}</tbody>
				</table>
				${more}
			</div>`);
		this.$wrapper.find(".st-import-tab").on("click", (event) => {
			this.verdict = $(event.currentTarget).data("verdict") || null;
			this.load(0);
		});
		this.$wrapper.find(".st-import-more").on("click", () => this.load(this.rows.length));
	}
}
