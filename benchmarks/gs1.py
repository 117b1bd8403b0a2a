"""GS1: a scan through ERPNext's barcode field, a sheet of GS1 DataMatrix labels, an EPCIS export.

1. Scans, whole request (Werkzeug's test client through Frappe's WSGI application, as in
   ``unit_count.py``): ``erpnext.stock.utils.scan_barcode`` (the app's override) given a unit's plain
   serial, and given a GS1 DataMatrix element string of another unit (``]d2`` (01)(17)(10)(21), FNC1 as
   ASCII 29), interleaved, each unit scanned once (ERPNext caches an answer for 120 s). Target: the GS1
   scan's median within 1.2x of the plain serial's in the same run.
2. A sheet of 1,000 GS1 DataMatrix labels, built as the background job builds it. Target: <= 30 s.
3. An EPCIS 2.0 export of 10,000 units' histories (received, half of them delivered), streamed to the
   end. Target: <= 20 s.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/gs1.py --site <site> [--units 10000]

Leaves its units on the site (a benchmark or development site, not the test site). The Administrator's
password for the requests' login: ``ST_BENCH_PASSWORD`` (default ``admin``).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import TYPED_LINE_LIMIT, connect, report
from unit_count import Client, load

import frappe

from serial_tracking.gs1 import epcis_export, keys
from serial_tracking.gs1.core import identifiers, symbols
from serial_tracking.series import labels
from serial_tracking.tests import factories as f

SCANS, LABELS, LINE = 1000, 1000, min(1000, TYPED_LINE_LIMIT)


def gtin_item(tag: str) -> tuple[str, str]:
	payload = "2" + "".join(random.choices("0123456789", k=11))
	gtin = payload + identifiers.check_digit(payload)
	item = f.make_item(
		f"GS1-BENCH-{tag}",
		st_tracking_mode="Serialized",
		st_series_template="GB{#####}",
		barcodes=[{"barcode": gtin, "barcode_type": "EAN"}],
	)
	return item.name, gtin.zfill(14)


def receive(item: str, n: int) -> list[str]:
	serials = []
	for start in range(0, n, LINE):
		qty = min(LINE, n - start)
		receipt = f.purchase_receipt(item, qty)
		serials += labels.voucher_serials("Purchase Receipt", receipt.name)
		frappe.db.commit()
	return serials


def deliver(item: str, serials: list[str]) -> None:
	for start in range(0, len(serials), LINE):
		chunk = serials[start : start + LINE]
		f.voucher("Delivery Note", [f.line(item, len(chunk), 15, serials=chunk)], customer=f.CUSTOMER)
		frappe.db.commit()


def scans(serials: list[str], gtin: str) -> tuple[list[float], list[float], list[float]]:
	client = Client(frappe.local.site, os.environ.get("ST_BENCH_PASSWORD", "admin"))
	client.start()
	assert client.results.get() == 200, "login failed: give the Administrator password in ST_BENCH_PASSWORD"
	path = "/api/method/erpnext.stock.utils.scan_barcode"
	pings = [client.post("/api/method/ping", {})[0] for _ in range(200)]
	plain, gs1 = [], []
	half = len(serials) // 2
	for serial, other in zip(serials[:half], serials[half:], strict=False):
		for times, text in ((plain, serial), (gs1, f"]d201{gtin}17301231104711\x1d21{other}")):
			elapsed, status, body = client.post(path, {"search_value": text})
			assert status == 200 and body["message"].get("serial_no") in (serial, other), body
			times.append(elapsed)
	client.jobs.put(None)
	return plain, gs1, pings


def main():
	args = connect(__doc__)
	f.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	units = args.units or 10_000
	item, gtin = gtin_item(tag)
	started = time.perf_counter()
	serials = receive(item, units)
	deliver(item, serials[: units // 2])
	setup = time.perf_counter() - started

	plain, gs1, pings = scans(serials[: 2 * SCANS], gtin)
	frappe.db.rollback()

	settings = frappe.get_doc("Serial Tracking Settings")
	before = settings.label_symbology
	settings.label_symbology = symbols.DATAMATRIX
	settings.save()
	frappe.db.commit()
	try:
		started = time.perf_counter()
		labels.build_sheet(serials[:LABELS], "Administrator", renderer="serial_tracking.gs1.labels.render")
		sheet = time.perf_counter() - started
	finally:
		settings.reload()
		settings.label_symbology = before
		settings.save()
		frappe.db.commit()

	started = time.perf_counter()
	size = events = 0
	for chunk in epcis_export.stream(serials):
		size += len(chunk)
		events += 1
	export = time.perf_counter() - started
	ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
	ratio = statistics.median(gs1) / statistics.median(plain)
	print(f"\nset-up of {units} units: {setup:.1f} s; resolver {keys.resolver()}")
	print(
		f"scans ({len(plain)} + {len(gs1)}), whole request: plain serial median {ms(statistics.median(plain))}, "
		f"GS1 DataMatrix median {ms(statistics.median(gs1))} ({ratio:.2f}x); ping {ms(statistics.median(pings))}"
	)
	print(f"EPCIS document: {size / 1e6:.1f} MB in {events - 2} events")
	report(
		f"GS1: scans, {LABELS} DataMatrix labels, EPCIS of {units} units (machine load {load()})",
		[
			("scan, plain serial: whole request, median", statistics.median(plain)),
			("scan, GS1 DataMatrix string: whole request, median", statistics.median(gs1)),
			("ping: whole request, median", statistics.median(pings)),
			(f"sheet of {LABELS} GS1 DataMatrix labels (the background job)", sheet),
			(f"EPCIS export of {units} units' histories, streamed", export),
		],
		[
			("GS1 scan / plain-serial scan (medians)", ratio, "<= 1.2x"),
			(f"{LABELS} labels / 30 s", sheet / 30, "<= 1x"),
			("EPCIS export / 20 s", export / 20, "<= 1x"),
		],
	)


if __name__ == "__main__":
	main()
