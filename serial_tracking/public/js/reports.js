// The app's reports as a user meets them, whichever report it is (their names come from the server,
// frappe.boot.serial_tracking.reports), without a line in each report's own script:
// - filed under the app's workspace: Frappe files a query report under its reference doctype's module
//   (Stock for Serial No, Accounting for Sales Invoice), while the app's doctypes are under Serial Tracking;
// - no column cuts the values on screen: after each render a column is widened to its longest value
//   among the rows shown (free text excepted: it is read in its row);
// - a chart of counts steps its axis by whole numbers.
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
		for (const cell of body.querySelectorAll(`.dt-cell__content--col-${column.colIndex}`)) {
			needed = Math.max(needed, serial_tracking.cell_width(cell));
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

// The width a cell needs to show its text whole: its text's own width (not scrollWidth, which ignores the
// white space Chromium counts before it draws an ellipsis), its padding and a little room.
serial_tracking.cell_width = function (cell) {
	const style = getComputedStyle(cell);
	const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
	return Math.ceil(serial_tracking.text_width(cell) + padding + 8);
};

serial_tracking.text_width = function (element) {
	const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
	const range = document.createRange();
	let width = 0;
	while (walker.nextNode()) {
		if (!walker.currentNode.textContent.trim()) continue;
		range.selectNodeContents(walker.currentNode);
		width += range.getBoundingClientRect().width;
	}
	return width;
};

// A chart of counts (the server marks it whole_numbers) steps its axis by whole numbers: frappe-charts
// divides an axis up to 2 in halves, and Frappe sets a report chart's axis options itself.
serial_tracking.whole_numbers = function (report) {
	const options = report && report.chart_options;
	if (!options || !options.whole_numbers || options.__whole || !report.render_chart) return;
	const largest = Math.max(0, ...options.data.datasets.flatMap((dataset) => dataset.values));
	options.__whole = true;
	if (largest >= 3) return; // from 3 up the steps are whole already
	options.axisOptions = { ...options.axisOptions, yAxisRange: { min: 0, max: 4 } };
	report.render_chart(options);
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
			serial_tracking.whole_numbers(frappe.query_report);
			// once drawn, and again when the desk's font has loaded (text measured in a fallback font
			// is narrower or wider)
			const fit = () => serial_tracking.fit_columns(datatable);
			for (const wait of [0, 150, 600]) setTimeout(fit, wait);
			document.fonts && document.fonts.ready.then(() => setTimeout(fit, 0));
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
