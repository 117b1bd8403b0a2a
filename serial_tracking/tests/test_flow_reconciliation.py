"""Stock Reconciliation of a serialized item: a count that finds new units, one that no longer finds a
unit, and one that changes the units' valuation. Every unit the count names gets one Reconciled event:
a unit it finds comes into stock (a first episode), one it no longer finds is Lost, one it confirms or
revalues keeps its status and episode (a revaluation is not a receipt). Serial Profitability shows the
value ERPNext gives the units: a found unit costs what the count values it at, a revalued unit its new
value; a unit counted out keeps its cost (nothing came back for it)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.unit import act
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import amend, assert_unit, submitted
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES = f.warehouse()
R, REC, X = ledger.RECEIVED, ledger.RECONCILED, ledger.CANCELLED


def count(item_code: str, serials: list[str], rate: float, submit=True):
	"""A Stock Reconciliation saying ``serials`` are what Stores holds of the item, at ``rate`` each."""
	doc = frappe.get_doc(
		{
			"doctype": "Stock Reconciliation",
			"company": f.COMPANY,
			"purpose": "Stock Reconciliation",
			"items": [
				{
					"item_code": item_code,
					"warehouse": STORES,
					"qty": len(serials),
					"valuation_rate": rate,
					"serial_no": "\n".join(serials),
					"use_serial_batch_fields": 1,
				}
			],
		}
	)
	return submitted(doc) if submit else doc.insert()


def episodes(serial: str) -> list[int]:
	return frappe.get_all("Serial Audit Event", {"serial_no": serial}, pluck="episode", order_by="seq")


class TestStockReconciliation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_a_count_that_finds_units(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2, rate=100)
		a, b = f.serials_of(item.name)
		found = f"{item.name}-FOUND"
		reco = count(item.name, [a, b, found], rate=100)
		assert_unit(
			self, found, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[REC], cost=100
		)
		self.assertEqual(episodes(found), [1])
		for unit in (a, b):
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, REC], cost=100)
			self.assertEqual(episodes(unit), [1, 1])
		self.assertEqual(f.stock_qty(item.name), 3)

		reco.cancel()
		assert_unit(self, found, warehouse=None, lifecycle=None, kinds=[REC, X])
		for unit in (a, b):
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, REC, X], cost=100)
		amend(reco)
		assert_unit(self, found, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[REC, X, REC], cost=100)

	def test_a_count_that_no_longer_finds_a_unit(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2, rate=100)
		kept, missing = f.serials_of(item.name)
		reco = count(item.name, [kept], rate=100)
		assert_unit(self, missing, warehouse=None, lifecycle=lc.LOST, kinds=[R, REC], cost=100)
		assert_unit(self, kept, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R, REC])
		self.assertEqual(f.stock_qty(item.name), 1)

		reco.cancel()
		assert_unit(
			self,
			missing,
			warehouse=STORES,
			status="Active",
			lifecycle=lc.IN_STOCK,
			kinds=[R, REC, X],
			cost=100,
		)
		amend(reco)
		assert_unit(self, missing, warehouse=None, lifecycle=lc.LOST, kinds=[R, REC, X, REC], cost=100)

		# Found again: back where the count missed it, at the value it left with.
		act([missing], lc.MARK_FOUND)
		assert_unit(
			self,
			missing,
			warehouse=STORES,
			status="Active",
			lifecycle=lc.IN_STOCK,
			kinds=[R, REC, X, REC, ledger.FOUND],
			cost=100,
		)
		self.assertAlmostEqual(f.stock_value(item.name), 200)

	def test_a_count_that_revalues_units_is_not_a_receipt(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2, rate=100)
		a, b = f.serials_of(item.name)
		# One unit lent out: a count keeps it where it is (on hand), On Loan.
		act(
			[b],
			lc.CHECK_OUT,
			custodian_type="Customer",
			custodian=f.CUSTOMER,
			due_date=frappe.utils.nowdate(),
		)
		reco = count(item.name, [a, b], rate=80)
		assert_unit(
			self, a, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R, REC], cost=80
		)
		assert_unit(
			self, b, warehouse=STORES, lifecycle=lc.ON_LOAN, kinds=[R, ledger.CHECKED_OUT, REC], cost=80
		)
		self.assertEqual(episodes(a), [1, 1])
		self.assertAlmostEqual(f.stock_value(item.name), 160)

		reco.cancel()
		assert_unit(self, a, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, REC, X], cost=100)
		assert_unit(self, b, lifecycle=lc.ON_LOAN, cost=100)
		amend(reco)
		assert_unit(self, a, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, REC, X, REC], cost=80)
