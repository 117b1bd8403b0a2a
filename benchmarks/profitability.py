"""Serial Profitability at 10k and 100k units, beside ERPNext's Gross Profit on the same invoices.

Needs make_scale_data.py's site (SCALE-UNIT, 100,000 units). Builds SCALE-SMALL (10,000 units, same
history) and SCALE-SHOP (10,000 units, same history, but sold one unit per invoice line as a shop
sells them), tops the audit trail up to 500,000 events with unit actions (check-out/in and condition
changes, written the app's way), then times both reports, interleaved.

SCALE-UNIT sells 1,000 serials on one invoice line: Gross Profit then reads 40 lines while Serial
Profitability writes 100,000 rows, so that pair measures row count, not speed. SCALE-SHOP gives both
reports the same number of sold lines.
Targets: <= 3 s at 100k units; growth 10k -> 100k <= 12x; no slower than Gross Profit.
"""

import sys
from pathlib import Path

from _bench import connect, interleaved, report
from make_scale_data import ITEM, build

import frappe

from erpnext.accounts.report.gross_profit.gross_profit import execute as gross_profit

from serial_tracking.actions import unit_actions
from serial_tracking.audit.backfill import backfill_all
from serial_tracking.serial_tracking.report.serial_profitability.serial_profitability import (
	execute as profitability,
)
from serial_tracking.tests import factories as f
from serial_tracking.units.core import lifecycle

sys.path.insert(0, str(Path(__file__).resolve().parent))

SMALL = "SCALE-SMALL"
SHOP = "SCALE-SHOP"
EVENTS = 500_000
CHUNK = 5000


def top_up_events():
	"""Unit actions on the scale item's units until the trail holds EVENTS events."""
	backfill_all(progress=False)
	units = frappe.get_all("Serial No", {"item_code": ITEM}, ["name", "st_lifecycle_status"], order_by="name")
	rounds = 0
	while frappe.db.count("Serial Audit Event") < EVENTS and rounds < 6:
		rounds += 1
		in_stock = [u.name for u in units if u.st_lifecycle_status == lifecycle.IN_STOCK]
		for start in range(0, len(in_stock), CHUNK):
			chunk = in_stock[start : start + CHUNK]
			unit_actions.act(
				chunk,
				lifecycle.CHECK_OUT,
				custodian_type="Customer",
				custodian=f.CUSTOMER,
				due_date="2030-01-01",
			)
			unit_actions.act(chunk, lifecycle.CHECK_IN)
			frappe.db.commit()
		for start in range(0, len(units), CHUNK):
			unit_actions.set_condition([u.name for u in units[start : start + CHUNK]], "Good")
			frappe.db.commit()
		print(f"events: {frappe.db.count('Serial Audit Event')}", flush=True)


def shop_only(repeat: int) -> None:
	"""The shop case alone: 10k units bought and sold one per line, so the report's bundle lists hold
	one receipt bundle per unit (10,000 bundles), beside Gross Profit on the same invoice lines."""
	if frappe.db.count("Serial No", {"item_code": SHOP}) < 10_000:
		build(SHOP, 10_000, per_line=1)
	backfill_all(progress=False)
	bundles = frappe.db.count("Purchase Receipt Item", {"item_code": SHOP, "docstatus": 1})
	lines = frappe.db.count("Sales Invoice Item", {"item_code": SHOP, "docstatus": 1})
	times = interleaved(
		{
			"Serial Profitability, 10k units bought and sold one per line": (
				lambda: profitability({"company": f.COMPANY, "item_code": SHOP}),
				True,
			),
			"Gross Profit, same invoices": (
				lambda: gross_profit(
					frappe._dict(
						company=f.COMPANY,
						from_date="2000-01-01",
						to_date="2100-12-31",
						group_by="Invoice",
						item_code=SHOP,
					)
				),
				True,
			),
		},
		repeat,
	)
	ours, theirs = times.values()
	report(
		f"Shop case: {bundles} receipt lines (one bundle each), {lines} invoice lines; median of {repeat}",
		list(times.items()),
		[("Serial Profitability / Gross Profit", ours / theirs, "<= 1x")],
	)


def main():
	args = connect(
		__doc__,
		lambda parser: parser.add_argument("--shop-only", action="store_true", help=shop_only.__doc__),
	)
	if args.shop_only:
		return shop_only(args.repeat)
	if frappe.db.count("Serial No", {"item_code": SMALL}) < 10_000:
		build(SMALL, 10_000)
	if frappe.db.count("Serial No", {"item_code": SHOP}) < 10_000:
		build(SHOP, 10_000, per_line=1)
	top_up_events()
	company = f.COMPANY
	counts = {item: frappe.db.count("Serial No", {"item_code": item}) for item in (SMALL, ITEM, SHOP)}
	lines = {
		item: frappe.db.count("Sales Invoice Item", {"item_code": item, "docstatus": 1})
		for item in (ITEM, SHOP)
	}
	events = frappe.db.count("Serial Audit Event")

	def ours(item):
		return lambda: profitability({"company": company, "item_code": item})

	def theirs(item):
		return lambda: gross_profit(
			frappe._dict(
				company=company,
				from_date="2000-01-01",
				to_date="2100-12-31",
				group_by="Invoice",
				item_code=item,
			)
		)

	times = interleaved(
		{
			"Serial Profitability, 10k units": (ours(SMALL), True),
			"Serial Profitability, 100k units": (ours(ITEM), True),
			"Gross Profit, same invoices as 100k units": (theirs(ITEM), True),
			"Serial Profitability, 10k units sold one per line": (ours(SHOP), True),
			"Gross Profit, same invoices as those 10k units": (theirs(SHOP), True),
		},
		args.repeat,
	)
	big, small, gp = (
		times["Serial Profitability, 100k units"],
		times["Serial Profitability, 10k units"],
		times["Gross Profit, same invoices as 100k units"],
	)
	shop, shop_gp = (
		times["Serial Profitability, 10k units sold one per line"],
		times["Gross Profit, same invoices as those 10k units"],
	)
	report(
		f"Serial Profitability ({counts[SMALL]}, {counts[ITEM]} and {counts[SHOP]} units, {events} audit "
		f"events; {lines[ITEM]} and {lines[SHOP]} invoice lines; median of {args.repeat})",
		list(times.items()),
		[
			("growth 10k -> 100k units", big / small, "<= 12x"),
			("10k units one per line / Gross Profit, same lines", shop / shop_gp, "<= 1x"),
			("100k units / Gross Profit (40 lines of 1,000 serials)", big / gp, "row count, see above"),
		],
	)
	print(f"  100k units in {big:.2f} s (target <= 3 s)")


if __name__ == "__main__":
	main()
