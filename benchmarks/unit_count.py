"""A Unit Count of 10,000 expected units with 10,000 scans, then closing and approval.

Every scan goes through Frappe's whole request path (the WSGI application: routing, the session
cookie, the whitelisted ``serial_tracking.api.unit_count.scan``, the commit) with Werkzeug's test
client, one request after another as a scanner sends them; the time of each request is measured.
Targets: each scan answered in under 50 ms (median), and closing plus approval (Counted events for
every unit, a Material Transfer of the misplaced units, Mark Lost and a Stock Reconciliation of the
missing ones) in under 30 s. Frappe's own cost of a request (``ping``) is measured beside the scans,
and the approval is timed part by part. ERPNext's Stock Reconciliation re-books every unit of an item
in a warehouse, so its line here is of an item with 100 units there.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/unit_count.py --site <site>

It leaves its 10,100 units on the site: give it a site kept for benchmarks (or the development site),
not the test site, where the suite's uninstall-and-reinstall test would then queue a back-fill of all
their history, which the browser tier's worker runs while its tests wait for the same rows.

The Administrator's password for the requests' login comes from ``ST_BENCH_PASSWORD`` (default
``admin``, the test site's). The units are received with known serials, in receipt lines of 1,100
(400 on ERPNext 16: `_bench.TYPED_LINE_LIMIT`), not
measured; the data is committed.
"""

import os
import queue
import statistics
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest.mock import patch

from _bench import TYPED_LINE_LIMIT, connect, report

import frappe
from frappe.utils import get_test_client

from serial_tracking.actions import unit_actions
from serial_tracking.api import unit_count as api
from serial_tracking.counting import posting
from serial_tracking.counting.core import count_rules
from serial_tracking.tests import factories as f

sys.path.insert(0, str(Path(__file__).resolve().parent))

RECEIPT_LINE = min(1100, TYPED_LINE_LIMIT)  # serials per receipt line (set-up)
BIG, BIG_UNITS, SMALL_UNITS = 9, 1100, 100  # nine items of 1,100 units and one of 100: 10,000 units
MISSING_LOST, MISSING_RECONCILED, MISPLACED, UNKNOWN, SOLD_DURING = 190, 10, 100, 50, 20


def receive(item: str, serials: list[str], warehouse: str) -> None:
	for start in range(0, len(serials), RECEIPT_LINE):
		chunk = serials[start : start + RECEIPT_LINE]
		f.voucher(
			"Purchase Receipt",
			[f.line(item, len(chunk), 10, wh=warehouse, serials=chunk)],
			supplier=f.SUPPLIER,
		)
		frappe.db.commit()


class Client(threading.Thread):
	"""A thread of its own sending requests through the WSGI application (Frappe sets up and tears down
	the site for each request in the thread that serves it), one after another."""

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
				path, body = job
				start = time.perf_counter()
				response = client.post(path, json=body)
				elapsed = time.perf_counter() - start
				self.results.put((elapsed, response.status_code, response.get_json()))

	def post(self, path: str, body: dict) -> tuple[float, int, dict]:
		self.jobs.put((path, body))
		return self.results.get()


@contextmanager
def stopwatch(parts: dict, label: str, module, name: str):
	"""Time every call of ``module.name`` into ``parts[label]``."""
	original = getattr(module, name)

	def timed(*args, **kwargs):
		start = time.perf_counter()
		try:
			return original(*args, **kwargs)
		finally:
			parts[label] = parts.get(label, 0.0) + time.perf_counter() - start

	setattr(module, name, timed)
	try:
		yield
	finally:
		setattr(module, name, original)


def set_up(tag: str) -> tuple[str, list[str], list[str], list[str]]:
	"""A warehouse of 10,000 units (nine items of 1,100, one of 100) and 100 of them in another."""
	warehouses = [
		frappe.get_doc(
			{"doctype": "Warehouse", "warehouse_name": f"Bench {name} {tag}", "company": f.COMPANY}
		)
		.insert()
		.name
		for name in ("Count", "Shop")
	]
	items = [
		f.make_item(
			f"BENCH-UC-{tag}-{n}", st_tracking_mode="Serialized", st_serial_source="Enter or scan"
		).name
		for n in range(BIG + 1)
	]
	frappe.db.commit()
	print(
		f"receiving {BIG * BIG_UNITS + SMALL_UNITS} units into {warehouses[0]}, {MISPLACED} into {warehouses[1]}"
	)
	started = time.perf_counter()
	expected = []
	for n, item in enumerate(items):
		serials = [f"UC{tag}-{n:02d}-{i:05d}" for i in range(BIG_UNITS if n < BIG else SMALL_UNITS)]
		receive(item, serials, warehouses[0])
		expected += serials
	misplaced = [f"UC{tag}-SHOP-{i:04d}" for i in range(MISPLACED)]
	receive(items[0], misplaced, warehouses[1])
	print(f"  set-up took {time.perf_counter() - started:.0f} s")
	return warehouses[0], items, expected, misplaced


def main():
	connect(__doc__)
	f.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	stores, items, expected, misplaced = set_up(tag)
	count = frappe.get_doc({"doctype": "Unit Count", "company": f.COMPANY, "warehouse": stores}).insert()
	frappe.db.commit()
	sold = expected[BIG_UNITS - SOLD_DURING : BIG_UNITS]  # sold while the count runs: not missing
	f.voucher(
		"Delivery Note", [f.line(items[0], len(sold), 15, wh=stores, serials=sold)], customer=f.CUSTOMER
	)
	frappe.db.commit()

	lost = expected[BIG_UNITS : BIG_UNITS + MISSING_LOST]  # of the second item
	reconciled = expected[-MISSING_RECONCILED:]  # of the small item
	skipped = set(lost) | set(reconciled) | set(sold)
	seen = [s for s in expected if s not in skipped]
	codes = seen + misplaced + [f"UNKNOWN-{tag}-{i}" for i in range(UNKNOWN)]
	codes += seen[: len(expected) - len(codes)]  # scanned twice, up to 10,000 scans
	client = Client(frappe.local.site, os.environ.get("ST_BENCH_PASSWORD", "admin"))
	client.start()
	assert client.results.get() == 200, "login failed: give the Administrator password in ST_BENCH_PASSWORD"
	pings = [client.post("/api/method/ping", {})[0] for _ in range(300)]
	times, verdicts = [], {}
	for code in codes:
		elapsed, status, body = client.post(
			"/api/method/serial_tracking.api.unit_count.scan", {"count": count.name, "code": code}
		)
		assert status == 200, body
		times.append(elapsed)
		verdict = body["message"]["verdict"]
		verdicts[verdict] = verdicts.get(verdict, 0) + 1
	pings += [client.post("/api/method/ping", {})[0] for _ in range(300)]
	client.jobs.put(None)
	frappe.db.rollback()  # a fresh snapshot: the requests committed the scans

	started = time.perf_counter()
	api.close(count.name)
	frappe.db.commit()
	close_seconds = time.perf_counter() - started
	count = frappe.get_doc("Unit Count", count.name)
	for line in count.results:
		if line.serial_no in set(reconciled):
			line.action = count_rules.RECONCILE
	count.save()
	count.db_set("status", count_rules.QUEUED)  # as api.approve does for a count this large
	frappe.db.commit()
	parts: dict[str, float] = {}
	with ExitStack() as stack:
		for label, module, name in (
			("Counted events, last counted dates", posting, "record_counted"),
			("Material Transfer of the misplaced units", posting, "transfer"),
			("Mark Lost", unit_actions, "act"),
			("Stock Reconciliation (re-books the item's 100 units)", posting, "reconcile"),
		):
			stack.enter_context(stopwatch(parts, label, module, name))
		started = time.perf_counter()
		posting.run(count.name, "Administrator")  # the background job
		approve_seconds = time.perf_counter() - started

	count.reload()
	assert count.status == count_rules.APPROVED, count.error
	ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
	print(f"\nscans: {len(times)}; verdicts {verdicts}")
	print(
		f"  whole request: median {ms(statistics.median(times))}, p95 {ms(percentile(times, 0.95))}, "
		f"max {ms(max(times))}; first 1,000 {ms(statistics.median(times[:1000]))}, "
		f"last 1,000 {ms(statistics.median(times[-1000:]))}; Frappe's ping {ms(statistics.median(pings))}"
	)
	print(
		f"  results: found {count.found}, missing {count.missing}, misplaced {count.misplaced}, "
		f"moved {count.moved}, unknown {count.unknown}"
	)
	report(
		f"Unit Count of {len(expected)} expected units, {len(times)} scans (machine load {load()})",
		[
			("scan: whole request, median", statistics.median(times)),
			("ping: whole request, median", statistics.median(pings)),
			("close (conclude every unit)", close_seconds),
			("approve (the background job)", approve_seconds),
			*((f"  of which {label}", seconds) for label, seconds in parts.items()),
			("close + approve", close_seconds + approve_seconds),
		],
		[
			("scan median / 50 ms", statistics.median(times) / 0.050, "<= 1x"),
			("close + approve / 30 s", (close_seconds + approve_seconds) / 30, "<= 1x"),
		],
	)


def percentile(values: list[float], share: float) -> float:
	return sorted(values)[min(len(values) - 1, int(len(values) * share))]


def load() -> str:
	return " / ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
	main()
