"""Checkpoints and verification at scale (targets: a checkpoint over 100,000 units in < 10 s; verifying
1,000,000 events against a checkpoint in < 60 s with flat memory).

    ../env/bin/python .../benchmarks/audit_checkpoint.py --site st.localhost make --units 100000 --events 10
    ../env/bin/python .../benchmarks/audit_checkpoint.py --site st.localhost checkpoint
    ../env/bin/python .../benchmarks/audit_checkpoint.py --site st.localhost verify

``make`` bulk-inserts synthetic chains (sealed under the site's current key, as the app would) for units
"BV-<n>" of an item that needs not exist; run each step in its own process, so the peak RSS that
``verify`` reports is its own. Use a benchmark site: the events stay (the app never deletes events).
"""

import argparse
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import frappe

import serial_tracking.audit.checkpoints
import serial_tracking.audit.core.unit_chain
import serial_tracking.audit.event_store
import serial_tracking.audit.keys
import serial_tracking.audit.verifier
import serial_tracking.platform.bulk_insert

sys.path.insert(0, str(Path(__file__).resolve().parent))

ITEM = "BENCH-VERIFY"


def rss_mb() -> float:
	with open("/proc/self/statm") as statm:
		return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make(units: int, per_unit: int) -> None:

	key = serial_tracking.audit.keys.current()
	t0 = datetime(2026, 1, 1)
	start, rows = time.perf_counter(), []
	for n in range(units):
		head = serial_tracking.audit.core.unit_chain.Head()
		for k in range(per_unit):
			event = serial_tracking.audit.core.unit_chain.Event(
				serial_no=f"BV-{n:07d}",
				item_code=ITEM,
				event="Transferred" if k else "Received",
				posting=t0 + timedelta(minutes=k),
				recorded_by="Administrator",
				recorded_at=t0 + timedelta(minutes=k),
				voucher_type="Stock Entry",
				voucher_no=f"BV-SE-{n}-{k}",
				from_warehouse="Stores" if k else None,
				to_warehouse="Shop" if k % 2 else "Stores",
				rate_in=100.0,
				status_after="In Stock",
			)
			event, head = serial_tracking.audit.core.unit_chain.append(event, head, key=key)
			data = event.as_dict()
			rows.append(
				(
					frappe.generate_hash(length=12),
					event.recorded_at,
					event.recorded_by,
					*(data[f] for f in serial_tracking.audit.core.unit_chain.HASHED),
					event.key_epoch,
					event.hash,
				)
			)
		if len(rows) >= 50000:
			serial_tracking.platform.bulk_insert.insert(
				serial_tracking.audit.event_store.EVENT_DOCTYPE,
				serial_tracking.audit.event_store.COLUMNS,
				rows,
			)
			frappe.db.commit()
			rows = []
	serial_tracking.platform.bulk_insert.insert(
		serial_tracking.audit.event_store.EVENT_DOCTYPE, serial_tracking.audit.event_store.COLUMNS, rows
	)
	frappe.db.commit()
	print(f"made {units} units x {per_unit} events in {time.perf_counter() - start:.1f} s")


def checkpoint() -> None:

	start = time.perf_counter()
	written = serial_tracking.audit.checkpoints.write()
	seconds = time.perf_counter() - start
	row = serial_tracking.audit.checkpoints.latest(written["number"])
	print(
		f"checkpoint {row.number}: {row.units} units, {row.events} events in {seconds:.2f} s (target < 10 s)"
	)


def verify(batch_size: int) -> None:

	samples = []
	original = frappe.publish_progress

	def sample(*args, **kwargs):
		samples.append(rss_mb())

	frappe.publish_progress = sample
	try:
		start = time.perf_counter()
		result = serial_tracking.audit.verifier.verify_trail(batch_size=batch_size, progress=True)
		seconds = time.perf_counter() - start
	finally:
		frappe.publish_progress = original
	print(
		f"verified {result.events} events of {result.units} units against checkpoint {result.checkpoint} "
		f"in {seconds:.1f} s (target < 60 s); breaks: {len(result.problems)}"
	)
	quarter = max(1, len(samples) // 4)
	print(
		f"RSS during the pass: after the first quarter {max(samples[:quarter]):.0f} MB, "
		f"at the end {samples[-1]:.0f} MB; peak RSS {peak_mb():.0f} MB"
	)


def main():
	parser = argparse.ArgumentParser(description=__doc__)
	parser.add_argument("--site", default="test_site")
	parser.add_argument("step", choices=["make", "checkpoint", "verify"])
	parser.add_argument("--units", type=int, default=100000)
	parser.add_argument("--events", type=int, default=10, help="events per unit")
	parser.add_argument("--batch-size", type=int, default=10000)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	if args.step == "make":
		make(args.units, args.events)
	elif args.step == "checkpoint":
		checkpoint()
	else:
		verify(args.batch_size)
	frappe.destroy()


if __name__ == "__main__":
	main()
