"""Back-fill of the audit trail for a site's existing units (target: 100,000 units in <= 120 s).

Needs a site prepared by make_scale_data.py. The events the back-fill writes are removed first (this is
a benchmark site; the app itself never deletes events), so the run starts from a site with history and
no trail, as on the day the app is installed.
"""

import sys
import time
from pathlib import Path

from _bench import connect, report
from make_scale_data import ITEM

import frappe

from serial_tracking.audit.backfill import backfill_all
from serial_tracking.audit.verifier import verify_chains

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main():
	connect(__doc__)
	frappe.db.delete("Serial Audit Event", {"item_code": ITEM})
	frappe.db.commit()
	units = frappe.db.count("Serial No", {"item_code": ITEM})
	ledger_lines = frappe.db.sql(
		"""select count(*) from `tabSerial and Batch Entry` e join `tabStock Ledger Entry` s
		on s.serial_and_batch_bundle = e.parent where s.item_code = %s and s.is_cancelled = 0""",
		ITEM,
	)[0][0]
	start = time.perf_counter()
	backfilled = backfill_all(batch_size=5000, progress=False)
	seconds = time.perf_counter() - start
	events = frappe.db.count("Serial Audit Event", {"item_code": ITEM})
	start = time.perf_counter()
	again = backfill_all(batch_size=5000, progress=False)
	rerun = time.perf_counter() - start
	sample = frappe.get_all("Serial No", {"item_code": ITEM}, pluck="name", limit=2000)
	broken = verify_chains(sample)
	report(
		f"Back-fill: {units} units, {ledger_lines} ledger lines -> {events} events",
		[("back-fill (target: 100,000 units in <= 120 s)", seconds), ("second run (nothing to do)", rerun)],
		[],
	)
	print(
		f"  units back-filled: {backfilled}; second run: {again}; broken chains in a 2000-unit sample: {len(broken)}"
	)


if __name__ == "__main__":
	main()
