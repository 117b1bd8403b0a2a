"""Unit Import at scale: 100,000 units across 10 items and 5 warehouses from one Excel file, read and
checked (the preview), then imported in parts; and 10,000 units imported beside ERPNext's own Data
Import of the same Serial No records (which leaves them without stock, warehouse or history).

Each item has one price in the file: ERPNext values the units of a receipt line alike, so each cost is a
line of its own, and ERPNext's own work per line (a bundle, its ledger entry) is what a file with many
costs pays for (``--costs N`` gives each item N prices).

Each step runs in a process of its own, so its peak memory is its own (``ru_maxrss``), and prints one
line of JSON; the parent prints the table. Targets (issue 26): preview and import of 100,000 units each
within 5 minutes on the 2-core machine, peak memory within 600 MB and flat in the number of rows;
10,000 units imported in at most 0.3 times ERPNext's Data Import of the bare records.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/unit_import.py --site <site> [--units 100000]

It leaves its units on the site: give it a site kept for benchmarks, not the test site.
"""

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import unit_import_floor
from _bench import connect

import frappe

from serial_tracking.tests import factories as f
from serial_tracking.unit_import import posting
from serial_tracking.unit_import.core import judge

HERE = Path(__file__).resolve()
ITEMS, WAREHOUSES = 10, 5
HEADER = ["Serial No", "Item", "Warehouse", "Maker Serial", "Condition", "Cost", "Purchase Date", "Supplier"]


def peak_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
	with open("/proc/self/statm") as statm:
		return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def world(prefix: str) -> tuple[list[str], list[str]]:
	f.ensure_test_world()
	items = []
	for n in range(ITEMS):
		code = f"{prefix}-ITEM-{n}"
		if not frappe.db.exists("Item", code):
			f.make_item(code, st_tracking_mode="Serialized", st_serial_source="Enter or scan")
		items.append(code)
	warehouses = []
	for n in range(WAREHOUSES):
		name = f"{prefix} Place {n}"
		if not frappe.db.exists("Warehouse", {"warehouse_name": name, "company": f.COMPANY}):
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": f.COMPANY}).insert()
		warehouses.append(name)
	frappe.db.commit()
	return items, warehouses


def excel(prefix: str, units: int, items: list[str], warehouses: list[str], costs: int = 1) -> str:
	"""An Excel file of ``units`` rows, attached to nothing yet: its URL."""
	from openpyxl import Workbook

	book = Workbook(write_only=True)
	sheet = book.create_sheet("Units")
	sheet.append(HEADER)
	for n in range(units):
		sheet.append(
			[
				f"{prefix}-{n:07d}",
				items[n % ITEMS],
				warehouses[(n // ITEMS) % WAREHOUSES],
				f"MK-{prefix}-{n:07d}",
				("New", "Good", "Fair")[n % 3],
				f"{100 * (1 + n % ITEMS) + (n // ITEMS) % costs}.50",  # the item's price(s)
				f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
				f.SUPPLIER if n % 2 else "",
			]
		)
	path = Path(frappe.get_site_path("private", "files", f"{prefix}.xlsx"))
	book.save(path)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": path.name,
			"file_url": f"/private/files/{path.name}",
			"is_private": 1,
		}
	).insert()
	frappe.db.commit()
	return file.file_url


# --- steps, each in its own process ------------------------------------------------------------------


def step_make(args) -> dict:
	prefix = args.prefix
	items, warehouses = world(args.world)
	start = time.perf_counter()
	url = excel(prefix, args.units, items, warehouses, args.costs)
	return {"file": url, "seconds": time.perf_counter() - start}


def step_preview(args) -> dict:
	base = rss_mb()
	start = time.perf_counter()
	doc = frappe.get_doc({"doctype": "Unit Import", "company": f.COMPANY, "import_file": args.file}).insert()
	frappe.db.commit()
	return {
		"import": doc.name,
		"seconds": time.perf_counter() - start,
		"peak_mb": peak_mb(),
		"growth_mb": peak_mb() - base,
		"new": doc.new_units,
		"errors": doc.errors,
	}


def step_import(args) -> dict:
	base = rss_mb()
	frappe.db.set_value("Unit Import", args.name, "status", judge.QUEUED)
	frappe.db.commit()
	start = time.perf_counter()
	posting.run(args.name, "Administrator")
	seconds = time.perf_counter() - start
	doc = frappe.get_doc("Unit Import", args.name)
	return {
		"seconds": seconds,
		"peak_mb": peak_mb(),
		"growth_mb": peak_mb() - base,
		"status": doc.status,
		"parts": doc.parts_done,
		"error": doc.error,
	}


def step_data_import(args) -> dict:
	"""ERPNext's (Frappe's) Data Import of the same units as bare Serial No records."""
	items, _warehouses = world(args.world)
	seconds = unit_import_floor.data_import(args.prefix, args.units, items)
	made = frappe.db.count("Serial No", {"name": ("like", f"{args.prefix}-%")})
	return {"seconds": seconds, "peak_mb": peak_mb(), "records": made}


STEPS = {"make": step_make, "preview": step_preview, "import": step_import, "data-import": step_data_import}


def child(step: str, site: str, **values) -> dict:
	command = [sys.executable, str(HERE), "--site", site, "--step", step]
	for key, value in values.items():
		command += [f"--{key.replace('_', '-')}", str(value)]
	done = subprocess.run(command, capture_output=True, text=True, check=False)
	lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
	if done.returncode or not lines:
		raise SystemExit(f"step {step} failed:\n{done.stderr[-3000:]}")
	return json.loads(lines[-1])


def options(parser):
	parser.add_argument("--step", choices=sorted(STEPS))
	parser.add_argument("--prefix")
	parser.add_argument("--world", default="IMPBENCH")
	parser.add_argument("--file")
	parser.add_argument("--name")
	parser.add_argument("--compare", type=int, default=10_000, help="units of the Data Import comparison")
	parser.add_argument("--costs", type=int, default=1, help="prices per item in the file")


def main():
	args = connect(__doc__.splitlines()[0], options)
	if args.step:
		args.units = args.units or 0
		print(json.dumps(STEPS[args.step](args), default=str))
		return
	site, units, tag = args.site, args.units or 100_000, frappe.generate_hash(length=5).upper()
	frappe.destroy()
	rows = []
	for size in sorted({min(10_000, units), units}):
		prefix = f"UI{tag}{size // 1000}K"
		made = child("make", site, units=size, prefix=prefix, costs=args.costs)
		checked = child("preview", site, file=made["file"])
		rows.append((f"preview, {size:,} rows ({checked['new']:,} new, {checked['errors']} errors)", checked))
		if size == units:
			imported = child("import", site, name=checked["import"])
			rows.append(
				(f"import, {size:,} units in {imported['parts']} parts ({imported['status']})", imported)
			)
	size = args.compare
	prefix = f"UI{tag}CMP"
	made = child("make", site, units=size, prefix=prefix, costs=args.costs)
	ours_checked = child("preview", site, file=made["file"])
	ours = child("import", site, name=ours_checked["import"])
	theirs = child("data-import", site, units=size, prefix=f"DI{tag}CMP")
	rows.append(
		(
			f"{size:,} units: preview + import (with stock, events)",
			{"seconds": ours_checked["seconds"] + ours["seconds"]},
		)
	)
	rows.append(
		(f"{size:,} bare Serial No records: ERPNext's Data Import ({theirs['records']:,} made)", theirs)
	)
	ratio = (ours_checked["seconds"] + ours["seconds"]) / theirs["seconds"]
	print(f"\n{'Step':<72} {'seconds':>9} {'peak MB':>9} {'growth MB':>10}")
	for label, row in rows:
		peak = f"{row['peak_mb']:.0f}" if "peak_mb" in row else ""
		growth = f"{row['growth_mb']:.0f}" if "growth_mb" in row else ""
		print(f"{label:<72} {row['seconds']:>9.1f} {peak:>9} {growth:>10}")
	print(
		f"\nUnit Import vs ERPNext's Data Import of bare records, {size:,} units: {ratio:.2f}x (target <= 0.3x)"
	)


if __name__ == "__main__":
	main()
