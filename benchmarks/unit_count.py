"""A Unit Count of 10,000 expected units with 10,000 scans, then closing and approval.

Every scan goes through Frappe's whole request path (the WSGI application: routing, the session
cookie, the whitelisted ``serial_tracking.api.unit_count.scan``, the commit) with Werkzeug's test
client, one request after another as a scanner sends them; the time of each request is measured.
Targets: each scan answered in under 50 ms (median), and closing plus approval (Counted events for
every unit, a Material Transfer of the misplaced units, Mark Lost and a Stock Reconciliation of the
missing ones) in under 30 s.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/unit_count.py --site test_site

The Administrator's password for the requests' login comes from ``ST_BENCH_PASSWORD`` (default
``admin``, the test site's). The units are received with known serials, in lines of 1,000 (not measured); the data is committed.
"""

import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import connect, report

import frappe
from frappe.utils import get_test_client

from serial_tracking.api import unit_count as api
from serial_tracking.core import counting
from serial_tracking.tests import factories as f

PER_LINE = 1000
MISSING_LOST, MISSING_RECONCILED, MISPLACED, UNKNOWN, REPEATS, SOLD_DURING = 100, 100, 100, 50, 50, 20


def receive(item: str, serials: list[str], warehouse: str) -> None:
	for start in range(0, len(serials), PER_LINE):
		chunk = serials[start : start + PER_LINE]
		f.voucher(
			"Purchase Receipt",
			[f.line(item, len(chunk), 10, wh=warehouse, serials=chunk)],
			supplier=f.SUPPLIER,
		)
		frappe.db.commit()


class Scanner(threading.Thread):
	"""A thread of its own sending requests through the WSGI application (Frappe sets up and tears down
	the site for each request in the thread that serves it)."""

	def __init__(self, site: str, password: str):
		super().__init__(daemon=True)
		self.site, self.password = site, password
		self.jobs: queue.Queue = queue.Queue()
		self.results: queue.Queue = queue.Queue()

	def run(self):
		client = get_test_client()
		with patch("frappe.app.get_site_name", return_value=self.site):
			login = client.post("/api/method/login", json={"usr": "Administrator", "pwd": self.password})
			self.results.put(login.status_code)
			while (job := self.jobs.get()) is not None:
				count, code = job
				start = time.perf_counter()
				response = client.post(
					"/api/method/serial_tracking.api.unit_count.scan", json={"count": count, "code": code}
				)
				elapsed = time.perf_counter() - start
				self.results.put((elapsed, response.status_code, response.get_json()))

	def scan(self, count: str, code: str) -> tuple[float, int, dict]:
		self.jobs.put((count, code))
		return self.results.get()


def main():
	args = connect(__doc__)
	units = args.units or 10_000
	f.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	stores = (
		frappe.get_doc({"doctype": "Warehouse", "warehouse_name": f"Bench Count {tag}", "company": f.COMPANY})
		.insert()
		.name
	)
	shop = (
		frappe.get_doc({"doctype": "Warehouse", "warehouse_name": f"Bench Shop {tag}", "company": f.COMPANY})
		.insert()
		.name
	)
	items = [
		f.make_item(
			f"BENCH-UC-{tag}-{n}", st_tracking_mode="Serialized", st_serial_source="Enter or scan"
		).name
		for n in range(max(1, units // PER_LINE))
	]
	frappe.db.commit()
	print(f"receiving {units} units into {stores} and {MISPLACED} into {shop} ...")
	started = time.perf_counter()
	expected = []
	for n, item in enumerate(items):
		serials = [f"UC{tag}-{n:02d}-{i:05d}" for i in range(units // len(items))]
		receive(item, serials, stores)
		expected += serials
	misplaced = [f"UC{tag}-SHOP-{i:04d}" for i in range(MISPLACED)]
	receive(items[0], misplaced, shop)
	print(f"  set-up took {time.perf_counter() - started:.0f} s")

	count = frappe.get_doc({"doctype": "Unit Count", "company": f.COMPANY, "warehouse": stores}).insert()
	frappe.db.commit()
	sold = expected[-SOLD_DURING:]  # sold while the count runs: accounted for, not missing
	f.voucher(
		"Delivery Note", [f.line(items[-1], len(sold), 15, wh=stores, serials=sold)], customer=f.CUSTOMER
	)
	frappe.db.commit()

	lost = expected[:MISSING_LOST]
	reconciled = expected[PER_LINE : PER_LINE + MISSING_RECONCILED]  # the second item's
	skipped = set(lost) | set(reconciled) | set(sold)
	seen = [s for s in expected if s not in skipped]
	codes = seen + misplaced + [f"UNKNOWN-{tag}-{i}" for i in range(UNKNOWN)] + seen[:REPEATS]
	codes += seen[REPEATS : REPEATS + units - len(codes)]  # more repeats, up to the number of units
	codes = codes[:units]

	scanner = Scanner(frappe.local.site, os.environ.get("ST_BENCH_PASSWORD", "admin"))
	scanner.start()
	assert scanner.results.get() == 200, "login failed: pass the Administrator password (ST_BENCH_PASSWORD)"
	times, verdicts = [], {}
	for code in codes:
		elapsed, status, body = scanner.scan(count.name, code)
		assert status == 200, body
		times.append(elapsed)
		verdict = body["message"]["verdict"]
		verdicts[verdict] = verdicts.get(verdict, 0) + 1
	scanner.jobs.put(None)
	frappe.db.rollback()  # a fresh snapshot: the scans were committed by the requests

	started = time.perf_counter()
	api.close(count.name)
	frappe.db.commit()
	close_seconds = time.perf_counter() - started
	count = frappe.get_doc("Unit Count", count.name)
	reconcile = set(reconciled)
	for line in count.results:
		if line.serial_no in reconcile:
			line.action = counting.RECONCILE
	count.save()
	frappe.db.commit()
	started = time.perf_counter()
	count.submit()
	frappe.db.commit()
	approve_seconds = time.perf_counter() - started

	count.reload()
	first, last = times[:1000], times[-1000:]
	ms = lambda seconds: seconds * 1000  # noqa: E731
	print(f"\nscans: {len(times)}; verdicts {verdicts}")
	print(
		f"  per scan (whole request): median {ms(statistics.median(times)):.1f} ms, "
		f"p95 {ms(sorted(times)[int(len(times) * 0.95)]):.1f} ms, max {ms(max(times)):.1f} ms; "
		f"first 1,000 median {ms(statistics.median(first)):.1f} ms, last 1,000 {ms(statistics.median(last)):.1f} ms"
	)
	print(
		f"  results: found {count.found}, missing {count.missing}, misplaced {count.misplaced}, "
		f"moved {count.moved}, unknown {count.unknown}; posted {count.transfer_entry}, {count.lost_entry}, "
		f"{count.reconciliation}"
	)
	report(
		f"Unit Count of {units} expected units, {len(times)} scans",
		[
			("scan, median of the whole request", statistics.median(times)),
			("close (conclude every unit)", close_seconds),
			("approve (Counted events, transfer, Mark Lost, reconciliation)", approve_seconds),
			("close + approve", close_seconds + approve_seconds),
		],
		[
			("scan median / 50 ms", statistics.median(times) / 0.050, "<= 1x"),
			("close + approve / 30 s", (close_seconds + approve_seconds) / 30, "<= 1x"),
		],
	)


if __name__ == "__main__":
	main()
