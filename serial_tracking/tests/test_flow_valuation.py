"""Flows that revalue units: Landed Cost Vouchers on receipts of serialized units (generated and typed
serials) and their cancellation, and Repost Item Valuation after a backdated entry."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, nowdate

from serial_tracking.platform import compat
from serial_tracking.series import series_counter
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import amend, assert_unit, erpnext_rate, submitted
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES = f.warehouse()


def landed_cost(receipt, charges: float, submit: bool = True):
	"""A Landed Cost Voucher on ``receipt`` distributing ``charges`` by amount, as ERPNext's own tests
	make it (get_items_from_purchase_receipts fills the lines, the amounts share the charges)."""
	lcv = frappe.new_doc("Landed Cost Voucher")
	lcv.company = f.COMPANY
	lcv.distribute_charges_based_on = "Amount"
	lcv.append(
		"purchase_receipts",
		{
			"receipt_document_type": receipt.doctype,
			"receipt_document": receipt.name,
			"supplier": receipt.supplier,
			"posting_date": receipt.posting_date,
			"grand_total": receipt.base_grand_total,
		},
	)
	lcv.append(
		"taxes",
		{
			"description": "Freight",
			"expense_account": expenses_in_valuation(),
			"amount": charges,
		},
	)
	lcv.insert()
	if submit:
		lcv.submit()
	return lcv


def expenses_in_valuation() -> str:
	return frappe.get_cached_value(
		"Company", f.COMPANY, "expenses_included_in_valuation"
	) or frappe.db.get_value(
		"Account", {"company": f.COMPANY, "account_name": "Expenses Included In Valuation"}
	)


def units_of(receipt) -> list[str]:
	return sorted(
		frappe.get_all("Serial No", compat.created_by_filters(receipt.doctype, receipt.name), pluck="name")
	)


class TestLandedCost(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_generated_serials_take_their_share_of_the_landed_cost_and_lose_it_on_cancel(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2, rate=100)
		a, b = units_of(receipt)
		counter = series_counter.current(f"{item.name}-")
		for unit in (a, b):
			assert_unit(
				self,
				unit,
				warehouse=STORES,
				status="Active",
				lifecycle=lc.IN_STOCK,
				kinds=[ledger.RECEIVED],
				cost=100,
			)

		lcv = landed_cost(receipt, 50)
		for unit in (a, b):
			# ERPNext's own value of the unit after its repost: the receipt rate plus its share.
			self.assertAlmostEqual(erpnext_rate(unit, receipt.doctype, receipt.name), 125)
			assert_unit(
				self,
				unit,
				warehouse=STORES,
				status="Active",
				lifecycle=lc.IN_STOCK,
				kinds=[ledger.RECEIVED],
				cost=125,
			)
		self.assertEqual(units_of(receipt), [a, b], "no serial generated twice or lost")
		# The trail keeps what the receipt said at the time; the report reads ERPNext's value now.
		self.assertEqual(frappe.db.get_value("Serial Audit Event", {"serial_no": a}, "rate_in"), 100)
		self.assertEqual(series_counter.current(f"{item.name}-"), counter)
		self.assertEqual(f.stock_qty(item.name), 2)
		self.assertAlmostEqual(f.stock_value(item.name), 250)

		lcv.cancel()
		for unit in (a, b):
			self.assertAlmostEqual(erpnext_rate(unit, receipt.doctype, receipt.name), 100)
			assert_unit(
				self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[ledger.RECEIVED], cost=100
			)
		self.assertEqual(units_of(receipt), [a, b])

		amend(lcv)
		for unit in (a, b):
			assert_unit(
				self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[ledger.RECEIVED], cost=125
			)
		self.assertEqual(series_counter.current(f"{item.name}-"), counter)

	def test_typed_serials_on_a_purchase_invoice_and_a_unit_sold_before_the_landed_cost(self):
		item = serialized_item()
		typed = [f"{item.name}-T1", f"{item.name}-T2"]
		invoice = f.purchase_invoice(item.name, 2, rate=300, serials=typed)
		sold = f.delivery_note(item.name, 1, rate=500, serials=[typed[0]])
		landed_cost(invoice, 100)
		for unit in typed:
			self.assertAlmostEqual(erpnext_rate(unit, invoice.doctype, invoice.name), 350)
		assert_unit(
			self,
			typed[0],
			warehouse=None,
			status="Delivered",
			lifecycle=lc.DELIVERED,
			kinds=[ledger.RECEIVED, ledger.DELIVERED],
			cost=350,
		)
		assert_unit(
			self, typed[1], warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[ledger.RECEIVED], cost=350
		)
		# ERPNext's repost carried the new value into the delivery already made.
		out = frappe.db.get_value(
			"Stock Ledger Entry",
			{"voucher_no": sold.name, "is_cancelled": 0},
			"stock_value_difference",
		)
		self.assertAlmostEqual(flt(out), -350)

		sold.cancel()
		assert_unit(
			self,
			typed[0],
			warehouse=STORES,
			status="Active",
			lifecycle=lc.IN_STOCK,
			kinds=[ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED],
			cost=350,
			revenue=0,
		)

	def test_cancelling_the_receipt_after_its_landed_cost_is_cancelled(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 1, rate=80)
		[unit] = units_of(receipt)
		lcv = landed_cost(receipt, 20)
		assert_unit(self, unit, kinds=[ledger.RECEIVED], cost=100)
		lcv.cancel()
		receipt.reload()
		receipt.cancel()
		assert_unit(
			self,
			unit,
			warehouse=None,
			status="Inactive",
			lifecycle=None,
			kinds=[ledger.RECEIVED, ledger.CANCELLED],
		)


class TestRepostAfterBackdatedEntry(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_backdated_receipt_and_repost_leave_the_trail_as_it_was(self):
		item = serialized_item()
		today = nowdate()
		first = f.voucher(
			"Purchase Receipt",
			[f.line(item.name, 2, 100)],
			supplier=f.SUPPLIER,
			posting_date=add_days(today, -5),
			set_posting_time=1,
		)
		a, b = units_of(first)
		sale = f.sales_invoice(item.name, 1, rate=400, serials=[a])
		# A backdated receipt of the same item, before the sale: ERPNext reposts what follows it.
		late = f.voucher(
			"Purchase Receipt",
			[f.line(item.name, 1, 250)],
			supplier=f.SUPPLIER,
			posting_date=add_days(today, -2),
			set_posting_time=1,
		)
		[c] = units_of(late)
		# ERPNext reposts the item in the warehouse from the backdated entry on (run at once in tests).
		reposts = frappe.get_all(
			"Repost Item Valuation", {"item_code": item.name, "docstatus": 1}, pluck="status"
		)
		self.assertTrue(reposts and set(reposts) <= {"Completed"}, reposts)

		# And a repost a user asks for, for the item and warehouse from the first receipt on.
		submitted(
			frappe.get_doc(
				{
					"doctype": "Repost Item Valuation",
					"based_on": "Item and Warehouse",
					"item_code": item.name,
					"warehouse": STORES,
					"company": f.COMPANY,
					"posting_date": add_days(today, -5),
					"posting_time": "00:00:00",
				}
			)
		)
		assert_unit(
			self,
			a,
			warehouse=None,
			status="Delivered",
			lifecycle=lc.DELIVERED,
			kinds=[ledger.RECEIVED, ledger.DELIVERED],
			cost=100,
			revenue=400,
		)
		assert_unit(self, b, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[ledger.RECEIVED], cost=100)
		assert_unit(self, c, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[ledger.RECEIVED], cost=250)
		self.assertEqual(
			str(frappe.db.get_value("Serial Audit Event", {"serial_no": c}, "posting"))[:10],
			add_days(today, -2),
		)
		self.assertEqual(
			flt(
				frappe.db.get_value(
					"Stock Ledger Entry",
					{"voucher_no": sale.name, "is_cancelled": 0},
					"stock_value_difference",
				)
			),
			-100,
		)

		late.reload()
		late.cancel()
		assert_unit(
			self,
			c,
			warehouse=None,
			status="Inactive",
			lifecycle=None,
			kinds=[ledger.RECEIVED, ledger.CANCELLED],
		)
		assert_unit(self, a, kinds=[ledger.RECEIVED, ledger.DELIVERED], revenue=400)
