"""Daily reminders over 100,000 overdue check-outs, beside Frappe's own way of making a ToDo.

Synthetic units (bulk inserted: 100,000 units of one item, On Loan, due back last week, each with its
check-out event) so the daily job meets a worst case: every unit overdue, none reminded yet. Measures
the app's job (first run: every reminder made; second run: nothing new) and, on a sample, the same
reminders made the ordinary Frappe way (a ToDo document inserted per unit, as the job did before),
in the same run; the per-reminder ratio is what the set-based job saves. Everything is rolled back.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/reminders.py --site test_site
"""

import sys
import time
from pathlib import Path

from _bench import connect, report

import frappe
from frappe.utils import add_days, now, nowdate

from serial_tracking.actions import checkout_reminders
from serial_tracking.platform import bulk_insert
from serial_tracking.tests import factories as f
from serial_tracking.units.core import ledger, lifecycle

sys.path.insert(0, str(Path(__file__).resolve().parent))

ITEM = "BENCH-REMIND"
SAMPLE = 2000


def units(count: int) -> list[str]:
	"""``count`` overdue units with a check-out event each, inserted in bulk (uncommitted)."""
	f.ensure_test_world()
	if not frappe.db.exists("Item", ITEM):
		f.make_item(ITEM, st_tracking_mode="Serialized", st_series_template="BR-{#####}")
	stamp, due = now(), add_days(nowdate(), -7)
	names = [f"BR-{i:07d}" for i in range(count)]
	bulk_insert.insert(
		"Serial No",
		[
			"name",
			"serial_no",
			"item_code",
			"company",
			"warehouse",
			"status",
			"creation",
			"modified",
			"st_lifecycle_status",
			"st_custodian_type",
			"st_custodian",
			"st_due_date",
		],
		[
			(
				n,
				n,
				ITEM,
				f.COMPANY,
				f.warehouse(),
				"Active",
				stamp,
				stamp,
				lifecycle.ON_LOAN,
				"Customer",
				f.CUSTOMER,
				due,
			)
			for n in names
		],
	)
	bulk_insert.insert(
		"Serial Audit Event",
		[
			"name",
			"serial_no",
			"item_code",
			"seq",
			"episode",
			"event",
			"posting",
			"recorded_by",
			"recorded_at",
			"creation",
			"hash",
		],
		[
			(f"BRE-{n}", n, ITEM, 1, 1, ledger.CHECKED_OUT, stamp, "Administrator", stamp, stamp, "x" * 64)
			for n in names
		],
	)
	return names


def frappe_way(serials: list[str]) -> None:
	"""The reminders as ordinary ToDo documents, one insert each (what the job did before)."""
	for serial in serials:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": "Administrator",
				"reference_type": "Serial No",
				"reference_name": serial,
				"date": nowdate(),
				"priority": "High",
				"description": f"Unit {serial} was due back.",
			}
		).insert(ignore_permissions=True)


def main():
	args = connect(__doc__)
	count = args.units or 100_000
	frappe.db.delete("ToDo", {"reference_type": "Serial No", "reference_name": ("like", "BR-%")})
	units(count)
	start = time.perf_counter()
	made = checkout_reminders.remind_overdue_checkouts()
	first = time.perf_counter() - start
	start = time.perf_counter()
	again = checkout_reminders.remind_overdue_checkouts()
	second = time.perf_counter() - start
	frappe.db.rollback()

	sample = units(SAMPLE)
	start = time.perf_counter()
	frappe_way(sample)
	theirs = time.perf_counter() - start
	frappe.db.rollback()
	units(SAMPLE)
	start = time.perf_counter()
	checkout_reminders.remind_overdue_checkouts()
	ours = time.perf_counter() - start
	frappe.db.rollback()

	report(
		f"Daily reminders: {count} overdue units (made {made}, then {again}); sample of {SAMPLE}",
		[
			(f"app's job, first run ({count} reminders)", first),
			("app's job, second run (nothing new)", second),
			(f"app's job, {SAMPLE} reminders", ours),
			(f"a ToDo document per unit, {SAMPLE} reminders", theirs),
		],
		[(f"app / ToDo documents, {SAMPLE} reminders", ours / theirs, "< 1")],
	)


if __name__ == "__main__":
	main()
