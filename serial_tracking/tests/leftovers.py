"""What the app registered with Frappe, looked for after an uninstall wherever Frappe keeps such records
(used by test_install and by the upgrade tier, .ci/upgrade-site.py)."""

import frappe
from frappe.query_builder import Criterion

APP = "serial_tracking"
MODULE = "Serial Tracking"

# Frappe's records of what an app brings: doctypes and their parts, reports, customisations, the desk,
# scheduled jobs, patches, installed apps, defaults and single values; Frappe 16's sidebars and desktop
# icons. Tables a version does not have are skipped. Not here: Deleted Document (Frappe's recycle bin of
# what the uninstall deleted), logs of what users did (Version, Comment, Error Log).
REGISTRIES = (
	"Module Def",
	"DocType",
	"DocField",
	"DocPerm",
	"Custom DocPerm",
	"DocType Action",
	"DocType Link",
	"DocType State",
	"Custom Field",
	"Property Setter",
	"Client Script",
	"Server Script",
	"Report",
	"Report Column",
	"Report Filter",
	"Has Role",
	"Prepared Report",
	"Print Format",
	"Page",
	"Web Form",
	"Workspace",
	"Workspace Link",
	"Workspace Shortcut",
	"Workspace Chart",
	"Workspace Number Card",
	"Workspace Quick List",
	"Workspace Custom Block",
	"Workspace Sidebar",
	"Workspace Sidebar Item",
	"Desktop Icon",
	"Number Card",
	"Dashboard Chart",
	"Dashboard",
	"Module Onboarding",
	"Onboarding Step",
	"Notification",
	"Role",
	"Custom Role",
	"Scheduled Job Type",
	"Scheduled Job Log",
	"Patch Log",
	"Installed Application",
	"Variant Field",
	"DefaultValue",
	"Singles",
)
TEXT_TYPES = ("char", "varchar", "text", "mediumtext", "longtext", "json")


def app_names() -> list[str]:
	"""The module, the app's doctypes and its reports: read while the app is installed."""
	return [
		MODULE,
		*frappe.get_all("DocType", {"module": MODULE}, pluck="name"),
		*frappe.get_all("Report", {"module": MODULE}, pluck="name"),
	]


def leftovers(names: list[str]) -> dict[str, int]:
	"""{table: rows} of Frappe's registries with a text column that is one of ``names`` or mentions the
	app (``serial_tracking``, as in methods, patches, installed apps); empty when the app left nothing."""
	columns = text_columns()
	found = {}
	for doctype in REGISTRIES:
		table = frappe.qb.Table(f"tab{doctype}")
		fields = columns.get(f"tab{doctype}")
		if not fields:
			continue
		named = Criterion.any([table[field].isin(names) | table[field].like(f"%{APP}%") for field in fields])
		rows = frappe.qb.from_(table).select(table.star).where(named).run()
		if rows:
			found[doctype] = len(rows)
	return found


def text_columns() -> dict[str, list[str]]:
	"""{table: its text columns} of the registries this site has."""
	schema = frappe.qb.Schema("information_schema")
	rows = (
		frappe.qb.from_(schema.columns)
		.select(schema.columns.table_name, schema.columns.column_name)
		.where(
			(schema.columns.table_schema == frappe.conf.db_name)
			& schema.columns.table_name.isin([f"tab{doctype}" for doctype in REGISTRIES])
			& schema.columns.data_type.isin(TEXT_TYPES)
		)
	).run()
	columns = {}
	for table, column in rows:
		columns.setdefault(table, []).append(column)
	return columns
