// The app's reports as a user meets them, whichever report it is (their names come from the server,
// frappe.boot.serial_tracking.reports), without a line in each report's own script:
// - filed under the app's workspace: Frappe files a query report under its reference doctype's module
//   (Stock for Serial No, Accounting for Sales Invoice), while the app's doctypes are under Serial Tracking;
// - no column cuts the values on screen: after each render a column is widened to its longest value
//   among the rows shown (free text excepted: it is read in its row).
frappe.provide("frappe.query_reports");
frappe.provide("serial_tracking");

serial_tracking.FREE_TEXT = ["remarks", "address", "components", "problems", "description"];
serial_tracking.FREE_TEXT_TYPES = ["Small Text", "Text", "Long Text", "Text Editor", "HTML"];

serial_tracking.fit_columns = function (datatable) {
	const body = datatable && datatable.bodyScrollable;
	if (!body) return;
	let widened = false;
	for (const column of datatable.datamanager.getColumns()) {
		const df = column.docfield || {};
		if (column.id === "_rowIndex" || column.id === "_checkbox") continue;
		if (serial_tracking.FREE_TEXT.includes(df.fieldname)) continue;
		if (serial_tracking.FREE_TEXT_TYPES.includes(df.fieldtype)) continue;
		let needed = 0;
		const cells = [
			...datatable.header.querySelectorAll(`.dt-cell__content--col-${column.colIndex}`),
			...body.querySelectorAll(`.dt-cell__content--col-${column.colIndex}`),
		];
		for (const cell of cells) {
			if (cell.scrollWidth > cell.clientWidth + 1) needed = Math.max(needed, cell.scrollWidth + 4);
		}
		if (needed > (column.width || 0)) {
			datatable.datamanager.updateColumn(column.colIndex, { width: Math.min(needed, 420) });
			datatable.columnmanager.setColumnHeaderWidth(column.colIndex);
			datatable.columnmanager.setColumnWidth(column.colIndex);
			widened = true;
		}
	}
	if (widened) datatable.style.setBodyStyle();
};

serial_tracking.file_report = function (settings) {
	if (!settings || settings.__serial_tracking) return settings;
	const { onload, after_datatable_render } = settings;
	Object.assign(settings, {
		__serial_tracking: true,
		onload(report) {
			frappe.breadcrumbs.add("Serial Tracking");
			return onload && onload.call(this, report);
		},
		after_datatable_render(datatable) {
			after_datatable_render && after_datatable_render.call(this, datatable);
			// once drawn, and again when the desk's font has loaded (text measured in a fallback font
			// is narrower or wider)
			const fit = () => serial_tracking.fit_columns(datatable);
			setTimeout(fit, 0);
			document.fonts && document.fonts.ready.then(() => setTimeout(fit, 0));
			setTimeout(fit, 600);
		},
	});
	return settings;
};

// Each report's script assigns frappe.query_reports[name] when it is first opened: take it as it comes.
for (const name of (frappe.boot.serial_tracking && frappe.boot.serial_tracking.reports) || []) {
	let settings = serial_tracking.file_report(frappe.query_reports[name]);
	Object.defineProperty(frappe.query_reports, name, {
		configurable: true,
		enumerable: true,
		get: () => settings,
		set: (value) => (settings = serial_tracking.file_report(value)),
	});
}
