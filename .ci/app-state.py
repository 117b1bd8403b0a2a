"""Print the state of serial_tracking on a site: absent, complete or incomplete (used by .ci/link-app).

    cd <bench>/sites && ../env/bin/python <repo>/.ci/app-state.py <site>

Read from the database past every cache: "incomplete" is an app listed as installed whose doctypes,
tables or custom fields are missing (an install-app that ran against a stale module map).
"""

import json
import sys

import frappe


def main(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		rows = frappe.db.sql(
			"select defvalue from tabDefaultValue where parent='__global' and defkey='installed_apps'"
		)
		installed = json.loads(rows[0][0] if rows and rows[0][0] else "[]")
		if "serial_tracking" not in installed:
			print("absent")
			return
		tables = set(frappe.db.get_tables(cached=False))
		complete = (
			frappe.db.sql("select name from tabDocType where name='Serial Tracking Settings'")
			and {"tabSerial Audit Event", "tabTracking Mode Change"} <= tables
			and frappe.db.sql("show columns from `tabItem` like 'st_tracking_mode'")
		)
		print("complete" if complete else "incomplete")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1])
