"""Submitting a Purchase Receipt and a Delivery Note of N serials, the app's hooks on vs off.

The app's hooks validate the serials, and write one audit event per unit (one insert per voucher).
Target: hooks on <= 1.10x hooks off, for both vouchers, same site, same run.

N is 1,000 by default, 400 on ERPNext 16 (`_bench.TYPED_LINE_LIMIT`).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import LAST_RUNS, TYPED_LINE_LIMIT, connect, hook_time, interleaved, report, timed

import frappe

from serial_tracking.tests import factories


def main():
	args = connect(__doc__)
	units = args.units or min(1000, TYPED_LINE_LIMIT)
	factories.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	item = factories.make_item(
		f"BENCH-A-{tag}", st_tracking_mode="Serialized", st_serial_source="Enter or scan"
	)
	incoming = [f"BA{tag}-{n:06d}" for n in range(units)]
	on_hand = [f"BH{tag}-{n:06d}" for n in range(units)]
	factories.purchase_receipt(item.name, units, serials=on_hand)  # kept: the delivery's stock
	frappe.db.commit()

	def receive():
		factories.purchase_receipt(item.name, units, serials=incoming)

	def deliver():
		factories.delivery_note(item.name, units, serials=on_hand)

	for fn in (receive, deliver):  # warm caches
		fn()
		frappe.db.rollback()

	times = interleaved(
		{
			"receipt, hooks off": (receive, False),
			"receipt, hooks on": (receive, True),
			"delivery, hooks off": (deliver, False),
			"delivery, hooks on": (deliver, True),
		},
		args.repeat,
	)
	own = {}
	for label, fn in (("receipt", receive), ("delivery", deliver)):
		with hook_time() as spent:
			total = timed(fn, 1)
		own[label] = (spent["seconds"], total)
	report(
		f"{units} serials per voucher (median of {args.repeat}, runs interleaved)",
		[
			*times.items(),
			*((f"{label}: time inside the app's hooks (one run)", s) for label, (s, _t) in own.items()),
		],
		[
			(
				"Purchase Receipt: hooks on / off",
				times["receipt, hooks on"] / times["receipt, hooks off"],
				"<= 1.10x",
			),
			(
				"Delivery Note: hooks on / off",
				times["delivery, hooks on"] / times["delivery, hooks off"],
				"<= 1.10x",
			),
			*(
				(
					f"{kind}: hooks on / off, fastest runs",
					fastest(f"{kind}, hooks on") / fastest(f"{kind}, hooks off"),
					"<= 1.10x",
				)
				for kind in ("receipt", "delivery")
			),
			*((f"{label}: the app's hooks / whole submit", s / t, "-") for label, (s, t) in own.items()),
		],
	)


def fastest(label: str) -> float:
	return min(LAST_RUNS[label])


if __name__ == "__main__":
	main()
