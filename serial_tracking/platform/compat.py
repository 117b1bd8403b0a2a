"""What differs between the Frappe and ERPNext majors the app supports, 15 and 16: every version check
of the app is in this module, and the rest of the app asks it.

One codebase (one branch) serves both: the differences the app meets are few field names, one route and
one keyword argument, each answered here, so a fix lands once and is tested on both benches.
"""

import sys

import frappe

import erpnext


def major(version: str) -> int:
	"""16 of "16.9.1" or "16.0.0-dev"."""
	return int(version.split(".", 1)[0])


FRAPPE_MAJOR = major(frappe.__version__)
ERPNEXT_MAJOR = major(erpnext.__version__)

# Frappe 16 moved the desk from /app to /desk (and redirects /app/... there).
DESK = "/desk" if FRAPPE_MAJOR >= 16 else "/app"

# ERPNext 16 records where a Serial No came from as reference_doctype/reference_name/posting_date, where
# ERPNext 15 had purchase_document_no; its Serial and Batch Bundle has one posting_datetime for
# posting_date and posting_time.
SERIAL_SOURCE_BY_REFERENCE = ERPNEXT_MAJOR >= 16
BUNDLE_POSTING_DATETIME = ERPNEXT_MAJOR >= 16
# ERPNext 16 names the serials it generates with one counter update per receipt line (NamingSeries and
# parse_naming_series); ERPNext 15 calls make_autoname once per serial. (The benchmarks compare with it.)
SERIES_COUNTER_PER_LINE = ERPNEXT_MAJOR >= 16
# ERPNext 16's scan_barcode takes the form's context (company, warehouse) and adds the default warehouse.
SCAN_TAKES_CONTEXT = ERPNEXT_MAJOR >= 16
# ERPNext 16's Stock Settings switch "Enable Serial / Batch No for Item": off, no Serial and Batch Bundle can
# be saved and the desk hides the serial fields (a new site has it off unless it has serials or batches
# when ERPNext 16's patch runs). ERPNext 15 has no such switch.
SERIAL_BATCH_SWITCH = "enable_serial_and_batch_no_for_item" if ERPNEXT_MAJOR >= 16 else None
# ERPNext 16's POS Settings say which invoice the till makes, "Sales Invoice" (the default) or "POS Invoice",
# and refuse a POS Invoice in Sales Invoice mode; ERPNext 15 always takes POS Invoices (the setting's
# section of its Accounts Settings holds only post_change_gl_entries, which 16 moved to POS Settings).
POS_INVOICE_TYPE_SETTING = ("POS Settings", "invoice_type") if ERPNEXT_MAJOR >= 16 else None
# ERPNext 16 prints Delivery Notes, Sales Invoices and POS Invoices with print formats of its own: at
# install it makes "... with Item Image" the doctypes' default print format
# (erpnext.setup.install.set_default_print_formats), and it ships "... Standard" besides. Their items table
# has fixed columns (the item's name, code, quantity, rate, amount) and prints no other field of the line,
# so the line's Serials field is not on the paper; each prints the line's ``item_name`` as it is (HTML).
# ERPNext 15 prints with Frappe's generated Standard format, which has a column for every line field not
# hidden from print (Serials among them).
FIXED_COLUMN_PRINT_FORMATS = (
	frozenset(
		{
			"Delivery Note with Item Image",
			"Delivery Note Standard",
			"Sales Invoice with Item Image",
			"Sales Invoice Standard",
			"POS Invoice with Item Image",
			"POS Invoice Standard",
		}
	)
	if ERPNEXT_MAJOR >= 16
	else frozenset()
)


def set_in_test(enable: bool) -> None:
	"""Mark the process as running tests, as `bench run-tests` does: Frappe 16 reads ``frappe.in_test``
	(``frappe.flags.in_test`` is its deprecated alias), Frappe 15 the flag. (The app itself never branches
	on it; the ERPNext-suite scripts make ERPNext's test records with it.)"""
	if FRAPPE_MAJOR >= 16:
		frappe.in_test = enable
	frappe.flags.in_test = enable


def desk_route(*parts: str) -> str:
	"""The desk URL of a route, e.g. desk_route("serial-tracking") -> /desk/serial-tracking on v16."""
	return "/".join([DESK, *parts]) if parts else DESK


def serial_no_last_field() -> str:
	"""The last standard field of Serial No (where the app's own section goes after)."""
	return "reference_name" if SERIAL_SOURCE_BY_REFERENCE else "purchase_document_no"


def serial_no_details_last_field() -> str:
	"""The last field of Serial No's first section (serial, item, warehouse, status...): brand on 15 and 16.
	The app's sections go after it, so the form opens on the unit's item, place and status."""
	return "brand"


def serial_source_fields() -> list[str]:
	"""The Serial No columns ERPNext fills with the voucher that created a unit."""
	if SERIAL_SOURCE_BY_REFERENCE:
		return ["reference_doctype", "reference_name", "posting_date"]
	return ["purchase_document_no"]


def serial_source_values(doc) -> tuple:
	"""The values of ``serial_source_fields`` for units created by the voucher ``doc``."""
	if SERIAL_SOURCE_BY_REFERENCE:
		return (doc.doctype, doc.name, doc.get("posting_date"))
	return (doc.name,)


def created_by_filters(doctype: str, names: str | list[str]) -> dict:
	"""Serial No filters (frappe.get_all) for the units created by the vouchers ``names`` of ``doctype``."""
	names = ("in", names) if isinstance(names, list) else names
	if SERIAL_SOURCE_BY_REFERENCE:
		return {"reference_doctype": doctype, "reference_name": names}
	return {"purchase_document_no": names}


def created_by(serial_no_table, doc):
	"""Criterion: the unit was created by the voucher ``doc`` (as ERPNext records it)."""
	if SERIAL_SOURCE_BY_REFERENCE:
		return (serial_no_table.reference_doctype == doc.doctype) & (
			serial_no_table.reference_name == doc.name
		)
	return serial_no_table.purchase_document_no == doc.name


def bundle_posting(sle) -> dict:
	"""The posting fields of a Serial and Batch Bundle built for the stock ledger entry ``sle``."""
	if BUNDLE_POSTING_DATETIME:
		return {"posting_datetime": sle.posting_datetime}
	return {"posting_date": sle.posting_date, "posting_time": sle.posting_time}


def bundle_posting_date(bundle_table):
	"""The posting date of a Serial and Batch Bundle, as a query term."""
	if BUNDLE_POSTING_DATETIME:
		from frappe.query_builder.functions import Date

		return Date(bundle_table.posting_datetime).as_("posting_date")
	return bundle_table.posting_date


def scan_context(ctx) -> dict:
	"""Keyword arguments that pass the form's scan context on to ERPNext's scan_barcode."""
	return {"ctx": ctx} if SCAN_TAKES_CONTEXT else {}


def desk_entries(app: str, workspaces: list[str]) -> list[tuple[str, str]]:
	"""Frappe 16's desk records of the app, (doctype, name): its Workspace Sidebar (from the app's
	workspace_sidebar folder, or generated by Frappe from the workspace) and the Desktop Icons Frappe
	made for it at install (from add_to_apps_screen and the workspace). Frappe's uninstall removes only
	the sidebars it knows the app of; Frappe 15 has neither doctype."""
	if FRAPPE_MAJOR < 16:
		return []
	sidebars = frappe.get_all(
		"Workspace Sidebar",
		or_filters=[["app", "=", app], ["title", "in", workspaces]],
		filters={"for_user": ("is", "not set")},
		pluck="name",
	)
	icons = frappe.get_all(
		"Desktop Icon",
		or_filters=[["app", "=", app], ["link_to", "in", [*sidebars, *workspaces]]],
		pluck="name",
	)
	return [("Desktop Icon", name) for name in icons] + [("Workspace Sidebar", name) for name in sidebars]


def prints_fixed_columns() -> bool:
	"""Whether the paper being printed (within ``before_print``) uses one of ERPNext 16's fixed-column print
	formats (``FIXED_COLUMN_PRINT_FORMATS``), which print no custom field of a line. Always False on ERPNext 15.

	Frappe calls ``before_print`` with the print settings only; the print format is the ``print_format``
	argument of ``frappe.www.printview.get_rendered_template`` (a Print Format, None for the generated
	Standard format), which every print goes through (the print view and its PDF, the desk's preview,
	``frappe.get_print``, e-mail attachments): read from the calling frame. Outside a print, False."""
	if not FIXED_COLUMN_PRINT_FORMATS:
		return False
	frame = sys._getframe(1)
	while frame is not None:
		code = frame.f_code
		if (
			code.co_name == "get_rendered_template"
			and frame.f_globals.get("__name__") == "frappe.www.printview"
		):
			print_format = frame.f_locals.get("print_format")
			return bool(print_format) and print_format.get("name") in FIXED_COLUMN_PRINT_FORMATS
		frame = frame.f_back
	return False
