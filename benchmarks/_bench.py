"""Shared set-up for the benchmarks: connect to a bench site and time things in one process.

Run a benchmark from the bench's ``sites`` folder with the bench's Python, e.g.::

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/serial_tracking/benchmarks/series_receipt.py --site test_site
"""

import argparse
import statistics
import time
from contextlib import contextmanager

import frappe

from serial_tracking.platform import compat
from serial_tracking.tests.factories import app_hooks

# Typed serials one voucher line can carry in the set-up: ERPNext 16 cannot itself submit a line of 1,000
# (its duplicate check, get_stock_ledgers_for_serial_nos, ORs one LOCATE per serial, and PyPika renders
# that tree recursively past Python's recursion limit: RecursionError, with or without the app).
TYPED_LINE_LIMIT = 400 if compat.ERPNEXT_MAJOR >= 16 else 100_000


def connect(description: str, options=None) -> argparse.Namespace:
	"""Parse the common options (and a benchmark's own: ``options(parser)``) and connect to the site."""
	parser = argparse.ArgumentParser(description=description)
	if options:
		options(parser)
	parser.add_argument("--site", default="test_site")
	parser.add_argument("--repeat", type=int, default=2, help="runs of each variant; the median is reported")
	parser.add_argument("--units", type=int, default=None)
	args, _extra = parser.parse_known_args()  # a benchmark may take flags of its own (--keep)
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.flags.mute_emails = True
	return args


@contextmanager
def hook_time():
	"""Measure the seconds spent inside the app's document hooks (every serial_tracking.overrides handler)."""
	import functools
	import importlib
	import pkgutil

	import serial_tracking.overrides as overrides

	spent = {"seconds": 0.0}
	patched = []
	for info in pkgutil.iter_modules(overrides.__path__):
		module = importlib.import_module(f"serial_tracking.overrides.{info.name}")
		for name, fn in list(vars(module).items()):
			if callable(fn) and getattr(fn, "__module__", None) == module.__name__:

				@functools.wraps(fn)
				def timed_hook(*args, __fn=fn, **kwargs):
					start = time.perf_counter()
					try:
						return __fn(*args, **kwargs)
					finally:
						spent["seconds"] += time.perf_counter() - start

				setattr(module, name, timed_hook)
				patched.append((module, name, fn))
	try:
		yield spent
	finally:
		for module, name, fn in patched:
			setattr(module, name, fn)


def timed(fn, repeat: int) -> float:
	"""Median seconds of ``repeat`` runs of ``fn``; each run is rolled back so runs start equal."""
	runs = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		runs.append(time.perf_counter() - start)
		frappe.db.rollback()
	return statistics.median(runs)


def interleaved(variants: dict, repeat: int) -> dict[str, float]:
	"""Median seconds of each variant, running the variants in turn (A B C A B C ...) so that drift in
	the machine or the database (caches, table growth) falls on all of them alike.

	``variants`` maps a label to ``(fn, hooks_enabled)``; every run is rolled back.
	"""
	runs: dict[str, list[float]] = {label: [] for label in variants}
	for _ in range(repeat):
		for label, (fn, hooks_enabled) in variants.items():
			with app_hooks(hooks_enabled):
				runs[label].append(timed(fn, 1))
	LAST_RUNS.clear()
	LAST_RUNS.update(runs)
	return {label: statistics.median(values) for label, values in runs.items()}


# Every run of the last interleaved() call, for reports that also want the fastest run (the least
# disturbed by the rest of the machine).
LAST_RUNS: dict[str, list[float]] = {}


def report(title: str, rows: list[tuple[str, float]], ratios: list[tuple[str, float, str]]) -> None:
	print(f"\n{title}")
	for label, seconds in rows:
		print(f"  {label:<58} {seconds:8.2f} s")
	for label, ratio, target in ratios:
		print(f"  {label:<58} {ratio:8.2f}x   (target {target})")
