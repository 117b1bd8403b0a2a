"""What keyed seals add to the audit hooks: a Purchase Receipt of N serials, hooks off, hooks on with
unkeyed (plain SHA-256) seals as before, hooks on with keyed (HMAC) seals.
Target: keyed / unkeyed hook time <= 1.05x (and the whole submit likewise).
"""

import sys
from pathlib import Path

from _bench import LAST_RUNS, connect, hook_time, interleaved, report, timed

import frappe

import serial_tracking.audit.core.unit_chain
from serial_tracking.audit import keys
from serial_tracking.tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main():
	args = connect(__doc__)
	units = args.units or 500
	factories.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	item = factories.make_item(
		f"BENCH-S-{tag}", st_tracking_mode="Serialized", st_serial_source="Enter or scan"
	)
	incoming = [f"BS{tag}-{n:06d}" for n in range(units)]
	frappe.db.commit()  # the item stays; every timed run is rolled back
	keyed = keys.current

	def receive():
		factories.purchase_receipt(item.name, units, serials=incoming)

	def unkeyed(fn):
		def run():
			keys.current = lambda: None  # the seal as it was before keys: plain SHA-256
			try:
				fn()
			finally:
				keys.current = keyed

		return run

	receive()
	frappe.db.rollback()
	times = interleaved(
		{
			"receipt, hooks off": (receive, False),
			"receipt, hooks on, unkeyed seals": (unkeyed(receive), True),
			"receipt, hooks on, keyed seals": (receive, True),
		},
		args.repeat,
	)
	inside = {}
	for label, fn in (("unkeyed", unkeyed(receive)), ("keyed", receive)):
		runs = []
		for _ in range(args.repeat):
			with hook_time() as spent:
				timed(fn, 1)
			runs.append(spent["seconds"])
		inside[label] = min(runs)
	extra = seal_cost(keyed()) * units
	report(
		f"{units} serials per receipt (median of {args.repeat}, runs interleaved)",
		[*times.items(), *((f"time inside the hooks, {k} (fastest)", s) for k, s in inside.items())],
		[
			(
				"whole submit: keyed / unkeyed",
				times["receipt, hooks on, keyed seals"] / times["receipt, hooks on, unkeyed seals"],
				"<= 1.05x",
			),
			(
				"whole submit, fastest runs: keyed / unkeyed",
				min(LAST_RUNS["receipt, hooks on, keyed seals"])
				/ min(LAST_RUNS["receipt, hooks on, unkeyed seals"]),
				"<= 1.05x",
			),
			("time inside the hooks: keyed / unkeyed", inside["keyed"] / inside["unkeyed"], "<= 1.05x"),
			("what keying adds to the seals / time inside the hooks", extra / inside["unkeyed"], "<= 0.05"),
		],
	)


def seal_cost(key, events: int = 20000) -> float:
	"""Seconds a keyed seal takes beyond an unkeyed one, per event (a steady measure, where whole
	submits on a shared machine vary by more than the difference)."""
	import time

	values = vars(
		serial_tracking.audit.core.unit_chain.Event(
			"S-1", "ITEM", "Received", frappe.utils.now_datetime(), "u", frappe.utils.now_datetime()
		)
	)
	best = {}
	for label, k in (("unkeyed", None), ("keyed", key)):
		runs = []
		for _ in range(5):
			start = time.perf_counter()
			for _ in range(events):
				serial_tracking.audit.core.unit_chain.seal(values, k)
			runs.append((time.perf_counter() - start) / events)
		best[label] = min(runs)
	return max(0.0, best["keyed"] - best["unkeyed"])


if __name__ == "__main__":
	main()
