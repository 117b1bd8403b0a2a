"""Shared set-up for the benchmarks: connect to a bench site and time things in one process.

Run a benchmark from the bench's ``sites`` folder with the bench's Python, e.g.::

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/serial_tracking/benchmarks/series_receipt.py --site test_site
"""

import argparse
import statistics
import time
from contextlib import contextmanager

import frappe


def connect(description: str) -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--site", default="test_site")
	parser.add_argument("--repeat", type=int, default=2, help="runs of each variant; the median is reported")
	parser.add_argument("--units", type=int, default=None)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.flags.mute_emails = True
	return args


@contextmanager
def app_hooks(enabled: bool):
	"""Run with or without serial_tracking's document hooks, as if the app were not installed."""
	hooks = frappe.get_doc_hooks()
	if enabled:
		yield
		return
	saved = {doctype: dict(events) for doctype, events in hooks.items()}
	try:
		for events in hooks.values():
			for event, handlers in events.items():
				events[event] = [h for h in handlers if not h.startswith("serial_tracking.")]
		yield
	finally:
		hooks.clear()
		hooks.update(saved)


def timed(fn, repeat: int) -> float:
	"""Median seconds of ``repeat`` runs of ``fn``; each run is rolled back so runs start equal."""
	runs = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		runs.append(time.perf_counter() - start)
		frappe.db.rollback()
	return statistics.median(runs)


def report(title: str, rows: list[tuple[str, float]], ratios: list[tuple[str, float, str]]) -> None:
	print(f"\n{title}")
	for label, seconds in rows:
		print(f"  {label:<58} {seconds:8.2f} s")
	for label, ratio, target in ratios:
		print(f"  {label:<58} {ratio:8.2f}x   (target {target})")
