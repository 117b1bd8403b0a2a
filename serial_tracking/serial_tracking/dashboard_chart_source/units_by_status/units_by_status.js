frappe.provide("frappe.dashboards.chart_sources");

// The workspace chart: units per lifecycle status, always in the statuses' own order (one colour), so a
// load draws what the last one drew.
frappe.dashboards.chart_sources["Units by Status"] = {
	method: "serial_tracking.api.dashboard.units_by_status",
	filters: [],
};
