"""Serial and Batch Bundles made first, through ERPNext's "Add Serial / Batch No" dialog (typed serials
made by create_serial_nos, the bundle saved by add_serial_batch_ledgers, the voucher line referring to
it, use_serial_batch_fields off), and bundles of several hundred units."""

import frappe
from frappe.query_builder.functions import Count
from frappe.tests.utils import FrappeTestCase

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.audit.verifier import verify_chains
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import (
	amended_with_bundle,
	assert_unit,
	bundle_serials,
	bundled_line,
	submitted,
)
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES = f.warehouse()
R, D, RFC, X = ledger.RECEIVED, ledger.DELIVERED, ledger.RETURNED_FROM_CUSTOMER, ledger.CANCELLED
EVENT_DOCTYPE = "Serial Audit Event"


def counts(serials: list[str]) -> dict[str, int]:
	"""Events of ``serials`` by kind (Frappe 16's get_all refuses SQL functions written as strings)."""
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	rows = (
		frappe.qb.from_(event)
		.select(event.event, Count(event.name))
		.where(event.serial_no.isin(serials))
		.groupby(event.event)
	).run()
	return dict(rows)


class TestBundlesMadeFirst(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_receipt_and_delivery_through_the_dialog(self):
		item = serialized_item(st_serial_source="Enter or scan")
		typed = [f"{item.name}-D1", f"{item.name}-D2"]
		receipt = f.voucher(
			"Purchase Receipt",
			[bundled_line("Purchase Receipt", item.name, typed, rate=120, new=True)],
			submit=False,
			supplier=f.SUPPLIER,
		)
		# The dialog made the units; a draft receipt does not put them on hand.
		for unit in typed:
			assert_unit(self, unit, warehouse=None, status="Inactive", lifecycle=None, kinds=[])
		submitted(receipt)
		self.assertFalse(receipt.items[0].use_serial_batch_fields)
		self.assertEqual(bundle_serials(receipt.items[0].serial_and_batch_bundle), typed)
		for unit in typed:
			assert_unit(
				self, unit, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R], cost=120
			)

		sold = typed[:1]
		delivery = f.voucher(
			"Delivery Note",
			[bundled_line("Delivery Note", item.name, sold, rate=200)],
			customer=f.CUSTOMER,
		)
		assert_unit(self, sold[0], warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, D])
		delivery.cancel()
		assert_unit(self, sold[0], warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, D, X])
		again = amended_with_bundle(delivery, sold)
		assert_unit(self, sold[0], warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D, X, D])
		again.cancel()

		receipt.reload()
		receipt.cancel()
		for unit in typed:
			assert_unit(self, unit, warehouse=None, status="Inactive", lifecycle=None)
		# The user enters the same serials again on the amended receipt: the units come back.
		amended_with_bundle(receipt, typed)
		assert_unit(
			self, typed[0], warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, D, X, D, X, X, R], cost=120
		)
		assert_unit(self, typed[1], warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, X, R], cost=120)


class TestLargeBundles(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_five_hundred_units_received_sold_returned_and_cancelled(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 500, rate=40)
		units = f.serials_of(item.name)
		self.assertEqual(len(units), 500)
		self.assertEqual(counts(units), {R: 500})
		for unit in (units[0], units[-1]):
			assert_unit(
				self, unit, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R], cost=40
			)

		delivery = f.voucher(
			"Delivery Note", [bundled_line("Delivery Note", item.name, units, rate=60)], customer=f.CUSTOMER
		)
		self.assertEqual(counts(units), {R: 500, D: 500})
		self.assertEqual(f.stock_qty(item.name), 0)
		delivery.cancel()
		self.assertEqual(counts(units), {R: 500, D: 500, X: 500})
		self.assertEqual(f.stock_qty(item.name), 500)

		invoice = f.voucher(
			"Sales Invoice",
			[bundled_line("Sales Invoice", item.name, units, rate=60)],
			customer=f.CUSTOMER,
			update_stock=1,
		)
		for unit in (units[0], units[-1]):
			assert_unit(
				self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D, X, D], cost=40, revenue=60
			)
		credit = submitted(make_return_doc("Sales Invoice", invoice.name))
		self.assertEqual(
			len(
				bundle_serials(
					frappe.db.get_value(
						"Sales Invoice Item", {"parent": credit.name}, "serial_and_batch_bundle"
					)
				)
			),
			500,
		)
		self.assertEqual(counts(units), {R: 500, D: 1000, X: 500, RFC: 500})
		for unit in (units[0], units[-1]):
			assert_unit(
				self,
				unit,
				warehouse=STORES,
				lifecycle=lc.IN_STOCK,
				kinds=[R, D, X, D, RFC],
				cost=40,
				revenue=0,
			)
		self.assertEqual(verify_chains(units), [])
		self.assertEqual(
			frappe.db.count("Serial No", {"item_code": item.name, "st_lifecycle_status": lc.IN_STOCK}), 500
		)

	def test_three_hundred_typed_serials_through_the_dialog(self):
		item = serialized_item(st_serial_source="Enter or scan")
		typed = [f"{item.name}-{n:04d}" for n in range(300)]
		receipt = f.voucher(
			"Purchase Receipt",
			[bundled_line("Purchase Receipt", item.name, typed, rate=10, new=True)],
			supplier=f.SUPPLIER,
		)
		self.assertEqual(counts(typed), {R: 300})
		assert_unit(self, typed[150], warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R], cost=10)
		receipt.reload()
		receipt.cancel()
		self.assertEqual(counts(typed), {R: 300, X: 300})
		self.assertEqual(
			frappe.db.count(
				"Serial No", {"item_code": item.name, "status": "Inactive", "warehouse": ("is", "not set")}
			),
			300,
		)
		self.assertEqual(verify_chains(typed), [])
