from serial_tracking.platform import compat
from serial_tracking.series.line_serials import VOUCHERS as _LINE_VOUCHERS

app_name = "serial_tracking"
app_title = "Serial Tracking"
app_publisher = "Serial Tracking contributors"
app_description = "Per-item quantity or serialized-unit tracking for ERPNext"
app_email = "serial-tracking@example.org"
app_license = "gpl-3.0"

# "org/repo" form, as hrms: a bare "erpnext" makes Frappe look the org up on GitHub at install.
required_apps = ["frappe/erpnext"]

# The apps screen (Frappe 15's /apps, Frappe 16's desktop and app switcher): the workspace, at the
# desk route of the running Frappe (/app on 15, /desk on 16).
add_to_apps_screen = [
	{
		"name": app_name,
		"logo": "/assets/serial_tracking/images/serial-tracking-logo.svg",
		"title": app_title,
		"route": compat.desk_route("serial-tracking"),
		"has_permission": "serial_tracking.boot.has_app_permission",
	}
]

after_install = "serial_tracking.install.after_install"
after_migrate = "serial_tracking.install.after_migrate"
before_uninstall = "serial_tracking.install.before_uninstall"

scheduler_events = {"daily": ["serial_tracking.tasks.daily"]}

boot_session = "serial_tracking.boot.boot_session"
app_include_js = "serial_tracking.bundle.js"
export_python_type_annotations = True

jinja = {
	"methods": [
		"serial_tracking.series.labels.serial_label_code128",
		"serial_tracking.series.labels.serial_label_qr",
		# custom print formats: {{ serials_of_line(item, doc) }} (see README, The customer's side)
		"serial_tracking.customers.papers.serials_of_line",
	]
}

override_whitelisted_methods = {
	# A maker serial scanned into a transaction finds its unit, as the internal serial does.
	"erpnext.stock.utils.scan_barcode": "serial_tracking.api.scan.scan_barcode",
	# The till: a scanned unit the till may not sell is refused with the reason; the serial picker skips them.
	"erpnext.selling.page.point_of_sale.point_of_sale.get_items": "serial_tracking.api.till.get_items",
	"erpnext.stock.doctype.serial_no.serial_no.auto_fetch_serial_number": "serial_tracking.api.till.auto_fetch_serial_number",
}
page_js = {"point-of-sale": "public/js/point_of_sale.js"}

# The customer's portal: their units (www/my-units), one unit's page with "report a problem".
portal_menu_items = [{"title": "My Units", "route": "/my-units", "role": "Customer"}]
website_route_rules = [{"from_route": "/my-units/<serial_no>", "to_route": "my-units/unit"}]

# GS1 Digital Link paths (/01/<gtin>/21/<serial>, /8004/<giai>): the unit's form, its link set or its
# public page, before Frappe's own pages.
page_renderer = ["serial_tracking.gs1.resolver.DigitalLinkPage"]

override_doctype_dashboards = {"Serial No": "serial_tracking.overrides.serial_no.get_dashboard_data"}

doctype_js = {
	"Item": "public/js/item.js",
	"Serial No": ["public/js/serial_no.js", "public/js/gs1_forms.js"],
	**{
		doctype: ["public/js/stock_voucher.js", "public/js/gs1_forms.js"]
		for doctype in (
			"Purchase Receipt",
			"Purchase Invoice",
			"Subcontracting Receipt",
			"Stock Reconciliation",
		)
	},
	"Stock Entry": ["public/js/stock_voucher.js", "public/js/stock_entry.js", "public/js/gs1_forms.js"],
	"Delivery Note": "public/js/gs1_forms.js",
	"Maintenance Visit": "public/js/part_swaps.js",
	"Warranty Claim": ["public/js/part_swaps.js", "public/js/warranty_claim.js"],
}
for _doctype in _LINE_VOUCHERS:  # a submitted voucher lists its lines' serials
	_scripts = doctype_js.get(_doctype, [])
	doctype_js[_doctype] = [
		*([_scripts] if isinstance(_scripts, str) else _scripts),
		"public/js/line_serials.js",
	]
doctype_list_js = {"Serial No": "public/js/serial_no_list.js"}

doc_events = {
	"Item": {
		"before_validate": "serial_tracking.overrides.item.before_validate",
	},
	"Item Group": {
		"validate": "serial_tracking.overrides.item_group.validate",
	},
	"Stock Ledger Entry": {
		"after_insert": "serial_tracking.overrides.stock_ledger_entry.after_insert",
		"on_submit": "serial_tracking.overrides.stock_ledger_entry.on_submit",
	},
	# Any voucher that posted stock ledger entries: write the audit events of the units it moved.
	"*": {
		"before_validate": "serial_tracking.overrides.any_voucher.before_validate",
		"before_cancel": "serial_tracking.overrides.any_voucher.before_cancel",
		"on_submit": "serial_tracking.overrides.any_voucher.on_submit",
		"on_cancel": "serial_tracking.overrides.any_voucher.on_cancel",
	},
	("Delivery Note", "Sales Invoice", "POS Invoice"): {
		"validate": "serial_tracking.overrides.stock_controller.validate",
	},
	("Delivery Note", "Sales Invoice"): {
		"before_submit": "serial_tracking.overrides.stock_controller.before_submit",
		"on_submit": "serial_tracking.overrides.stock_controller.on_delivery_submit",
		"on_cancel": "serial_tracking.overrides.stock_controller.on_delivery_cancel",
	},
	"Maintenance Visit": {
		"validate": "serial_tracking.overrides.maintenance_visit.validate",
		"on_submit": "serial_tracking.overrides.maintenance_visit.on_submit",
		"on_cancel": "serial_tracking.overrides.maintenance_visit.on_cancel",
	},
	"Stock Reservation Entry": {
		"on_submit": "serial_tracking.overrides.stock_reservation_entry.on_submit",
		"on_update_after_submit": "serial_tracking.overrides.stock_reservation_entry.on_update_after_submit",
		"on_cancel": "serial_tracking.overrides.stock_reservation_entry.on_cancel",
	},
	"Warranty Claim": {
		"validate": "serial_tracking.overrides.warranty_claim.validate",
		"on_update": "serial_tracking.overrides.warranty_claim.on_update",
	},
	# Vouchers that bring units in: serials checked at validate, generated at submit.
	(
		"Purchase Receipt",
		"Purchase Invoice",
		"Subcontracting Receipt",
		"Stock Entry",
		"Stock Reconciliation",
	): {
		"validate": "serial_tracking.overrides.stock_controller.validate",
		"before_submit": "serial_tracking.overrides.stock_controller.before_submit",
		"on_submit": "serial_tracking.overrides.stock_controller.on_submit",
		"on_cancel": "serial_tracking.overrides.stock_controller.on_cancel",
	},
	# After the handlers shared by stock vouchers: genealogy links the units once their movements are written.
	"Stock Entry": {
		"validate": "serial_tracking.overrides.stock_entry.validate",
		"on_submit": "serial_tracking.overrides.stock_entry.on_submit",
		"on_cancel": "serial_tracking.overrides.stock_entry.on_cancel",
	},
	# Last of each voucher's own handlers (ERPNext's on_submit made the bundles, the app generated the
	# serials in them at before_submit): every line shows its serials.
	tuple(_LINE_VOUCHERS): {"on_submit": "serial_tracking.overrides.line_serials.on_submit"},
	# The customer's papers: each line's units in the print's language; a Product Bundle's line, its
	# packed items' (written at submit, after the lines' own).
	"Packing Slip": {"validate": "serial_tracking.overrides.customer_papers.validate_packing_slip"},
	("Delivery Note", "Sales Invoice", "POS Invoice", "Packing Slip", "Warranty Claim"): {
		"on_submit": "serial_tracking.overrides.customer_papers.on_submit",
		"before_print": "serial_tracking.overrides.customer_papers.before_print",
	},
}
