"""The floor under a Unit Import, on a site of ERPNext alone (no serial_tracking): ERPNext's own Material
Receipts of 10,000 new serials (10 items, 5 warehouses, in parts of 2,000 as the import posts them, the
serials typed on the lines) beside ERPNext's Data Import of 10,000 bare Serial No records, in one run.

The Unit Import must bring units on hand in through ERPNext's documents (so stock, ledgers and reports
agree); what ERPNext's receipts cost alone, as a share of the Data Import, is the least its ratio can be.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/unit_import_floor.py --site bench-plain

``--units 100000 --receipts-only``: the receipts alone, beside the 100,000-unit import's five minutes.
"""

import time
from collections import defaultdict

from _bench import connect

import frappe

ITEMS, WAREHOUSES, PART = 10, 5, 2_000


def world(company: str) -> tuple[list[str], list[str]]:
	items = []
	for n in range(ITEMS):
		code = f"FLOOR-ITEM-{n}"
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": code,
					"item_group": "All Item Groups",
					"stock_uom": "Nos",
					"is_stock_item": 1,
					"has_serial_no": 1,
				}
			).insert()
		items.append(code)
	warehouses = []
	for n in range(WAREHOUSES):
		name = f"Floor Place {n}"
		found = frappe.db.get_value("Warehouse", {"warehouse_name": name, "company": company})
		if not found:
			found = (
				frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": company})
				.insert()
				.name
			)
		warehouses.append(found)
	frappe.db.commit()
	return items, warehouses


def receipts(prefix: str, units: int, company: str, items: list[str], warehouses: list[str]) -> float:
	start = time.perf_counter()
	for first in range(0, units, PART):
		lines = defaultdict(list)
		for n in range(first, min(first + PART, units)):
			lines[(items[n % ITEMS], warehouses[(n // ITEMS) % WAREHOUSES])].append(f"{prefix}-{n:07d}")
		entry = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"company": company,
				"items": [
					{
						"item_code": item,
						"t_warehouse": warehouse,
						"qty": len(serials),
						"basic_rate": 100,
						"use_serial_batch_fields": 1,
						"serial_no": "\n".join(serials),
					}
					for (item, warehouse), serials in lines.items()
				],
			}
		)
		entry.insert()
		entry.submit()
		frappe.db.commit()
	return time.perf_counter() - start


def data_import(prefix: str, units: int, items: list[str]) -> float:
	from frappe.core.doctype.data_import.importer import Importer

	lines = ["Serial No,Item Code"] + [f"{prefix}-{n:07d},{items[n % ITEMS]}" for n in range(units)]
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"{prefix}.csv", "content": "\n".join(lines), "is_private": 1}
	).insert()
	doc = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Serial No",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	frappe.db.commit()
	start = time.perf_counter()
	Importer("Serial No", data_import=doc).import_data()
	frappe.db.commit()
	return time.perf_counter() - start


def main():
	args = connect(
		__doc__.splitlines()[0],
		lambda parser: parser.add_argument("--receipts-only", action="store_true", help="no Data Import"),
	)
	if "serial_tracking" in frappe.get_installed_apps():
		raise SystemExit("Run this on a site without serial_tracking: it measures ERPNext alone.")
	units = args.units or 10_000
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	items, warehouses = world(company)
	tag = frappe.generate_hash(length=5).upper()
	theirs = None if args.receipts_only else data_import(f"FLDI{tag}", units, items)
	posted = receipts(f"FLRC{tag}", units, company, items, warehouses)
	print(f"ERPNext's Material Receipts of {units:,} new serials in parts of {PART:,}: {posted:.1f} s")
	if theirs:
		print(f"ERPNext's Data Import of {units:,} bare Serial No records: {theirs:.1f} s")
		print(
			f"receipts / Data Import: {posted / theirs:.2f}x (the least a Unit Import through ERPNext can be)"
		)


if __name__ == "__main__":
	main()
