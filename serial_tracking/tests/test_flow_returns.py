"""Returns made with ERPNext's own make_return_doc, the units in bundles (not the serial text field):
Purchase Receipt and Purchase Invoice returns to the supplier, Delivery Note and Sales Invoice returns
from the customer, and credit notes without stock, which leave the units where they are."""

import frappe
from frappe.tests.utils import FrappeTestCase

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.platform import compat
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import amend, assert_unit, bundle_serials, bundled_line, submitted
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES = f.warehouse()
R, RTS, D, RFC, X = (
	ledger.RECEIVED,
	ledger.RETURNED_TO_SUPPLIER,
	ledger.DELIVERED,
	ledger.RETURNED_FROM_CUSTOMER,
	ledger.CANCELLED,
)


def partial_return(doctype: str, name: str, qty: int):
	"""ERPNext's return of ``name`` for ``qty`` units of its first line; ERPNext picks the units into
	the return's bundle when it validates."""
	back = make_return_doc(doctype, name)
	row = back.items[0]
	row.qty = -qty
	if row.meta.has_field("received_qty"):
		row.received_qty = -qty
	back.insert()
	back.submit()
	back.reload()
	return back, bundle_serials(back.items[0].serial_and_batch_bundle)


def sold_units(item_code: str, qty: int, doctype="Delivery Note", rate=150, **fields):
	"""``qty`` units received and then sold through the bundle dialog."""
	receipt = f.purchase_receipt(item_code, qty, rate=100)
	units = sorted(
		frappe.get_all("Serial No", compat.created_by_filters(receipt.doctype, receipt.name), pluck="name")
	)
	sale = f.voucher(
		doctype, [bundled_line(doctype, item_code, units, rate=rate)], customer=f.CUSTOMER, **fields
	)
	return units, sale


class TestSupplierReturns(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def check_supplier_return(self, doctype: str, make):
		item = serialized_item()
		receipt = make(item.name)
		units = sorted(
			frappe.get_all(
				"Serial No", compat.created_by_filters(receipt.doctype, receipt.name), pluck="name"
			)
		)
		self.assertEqual(len(units), 3)
		self.assertFalse(receipt.items[0].use_serial_batch_fields)
		back, [gone] = partial_return(doctype, receipt.name, 1)
		self.assertFalse(back.items[0].use_serial_batch_fields)
		# ERPNext calls every unit that left "Delivered"; the lifecycle says where it went.
		assert_unit(
			self,
			gone,
			warehouse=None,
			status="Delivered",
			lifecycle=lc.RETURNED,
			kinds=[R, RTS],
			cost=0,
			revenue=0,
		)
		for kept in set(units) - {gone}:
			assert_unit(
				self, kept, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R], cost=100
			)

		back.cancel()
		assert_unit(
			self, gone, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R, RTS, X], cost=100
		)
		again = amend(back)
		self.assertEqual(bundle_serials(again.items[0].serial_and_batch_bundle), [gone])
		assert_unit(self, gone, warehouse=None, lifecycle=lc.RETURNED, kinds=[R, RTS, X, RTS], cost=0)
		self.assertEqual(f.stock_qty(item.name), 2)

	def test_purchase_receipt_return(self):
		self.check_supplier_return("Purchase Receipt", lambda item: f.purchase_receipt(item, 3, rate=100))

	def test_purchase_invoice_return(self):
		self.check_supplier_return("Purchase Invoice", lambda item: f.purchase_invoice(item, 3, rate=100))

	def test_a_whole_receipt_returned(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2, rate=70)
		back = submitted(make_return_doc("Purchase Receipt", receipt.name))
		for unit in bundle_serials(
			frappe.db.get_value("Purchase Receipt Item", {"parent": back.name}, "serial_and_batch_bundle")
		):
			assert_unit(self, unit, warehouse=None, lifecycle=lc.RETURNED, kinds=[R, RTS], cost=0)
		self.assertEqual(f.stock_qty(item.name), 0)


class TestCustomerReturns(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_delivery_note_return(self):
		item = serialized_item()
		units, delivery = sold_units(item.name, 2)
		for unit in units:
			assert_unit(self, unit, warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, D])
		back, [returned] = partial_return("Delivery Note", delivery.name, 1)
		assert_unit(
			self,
			returned,
			warehouse=STORES,
			status="Active",
			lifecycle=lc.IN_STOCK,
			kinds=[R, D, RFC],
			cost=100,
		)
		self.assertEqual(
			frappe.get_all("Serial Audit Event", {"serial_no": returned}, pluck="episode", order_by="seq"),
			[1, 1, 2],
		)
		[still_out] = set(units) - {returned}
		assert_unit(self, still_out, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D])

		back.cancel()
		assert_unit(
			self, returned, warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, D, RFC, X]
		)
		amend(back)
		assert_unit(self, returned, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, D, RFC, X, RFC])

	def test_sales_invoice_return_with_stock(self):
		item = serialized_item()
		[unit], invoice = sold_units(item.name, 1, doctype="Sales Invoice", rate=150, update_stock=1)
		assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D], cost=100, revenue=150)
		credit, [returned] = partial_return("Sales Invoice", invoice.name, 1)
		self.assertEqual(returned, unit)
		assert_unit(
			self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, D, RFC], cost=100, revenue=0
		)
		credit.cancel()
		assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D, RFC, X], revenue=150)
		amend(credit)
		assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, D, RFC, X, RFC], revenue=0)

	def test_credit_note_without_stock_leaves_the_unit_where_it_is(self):
		from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_invoice

		item = serialized_item()
		[unit], delivery = sold_units(item.name, 1, rate=150)
		invoice = submitted(make_sales_invoice(delivery.name))
		assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D], cost=100, revenue=150)

		# A price allowance: a credit note for part of the line, no goods back.
		credit = make_return_doc("Sales Invoice", invoice.name)
		self.assertFalse(credit.update_stock)
		credit.items[0].rate = 40
		submitted(credit)
		self.assertFalse(credit.items[0].serial_and_batch_bundle)
		assert_unit(
			self, unit, warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, D], revenue=110
		)
		credit.cancel()
		assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D], revenue=150)

	def test_credit_note_without_stock_on_an_invoice_with_stock(self):
		item = serialized_item()
		[unit], invoice = sold_units(item.name, 1, doctype="Sales Invoice", rate=200, update_stock=1)
		credit = make_return_doc("Sales Invoice", invoice.name)
		credit.update_stock = 0
		for row in credit.items:
			row.serial_and_batch_bundle = None
			row.serial_no = None
		submitted(credit)
		assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D], revenue=0)
		self.assertEqual(f.stock_qty(item.name), 0)
