import itertools

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from erpnext.accounts.report.gross_profit.gross_profit import execute as gross_profit

from serial_tracking.api.unit import act
from serial_tracking.serial_tracking.report.quantity_cost_of_sale.quantity_cost_of_sale import (
	execute as cost_of_sale,
)
from serial_tracking.serial_tracking.report.serial_profitability.serial_profitability import (
	execute as profitability,
)
from serial_tracking.serial_tracking.report.unit_utilization.unit_utilization import execute as utilization
from serial_tracking.tests import factories as f
from serial_tracking.units.core import lifecycle as lc


def service_item(prefix):
	return f.make_item(f"{prefix}-{frappe.generate_hash(length=6).upper()}", is_stock_item=0).name


def sales_invoice(rows, update_stock=0, **fields):
	return f.voucher("Sales Invoice", rows, customer=f.CUSTOMER, update_stock=update_stock, **fields)


class TestSerialProfitability(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		cls.rent = service_item("ST-RENT")
		cls.repair = service_item("ST-REPAIR")
		item = cls.item

		# Unit A: bought 1000, serviced twice (a visit 40 + 25, a repair bill 45), rented three months
		# (3 x 120), sold 1500.
		f.purchase_receipt(item, 1, rate=1000)
		[cls.a] = f.serials_of(item)
		f.maintenance_visit(item, cls.a, st_labour_cost=40, st_parts_cost=25)
		f.voucher(
			"Purchase Invoice",
			[{"item_code": cls.repair, "qty": 1, "rate": 45, "st_serial_no": cls.a}],
			supplier=f.SUPPLIER,
		)
		act([cls.a], lc.CHECK_OUT, custodian_type="Customer", custodian=f.CUSTOMER, due_date=nowdate())
		for _month in range(3):
			sales_invoice([{"item_code": cls.rent, "qty": 1, "rate": 120, "st_serial_no": cls.a}])
		act([cls.a], lc.CHECK_IN)
		sales_invoice([f.line(item, 1, 1500, serials=[cls.a])], update_stock=1)

		# Unit B: bought 800, sold 1200, credited back (returned), sold again 1100.
		f.purchase_receipt(item, 1, rate=800)
		[cls.b] = [s for s in f.serials_of(item)]
		first = sales_invoice([f.line(item, 1, 1200, serials=[cls.b])], update_stock=1)
		from erpnext.controllers.sales_and_purchase_return import make_return_doc

		credit = make_return_doc("Sales Invoice", first.name)
		credit.insert()
		credit.submit()
		sales_invoice([f.line(item, 1, 1100, serials=[cls.b])], update_stock=1)

		# Unit C: bought 500, written off.
		f.purchase_receipt(item, 1, rate=500)
		[cls.c] = f.serials_of(item)
		act([cls.c], lc.RETIRE)

	def report(self, **filters):
		columns, data, _message, chart, summary = profitability(
			{"company": f.COMPANY, "item_code": self.item, **filters}
		)
		return columns, data, chart, summary

	def by_unit(self, **filters):
		return {row["serial_no"]: row for row in self.report(**filters)[1]}

	def test_hand_computed_figures(self):
		rows = self.by_unit()
		a, b, c = rows[self.a], rows[self.b], rows[self.c]
		self.assertEqual(
			(a["acquisition_cost"], a["revenue"], a["other_income"], a["service_cost"], a["margin"]),
			(1000, 1500, 360, 110, 750),
		)
		self.assertAlmostEqual(a["margin_percent"], 40.32, places=2)
		self.assertEqual(
			(a["supplier"], a["customer"], a["status"], a["turns"]), (f.SUPPLIER, f.CUSTOMER, lc.DELIVERED, 2)
		)
		self.assertEqual((b["acquisition_cost"], b["revenue"], b["margin"], b["turns"]), (800, 1100, 300, 2))
		self.assertEqual(
			(c["acquisition_cost"], c["revenue"], c["margin"], c["margin_percent"]), (500, 0, -500, None)
		)
		self.assertEqual(c["status"], lc.RETIRED)

	def test_revenue_reconciles_with_gross_profit(self):
		rows = self.by_unit(from_date=nowdate(), to_date=nowdate())
		ours = sum(r["revenue"] + r["other_income"] for r in rows.values())
		theirs = 0.0
		for item in (self.item, self.rent):
			columns, data = gross_profit(
				frappe._dict(
					company=f.COMPANY,
					from_date=nowdate(),
					to_date=nowdate(),
					group_by="Item Code",
					item_code=item,
				)
			)
			theirs += data[-1][[c.get("fieldname") for c in columns].index("selling_amount")]
		self.assertAlmostEqual(ours, theirs, places=2)
		self.assertAlmostEqual(ours, 1500 + 360 + 1100, places=2)

	def test_grouping_totals_and_chart(self):
		_columns, flat, chart, summary = self.report()
		self.assertEqual(len(chart["data"]["labels"]), 3)
		total_margin = sum(r["margin"] for r in flat)
		self.assertEqual(summary[2]["value"], total_margin)
		for group_by in ("Item", "Item Group", "Supplier", "Customer"):
			_columns, grouped, chart, _summary = self.report(group_by=group_by)
			self.assertAlmostEqual(sum(r["margin"] for r in grouped), total_margin, places=2)
			self.assertEqual(sum(r["units"] for r in grouped), 3)
			self.assertTrue(chart["data"]["labels"])

	def test_every_filter_combination_runs(self):
		options = {
			"group_by": [None, "Item", "Item Group", "Supplier", "Customer"],
			"status": [None, lc.DELIVERED, lc.RETIRED],
			"supplier": [None, f.SUPPLIER],
			"customer": [None, f.CUSTOMER],
			"from_date": [None, nowdate()],
			"item_group": [None, "All Item Groups"],
		}
		for values in itertools.product(*options.values()):
			filters = {k: v for k, v in zip(options, values, strict=True) if v}
			with self.subTest(**filters):
				_columns, data, _chart, summary = self.report(**filters)
				self.assertIsInstance(data, list)
				self.assertEqual(summary[0]["label"], "Units")

	def test_quantity_items_have_their_own_cost_of_sale(self):
		soup = f.make_item().name
		f.receive(soup, 10, rate=2)
		f.receive(soup, 10, rate=4)
		sales_invoice([f.line(soup, 8, 5)], update_stock=1)
		_columns, data = cost_of_sale({"company": f.COMPANY, "item_code": soup})
		[row] = data
		self.assertEqual(row["qty"], 8)
		self.assertAlmostEqual(row["average_cost"], row["cost_of_sale"] / 8)
		self.assertAlmostEqual(row["revenue"], 40)
		_columns, serialized = cost_of_sale(
			{"company": f.COMPANY, "item_code": self.item, "tracking_mode": "Serialized"}
		)
		self.assertEqual(serialized[0]["qty"], 3 - 1)  # two sold, one credited back, sold again: 1+1+1-1

	def test_utilization(self):
		_columns, rows = utilization({"item_code": self.item, "from_date": nowdate(), "to_date": nowdate()})
		by_unit = {r["serial_no"]: r for r in rows}
		self.assertIn(self.a, by_unit)
		_columns, items = utilization({"item_code": self.item, "group_by_item": 1})
		self.assertEqual(items[0]["units"], 3)
