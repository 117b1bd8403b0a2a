"""Build a site with N serialized units and a real stock history, through ERPNext's own documents.

Written as if the app were not installed (its hooks off), so the history has no audit events: the
back-fill benchmark then writes them. Per unit: received; half transferred; 40% sold (Sales
Invoice with Update Stock); a tenth of the sold ones returned. Every voucher is committed.

``per_line`` sets how many serials one receipt line and one invoice line carry: 1,000 (one line per
batch, cheap to build) or 1 (a shop buying and selling units one by one, as Gross Profit and Serial
Profitability meet them in real life: one Serial and Batch Bundle per line; vouchers of 500 lines).
Lines of typed serials (transfers, sales) carry at most 400 on ERPNext 16, which cannot itself submit a
line of 1,000 typed serials.

    cd ~/frappe-bench/sites && ../env/bin/python .../benchmarks/make_scale_data.py --site bench_site --units 100000
"""

import sys
import time
from pathlib import Path

from _bench import TYPED_LINE_LIMIT, connect

import frappe
from frappe.utils import add_days, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.platform import compat
from serial_tracking.tests import factories as f

sys.path.insert(0, str(Path(__file__).resolve().parent))

ITEM = "SCALE-UNIT"
PER_VOUCHER = 1000
LINES_PER_INVOICE = 500
TYPED_PER_LINE = min(PER_VOUCHER, TYPED_LINE_LIMIT)


def main():
	args = connect(__doc__)
	build(ITEM, args.units or 100_000)


def build(item_code: str, units: int, per_line: int = PER_VOUCHER):
	f.ensure_test_world()
	if not frappe.db.exists("Item", item_code):
		f.make_item(
			item_code, has_serial_no=1, serial_no_series=f"{item_code}-.#######", item_group="All Item Groups"
		)
		frappe.db.commit()
	have = frappe.db.count("Serial No", {"item_code": item_code})
	start = time.perf_counter()
	day0 = add_days(nowdate(), -200)
	with f.app_hooks(False):
		batches = range(have // PER_VOUCHER, units // PER_VOUCHER)
		for i in batches:
			posting = add_days(day0, i % 100)
			rate = 100 + i % 50
			receipt_lines = [f.line(item_code, per_line, rate) for _ in range(PER_VOUCHER // per_line)]
			receipts = []
			for at in range(0, len(receipt_lines), LINES_PER_INVOICE):
				receipts.append(
					f.voucher(
						"Purchase Receipt",
						receipt_lines[at : at + LINES_PER_INVOICE],
						supplier=f.SUPPLIER,
						posting_date=posting,
						set_posting_time=1,
					).name
				)
				frappe.db.commit()
			received = frappe.get_all(
				"Serial No",
				compat.created_by_filters("Purchase Receipt", receipts),
				pluck="name",
				order_by="name",
			)
			if i % 2 == 0:  # half of them move to the shop
				f.voucher(
					"Stock Entry",
					[
						{
							"item_code": item_code,
							"qty": len(chunk),
							"s_warehouse": f.warehouse(),
							"t_warehouse": f.warehouse("Shop"),
							"serial_no": "\n".join(chunk),
							"use_serial_batch_fields": 1,
						}
						for chunk in chunks(received, TYPED_PER_LINE)
					],
					stock_entry_type="Material Transfer",
					purpose="Material Transfer",
					posting_date=add_days(posting, 1),
					set_posting_time=1,
				)
				frappe.db.commit()
			if i % 5 < 2:  # 40% are sold
				wh = f.warehouse("Shop") if i % 2 == 0 else f.warehouse()
				rate = 180 + i % 40
				lines = [
					f.line(item_code, len(chunk), rate, wh=wh, serials=chunk)
					for chunk in chunks(received, min(per_line, TYPED_PER_LINE))
				]
				invoices = []
				for at in range(0, len(lines), LINES_PER_INVOICE):
					invoices.append(
						f.voucher(
							"Sales Invoice",
							lines[at : at + LINES_PER_INVOICE],
							customer=f.CUSTOMER,
							update_stock=1,
							posting_date=add_days(posting, 2),
							set_posting_time=1,
						)
					)
					frappe.db.commit()
				if i % 10 == 0:  # a tenth of those come back
					give_back(invoices[0], received[:100], add_days(posting, 3))
			print(f"{(i + 1) * PER_VOUCHER} units, {time.perf_counter() - start:.0f} s", flush=True)
	print(f"{frappe.db.count('Serial No', {'item_code': item_code})} units of {item_code}")


def chunks(serials: list[str], size: int) -> list[list[str]]:
	return [serials[at : at + size] for at in range(0, len(serials), size)]


def give_back(invoice, serials: list[str], posting_date: str):
	"""A credit note returning ``serials`` (the first ones the invoice sold)."""
	back = make_return_doc("Sales Invoice", invoice.name)
	back.posting_date = posting_date
	back.set_posting_time = 1
	bundle_of = {serial: bundle for bundle, serial in sold_in(invoice, serials)}
	rows = []  # each returned serial on the line that sold it; lines that sold none of them dropped
	for row, sold_on in zip(back.items, invoice.items, strict=True):
		if mine := [serial for serial in serials if bundle_of.get(serial) == sold_on.serial_and_batch_bundle]:
			rows.append((row, mine))
	back.items = [row for row, _ in rows]
	for row, sold in rows:
		row.qty = -len(sold)
		row.serial_no = "\n".join(sold)
		row.use_serial_batch_fields = 1
		row.serial_and_batch_bundle = None
	back.insert()
	back.submit()
	frappe.db.commit()


def sold_in(invoice, serials: list[str]) -> list[tuple[str, str]]:
	"""(bundle, serial) of ``serials`` in the bundles of ``invoice``'s lines, in one query."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	bundles = [row.serial_and_batch_bundle for row in invoice.items]
	return (
		frappe.qb.from_(entry)
		.select(entry.parent, entry.serial_no)
		.where(entry.parent.isin(bundles) & entry.serial_no.isin(serials))
	).run()


if __name__ == "__main__":
	main()
