"""What must not change when a site of an older release is migrated to this working tree (upgrade tier,
.ci/upgrade). Runs with the bench's Python, from its sites folder:

    ../env/bin/python <repo>/.ci/upgrade-check.py snapshot <site> <file>    what the site holds now
    ../env/bin/python <repo>/.ci/upgrade-check.py compare <site> <file>     the same as <file>, but for
        what the patches that ran since are declared to change (EXPECTED) and the settings the site never
        saved, which take their defaults; each patch of the app in the patch log once; no Error Log
    ../env/bin/python <repo>/.ci/upgrade-check.py same <site> <file>        exactly as <file> (a second
        migrate changes nothing)

A snapshot reads the database only (no code of the app), so it is the same whichever release the bench
imports. Exits 1, listing every difference, when a check fails.
"""

import json
import sys
from collections import Counter

import frappe

APP = "serial_tracking"
MODULE = "Serial Tracking"
SETTINGS = "Serial Tracking Settings"

# ERPNext's records the app's history touches (units, stock and accounts, vouchers, maintenance,
# reminders), beside every table of the app's own doctypes and Frappe's series counters (tabSeries).
DATA = (
	"Serial No",
	"Serial and Batch Bundle",
	"Serial and Batch Entry",
	"Bin",
	"Stock Ledger Entry",
	"GL Entry",
	"Item",
	"Item Group",
	"Warehouse",
	"Stock Entry",
	"Stock Entry Detail",
	"Purchase Receipt",
	"Purchase Receipt Item",
	"Purchase Invoice",
	"Purchase Invoice Item",
	"Delivery Note",
	"Delivery Note Item",
	"Sales Invoice",
	"Sales Invoice Item",
	"Stock Reconciliation",
	"Stock Reconciliation Item",
	"Stock Reservation Entry",
	"Sales Order",
	"Sales Order Item",
	"Maintenance Schedule",
	"Maintenance Schedule Item",
	"Maintenance Schedule Detail",
	"Maintenance Visit",
	"Maintenance Visit Purpose",
	"Warranty Claim",
	"ToDo",
)
ADDS_ROWS = "+rows"

# What each patch is declared to change in data an upgrade carries over: {patch: {doctype: columns
# it may change, or ADDS_ROWS}}. A patch that changes data declares it here, with the reason.
EXPECTED = {
	# the site's first key epoch and a first signed checkpoint over the (unkeyed) chains
	"serial_tracking.patches.v0_3.audit_keys": {
		"Serial Audit Checkpoint": ADDS_ROWS,
		"Serial Audit Checkpoint Head": ADDS_ROWS,
		"Series": ADDS_ROWS,
	},
	# visits a returned unit missed before its return end (kept as missed) and lose their overdue flag
	"serial_tracking.patches.v0_5.missed_visits": {"Maintenance Schedule Detail": {"st_ended", "st_overdue"}},
}


def snapshot() -> dict:
	app_tables = frappe.get_all("DocType", {"module": MODULE, "issingle": 0, "is_virtual": 0}, pluck="name")
	tables = {}
	for doctype in (*DATA, *app_tables):
		if frappe.db.table_exists(doctype):
			tables[doctype] = rows(frappe.qb.DocType(doctype))
	series = frappe.qb.Table("tabSeries")
	tables["Series"] = {
		name: {"current": str(current)}
		for name, current in frappe.qb.from_(series).select(series.name, series.current).run()
	}
	log = frappe.qb.DocType("Patch Log")
	return {
		"tables": tables,
		"settings": settings(),
		"patches": frappe.qb.from_(log).select(log.patch).where(log.patch.like(f"{APP}.%")).run(pluck=True),
		"error_logs": frappe.db.count("Error Log"),
	}


def rows(table) -> dict:
	return {
		row.pop("name"): {column: None if value is None else str(value) for column, value in row.items()}
		for row in frappe.qb.from_(table).select("*").run(as_dict=True)
	}


def settings() -> dict:
	singles = frappe.qb.DocType("Singles")
	return dict(
		frappe.qb.from_(singles).select(singles.field, singles.value).where(singles.doctype == SETTINGS).run()
	)


def differences(before: dict, after: dict, allowed: dict) -> list[str]:
	"""Rows gone, columns gone, values changed and rows added, but for what ``allowed`` declares."""
	found = []
	for doctype, old in before["tables"].items():
		new = after["tables"].get(doctype)
		if new is None:
			found.append(f"{doctype}: the table is gone")
			continue
		may = allowed.get(doctype, set())
		for name, row in old.items():
			if name not in new:
				found.append(f"{doctype} {name}: gone")
				continue
			for column, value in row.items():
				if column not in new[name]:
					found.append(f"{doctype}.{column}: the column is gone")
				elif new[name][column] != value and (may == ADDS_ROWS or column not in may):
					found.append(f"{doctype} {name}: {column} {value!r} -> {new[name][column]!r}")
		added = sorted(set(new) - set(old))
		if added and may != ADDS_ROWS:
			found.append(f"{doctype}: {len(added)} new rows ({', '.join(added[:5])})")
	return found


def allowed_by(patches: list[str]) -> dict:
	allowed = {}
	for patch in patches:
		for doctype, change in EXPECTED.get(patch, {}).items():
			if change == ADDS_ROWS or allowed.get(doctype) == ADDS_ROWS:
				allowed[doctype] = ADDS_ROWS
			else:
				allowed[doctype] = allowed.get(doctype, set()) | change
	return allowed


def settings_defaults(before: dict, after: dict) -> list[str]:
	"""Values the site saved stay; a field it never saved (no row) takes its default; no other row."""
	found = []
	for field, value in before.items():
		if after.get(field, "<no row>") != value:
			found.append(f"setting {field}: {value!r} -> {after.get(field, '<no row>')!r}")
	defaults = {field.fieldname: field.default for field in frappe.get_meta(SETTINGS).fields if field.default}
	for field in sorted(set(after) - set(before)):
		if str(after[field]) != str(defaults.get(field)):
			found.append(
				f"setting {field} (never saved) is {after[field]!r}, its default {defaults.get(field)!r}"
			)
	for field in sorted(set(defaults) - set(after)):
		found.append(f"setting {field} has no value (its default is {defaults[field]!r})")
	return found


def patch_log(after: dict) -> list[str]:
	from frappe.modules.patch_handler import get_patches_from_app

	counts = Counter(after["patches"])
	found = [f"patch {patch} is logged {counts[patch]} times" for patch in counts if counts[patch] > 1]
	found += [f"patch {patch} did not run" for patch in get_patches_from_app(APP) if not counts[patch]]
	return found


def compare(before: dict) -> tuple[list[str], list[str]]:
	after = snapshot()
	ran = sorted(set(after["patches"]) - set(before["patches"]))
	found = differences(before, after, allowed_by(ran))
	found += settings_defaults(before["settings"], after["settings"])
	found += patch_log(after)
	if after["error_logs"] != before["error_logs"]:
		found.append(f"{after['error_logs'] - before['error_logs']} new Error Log entries")
	return ran, found


def main(command: str, site: str, path: str) -> int:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if command == "snapshot":
			with open(path, "w") as file:
				json.dump(snapshot(), file)
			return 0
		with open(path) as file:
			before = json.load(file)
		if command == "compare":
			ran, found = compare(before)
			print(f"patches run: {', '.join(ran) or 'none'}")
		else:
			found = differences(before, snapshot(), {}) + settings_defaults(before["settings"], settings())
		for line in found:
			print(f"  {line}")
		units = len(before["tables"].get("Serial No", {}))
		events = len(before["tables"].get("Serial Audit Event", {}))
		print(f"{command}: {len(found)} differences ({units} units, {events} audit events compared)")
		return 1 if found else 0
	finally:
		frappe.destroy()


if __name__ == "__main__":
	if len(sys.argv) != 4 or sys.argv[1] not in ("snapshot", "compare", "same"):
		sys.exit(__doc__)
	sys.exit(main(*sys.argv[1:]))
