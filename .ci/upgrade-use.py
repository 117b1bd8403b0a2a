"""An upgraded site at work with this working tree's code (upgrade tier, .ci/upgrade). Runs with the
bench's Python, from its sites folder:

    ../env/bin/python <repo>/.ci/upgrade-use.py reports <site>           every report of the app runs;
        Serial Integrity Check finds no drift between the units and the stock ledger
    ../env/bin/python <repo>/.ci/upgrade-use.py work <site> <snapshot>   the daily job (no reminder made
        twice), a receipt of each series item (its counter goes on from where the release left it, no
        serial issued again), old units checked in, delivered and counted (a Unit Count, approved)
    ../env/bin/python <repo>/.ci/upgrade-use.py names <site> <file>      before an uninstall: what the app
        registered and ERPNext's records
    ../env/bin/python <repo>/.ci/upgrade-use.py uninstalled <site> <file>  after it: nothing of the app
        left in Frappe's registries, ERPNext's records as they were

Exits 1, saying what failed, when a check fails.
"""

import json
import sys
from collections import Counter

import frappe
from frappe.utils import add_days, nowdate

APP = "serial_tracking"
MODULE = "Serial Tracking"
SERIALIZED = "Serialized"
ERPNEXT = ("Item", "Serial No", "Stock Ledger Entry", "GL Entry", "Bin", "Serial and Batch Bundle", "ToDo")


class Failed(Exception):
	pass


def check(condition, message: str) -> None:
	if not condition:
		raise Failed(message)


def reports() -> list[str]:
	from frappe.desk.query_report import run

	company = frappe.db.get_single_value("Global Defaults", "default_company")
	base = {"company": company, "from_date": add_days(nowdate(), -365), "to_date": nowdate()}
	extra = {
		"Recall Trace": [{"supplier": frappe.get_all("Supplier", pluck="name", limit=1)[0]}],
		"Serial Profitability": [{}, {"group_by": "Item"}],
		"Unit History": [{"view": "Events"}],
		"Units Due for Count": [{"view": "Units", "days_ahead": 30}],
	}
	done = []
	for name in frappe.get_all("Report", {"module": MODULE}, pluck="name", order_by="name"):
		for filters in extra.get(name, [{}]):
			result = run(name, filters={**base, **filters}, ignore_prepared_report=True)
			rows = result.get("result") or []
			variant = "".join(f", {key} {value}" for key, value in filters.items())
			done.append(f"report {name}{variant}: {len(rows)} rows")
			if name == "Serial Integrity Check":
				check(not rows, f"Serial Integrity Check finds drift after the upgrade: {rows[:3]}")
	return done


def work(before: dict) -> list[str]:
	demo = frappe.db.count("Serial Tracking Demo Record")
	check(not demo, f"the upgrade loaded the demo data ({demo} records)")
	return [reminders(), *counters(before), units_at_work()]


def reminders() -> str:
	"""The daily job after the upgrade: reminders the release made are recognised (no second one)."""
	from serial_tracking import tasks

	tasks.daily()
	frappe.db.commit()
	todo = frappe.qb.DocType("ToDo")
	keys = (
		frappe.qb.from_(todo)
		.select(todo.st_reminder)
		.where((todo.status == "Open") & todo.st_reminder.isnotnull())
	).run(pluck=True)
	twice = [key for key, n in Counter(keys).items() if n > 1]
	check(not twice, f"the daily job reminded twice of {twice}")
	unkeyed = frappe.get_all(
		"ToDo",
		{"status": "Open", "description": ("like", "%[overdue-checkout]%"), "st_reminder": ("is", "not set")},
		pluck="name",
	)
	check(not unkeyed, f"reminders of the release left without their key: {unkeyed}")
	return f"daily job: {len(keys)} open reminders, none twice"


def counters(before: dict) -> list[str]:
	"""One unit of each series item received now: its serial is new and its counter moved by one."""
	old_serials = set(before["tables"]["Serial No"])
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	store = frappe.get_all(
		"Warehouse", {"company": company, "is_group": 0, "warehouse_name": "Stores"}, pluck="name"
	)[0]
	supplier = frappe.get_all("Supplier", pluck="name", limit=1)[0]
	done = []
	items = frappe.get_all(
		"Item",
		{"st_tracking_mode": SERIALIZED, "st_series_template": ("is", "set"), "disabled": 0},
		pluck="name",
	)
	for item in sorted(items):
		series = counters_now()
		receipt = frappe.get_doc(
			{
				"doctype": "Purchase Receipt",
				"company": company,
				"supplier": supplier,
				"items": [{"item_code": item, "qty": 1, "rate": 10, "warehouse": store}],
			}
		).insert()
		receipt.submit()
		frappe.db.commit()
		bundles = frappe.get_all("Serial and Batch Bundle", {"voucher_no": receipt.name}, pluck="name")
		serials = frappe.get_all("Serial and Batch Entry", {"parent": ("in", bundles)}, pluck="serial_no")
		check(len(serials) == 1, f"{item}: the receipt of one unit brought in {serials}")
		serial = serials[0]
		check(serial not in old_serials, f"{item}: serial {serial} was issued before the upgrade")
		moved = {  # the serial's own counter (keyed by the text before it), not the receipt's name's
			key: value
			for key, value in counters_now().items()
			if series.get(key) != value and serial.startswith(key)
		}
		check(len(moved) == 1, f"{item}: the receipt moved these counters: {moved}")
		((key, current),) = moved.items()
		check(
			current == (series.get(key) or 0) + 1,
			f"{item}: counter {key} went from {series.get(key)} to {current}",
		)
		done.append(f"{item}: {serial} (counter {key} {series.get(key) or 0} -> {current})")
	return done


def counters_now() -> dict[str, int]:
	series = frappe.qb.Table("tabSeries")
	return dict(frappe.qb.from_(series).select(series.name, series.current).run())


def units_at_work() -> str:
	"""Units the release left are checked in, delivered and counted with today's code."""
	from serial_tracking.api import unit_count
	from serial_tracking.api.unit import act

	on_loan = frappe.get_all("Serial No", {"st_lifecycle_status": "On Loan"}, pluck="name")
	if on_loan:
		act(on_loan, "Check In", condition="Good")
	unit = frappe.get_all(
		"Serial No",
		{"st_lifecycle_status": "In Stock", "warehouse": ("is", "set")},
		["name", "item_code", "warehouse", "company"],
		limit=1,
	)[0]
	customer = frappe.get_all("Customer", pluck="name", limit=1)[0]
	frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"company": unit.company,
			"customer": customer,
			"items": [
				{
					"item_code": unit.item_code,
					"qty": 1,
					"rate": 10,
					"warehouse": unit.warehouse,
					"serial_no": unit.name,
					"use_serial_batch_fields": 1,
				}
			],
		}
	).insert().submit()
	frappe.db.commit()
	place = frappe.get_all(
		"Serial No",
		{"st_lifecycle_status": "In Stock", "warehouse": ("is", "set")},
		["warehouse", "company"],
		limit=1,
	)[0]
	count = frappe.get_doc(
		{"doctype": "Unit Count", "company": place.company, "warehouse": place.warehouse}
	).insert()
	frappe.db.commit()
	expected = frappe.get_all("Unit Count Unit", {"unit_count": count.name, "expected": 1}, pluck="serial_no")
	check(expected, f"Unit Count {count.name} of {place.warehouse} expects no unit")
	for serial in expected:
		unit_count.scan(count.name, serial)
	unit_count.close(count.name)
	result = unit_count.approve(count.name)
	frappe.db.commit()
	check(
		not result.get("queued"), f"the approval of a count of {len(expected)} units went to the background"
	)
	status = frappe.db.get_value("Unit Count", count.name, "status")
	check(status == "Approved", f"Unit Count {count.name} is {status}")
	return f"{len(on_loan)} checked in, {unit.name} delivered, {len(expected)} units counted ({count.name})"


def erpnext_records() -> dict:
	"""ERPNext's records without the app's columns, as text."""
	records = {}
	for doctype in ERPNEXT:
		table = frappe.qb.DocType(doctype)
		records[doctype] = {
			row.pop("name"): {
				k: None if v is None else str(v) for k, v in row.items() if not k.startswith("st_")
			}
			for row in frappe.qb.from_(table).select("*").run(as_dict=True)
		}
	return records


def names(path: str) -> str:
	from serial_tracking.tests import leftovers

	with open(path, "w") as file:
		json.dump({"names": leftovers.app_names(), "erpnext": erpnext_records()}, file)
	return "what the app registered and ERPNext's records, kept"


def uninstalled(path: str) -> str:
	from serial_tracking.tests import leftovers

	with open(path) as file:
		before = json.load(file)
	left = leftovers.leftovers(before["names"])
	check(not left, f"the uninstall left {left}")
	check(not frappe.db.has_column("Item", "st_tracking_mode"), "the app's columns are still there")
	now = erpnext_records()
	changed = [doctype for doctype in ERPNEXT if now[doctype] != before["erpnext"][doctype]]
	check(not changed, f"the uninstall changed ERPNext's {changed}")
	return f"nothing of the app left; {', '.join(ERPNEXT)} as they were"


def main(command: str, site: str, *args: str) -> int:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		if command == "reports":
			lines = reports()
		elif command == "work":
			with open(args[0]) as file:
				lines = work(json.load(file))
		else:
			lines = [{"names": names, "uninstalled": uninstalled}[command](*args)]
		print("\n".join(f"  {line}" for line in lines))
		return 0
	except Failed as failure:
		print(f"FAILED: {failure}")
		return 1
	finally:
		frappe.destroy()


if __name__ == "__main__":
	if len(sys.argv) < 3 or sys.argv[1] not in ("reports", "work", "names", "uninstalled"):
		sys.exit(__doc__)
	sys.exit(main(*sys.argv[1:]))
