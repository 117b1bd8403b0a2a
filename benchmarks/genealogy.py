"""Tracing components through a 5-level tree of 100,000 units (target: one component to every unit
that contains it, at any depth, in under 1 s).

Bulk-inserts a synthetic forest (its units, their links and a receipt event for each component at
the bottom level) under the GENB- prefix: 293 products, each made of 4 sub-assemblies, each of 4, and
so on down to 75,008 bought components (99,913 units). Then times, on the same site:

* one bottom component up to every unit holding it (the trace service, and Recall Trace *Through
  Components* from that unit);
* one receipt of 1,000 components, and the supplier of all 75,008, through Recall Trace;
* one product's whole tree (341 units), as the Serial No form and Unit History show it.

The synthetic rows are deleted at the end (``--keep`` keeps them for another run).

    cd ~/frappe-bench/sites && ../env/bin/python .../benchmarks/genealogy.py --site test_site
"""

import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from _bench import connect, timed

import frappe

from serial_tracking.audit.core import unit_chain
from serial_tracking.audit.event_store import COLUMNS as EVENT_COLUMNS
from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.genealogy import trace
from serial_tracking.genealogy.unit_links import COLUMNS as LINK_COLUMNS
from serial_tracking.genealogy.unit_links import LINK
from serial_tracking.platform import bulk_insert
from serial_tracking.serial_tracking.report.recall_trace.recall_trace import execute as recall_trace
from serial_tracking.tests import factories as f
from serial_tracking.units.core import ledger

sys.path.insert(0, str(Path(__file__).resolve().parent))

PREFIX = "GENB"
LEVELS = 5
BRANCHING = 4
PER_RECEIPT = 1000
SUPPLIER = "_ST Genealogy Bench Supplier"
T0 = datetime(2026, 1, 5, 9, 0)


def items() -> list[str]:
	return [f"{PREFIX}-LEVEL-{level}" for level in range(LEVELS)]


def build(products: int) -> dict:
	"""The forest: level 0 are the products, level 4 the bought components."""
	f.ensure_test_world()
	if not frappe.db.exists("Supplier", SUPPLIER):
		frappe.get_doc(
			{"doctype": "Supplier", "supplier_name": SUPPLIER, "supplier_group": f.group("Supplier Group")}
		).insert()
	for code in items():
		if not frappe.db.exists("Item", code):
			f.make_item(code, st_tracking_mode="Serialized", st_series_template="{ITEM}-{#####}")
	frappe.db.commit()
	levels = [[f"{PREFIX}-0-{i:06d}" for i in range(products)]]
	for _level in range(1, LEVELS):
		levels.append([f"{parent}-{k}" for parent in levels[-1] for k in range(BRANCHING)])
	if frappe.db.count("Serial No", {"item_code": items()[0]}) == products:
		return {"levels": levels, "built": 0.0}
	start = time.perf_counter()
	now, user = frappe.utils.now_datetime(), "Administrator"
	unit_columns = ["name", "serial_no", "creation", "modified", "owner", "modified_by", "item_code"]
	unit_columns += ["company", "status", "warehouse", "st_lifecycle_status"]
	units, links = [], []
	for level, serials in enumerate(levels):
		item, top = items()[level], level == 0
		place, status = (f.warehouse(), "In Stock") if top else (None, "Consumed")
		linked_on = T0 + timedelta(hours=LEVELS - level)  # the bottom level is assembled first
		for serial in serials:
			units.append(
				(
					serial,
					serial,
					now,
					now,
					user,
					user,
					item,
					f.COMPANY,
					"Active" if top else "Consumed",
					place,
					status,
				)
			)
			if not top:
				parent = serial.rsplit("-", 1)[0]
				entry = f"{PREFIX}-SE-{parent}"
				head = (frappe.generate_hash(length=12), now, now, user, user, parent, items()[level - 1])
				links.append((*head, serial, item, "Assembly", 1.0, linked_on, "Stock Entry", entry, None))
	bulk_insert.insert("Serial No", unit_columns, units)
	bulk_insert.insert(LINK, LINK_COLUMNS, links)
	events = []
	for i, serial in enumerate(levels[-1]):
		event = unit_chain.Event(
			serial_no=serial,
			item_code=items()[-1],
			event=ledger.RECEIVED,
			posting=T0,
			recorded_by=user,
			recorded_at=now,
			voucher_type="Purchase Receipt",
			voucher_no=f"{PREFIX}-PR-{i // PER_RECEIPT:03d}",
			party_type="Supplier",
			party=SUPPLIER,
			rate_in=1.0,
			status_after="Consumed",
		)
		unit_chain.append(event, unit_chain.Head())
		data = event.as_dict()
		events.append(
			(
				frappe.generate_hash(length=12),
				now,
				user,
				*(data[k] for k in unit_chain.HASHED),
				event.key_epoch,
				event.hash,
			)
		)
	bulk_insert.insert(EVENT_DOCTYPE, EVENT_COLUMNS, events)
	frappe.db.commit()
	return {"levels": levels, "built": time.perf_counter() - start}


def clean() -> None:
	frappe.db.delete(LINK, {"voucher_no": ("like", f"{PREFIX}-SE-%")})
	frappe.db.delete(EVENT_DOCTYPE, {"item_code": ("in", items())})
	frappe.db.delete("Serial No", {"item_code": ("in", items())})
	frappe.db.commit()


def main():
	args = connect(__doc__)
	products = max(1, (args.units or 100_000) // sum(BRANCHING**level for level in range(LEVELS)))
	built = build(products)
	levels = built["levels"]
	total = sum(len(serials) for serials in levels)
	leaf = levels[-1][len(levels[-1]) // 2]
	middle = levels[2][len(levels[2]) // 3]
	product = levels[0][len(levels[0]) // 2]
	repeat = max(args.repeat, 5)

	assert len(trace.containing([leaf])) == LEVELS - 1
	_columns, rows = recall_trace({"serial_no": leaf, "only_unit": 1, "through_components": 1})
	assert len(rows) == LEVELS - 1, rows
	_columns, rows = recall_trace({"receipt": f"{PREFIX}-PR-007", "through_components": 1})
	receipt_units = len(rows)
	_columns, rows = recall_trace({"supplier": SUPPLIER, "through_components": 1})
	supplier_units = len(rows)
	tree_units = len(trace.unit_tree(product)["components"])

	measures = [
		("one component up to every unit holding it (service)", lambda: trace.containing([leaf])),
		("a sub-assembly (level 2) up (service)", lambda: trace.containing([middle])),
		(
			"one component: Recall Trace through components",
			lambda: recall_trace({"serial_no": leaf, "only_unit": 1, "through_components": 1}),
		),
		(
			f"one receipt of {PER_RECEIPT} components: Recall Trace ({receipt_units} units)",
			lambda: recall_trace({"receipt": f"{PREFIX}-PR-007", "through_components": 1}),
		),
		(
			f"supplier of {len(levels[-1])} components: trace service ({supplier_units} units)",
			lambda: trace.containing(levels[-1]),
		),
		(
			"supplier: Recall Trace through components",
			lambda: recall_trace({"supplier": SUPPLIER, "through_components": 1}),
		),
		(f"one product's tree ({tree_units} units)", lambda: trace.unit_tree(product)),
	]
	print(
		f"\nGenealogy: {LEVELS}-level tree of {total} units ({len(levels[-1])} components, {products} products)"
	)
	for label, fn in measures:
		seconds = timed(fn, repeat if "supplier" not in label else 2)
		print(f"  {label:<70} {seconds:8.3f} s")
	load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
	print(f"  synthetic data built in {built['built']:.1f} s; machine load average {load}")
	print("  target: one component traced to every unit holding it in < 1 s")
	if "--keep" not in sys.argv:
		clean()


if __name__ == "__main__":
	main()
