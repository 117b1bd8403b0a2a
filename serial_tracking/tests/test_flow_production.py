"""Units made: a Subcontracting Receipt brings serialized finished goods in from a subcontractor (their
serials generated from the app's series, as on a purchase) and consumes the serialized components sent
to them; a Work Order's Manufacture entry consumes serialized components and makes a serialized
finished good."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, nowdate

from erpnext.buying.doctype.purchase_order.purchase_order import make_subcontracting_order
from erpnext.controllers.subcontracting_controller import make_rm_stock_entry
from erpnext.manufacturing.doctype.work_order.work_order import make_stock_entry as work_order_entry
from erpnext.subcontracting.doctype.subcontracting_order.subcontracting_order import (
	make_subcontracting_receipt,
)

from serial_tracking.series.core import series_rules
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import amend, assert_unit, bundle_serials, submitted
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES, WIP, SUBCONTRACTOR = f.warehouse(), f.warehouse("Work In Progress"), f.warehouse("Subcontractor")
R, T, C, M, X = ledger.RECEIVED, ledger.TRANSFERRED, ledger.CONSUMED, ledger.MANUFACTURED, ledger.CANCELLED
MADE_OF, PART_OF = ledger.MADE_OF, ledger.BECAME_PART_OF


def ensure_warehouses():
	for name in ("Work In Progress", "Subcontractor"):
		if not frappe.db.exists("Warehouse", f.warehouse(name)):
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": f.COMPANY}).insert()


def bom(item_code: str, parts: list[tuple[str, float, float]]) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "BOM",
			"item": item_code,
			"company": f.COMPANY,
			"quantity": 1,
			"is_active": 1,
			"is_default": 1,
			"currency": "USD",
			"rm_cost_as_per": "Valuation Rate",
			"items": [{"item_code": part, "qty": qty, "rate": rate} for part, qty, rate in parts],
		}
	)
	return submitted(doc).name


def made_units(doc) -> list[str]:
	"""The units ``doc`` brought in, in line order."""
	doc.reload()
	return [
		s
		for row in doc.items
		if row.get("serial_and_batch_bundle") and not row.get("s_warehouse")
		for s in bundle_serials(row.serial_and_batch_bundle)
	]


def serial_rows(doc, item_code: str, serials: list[str]) -> None:
	for row in doc.items:
		if row.item_code == item_code:
			row.serial_no = "\n".join(serials)
			row.use_serial_batch_fields = 1


class TestSubcontracting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		ensure_warehouses()

	def test_subcontracted_units_get_series_serials_and_consume_the_parts_sent(self):
		part = serialized_item()
		product = serialized_item(is_sub_contracted_item=1)
		service = f.make_item(is_stock_item=0).name
		f.purchase_receipt(part.name, 2, rate=100)
		parts = f.serials_of(part.name)
		bom(product.name, [(part.name, 1, 100)])
		order = f.voucher(
			"Purchase Order",
			[
				{
					"item_code": service,
					"qty": 2,
					"rate": 30,
					"fg_item": product.name,
					"fg_item_qty": 2,
					"warehouse": STORES,
					"schedule_date": add_days(nowdate(), 3),
				}
			],
			supplier=f.SUPPLIER,
			is_subcontracted=1,
			supplier_warehouse=SUBCONTRACTOR,
			transaction_date=nowdate(),
			schedule_date=add_days(nowdate(), 3),
		)
		sco = make_subcontracting_order(order.name)
		sco = submitted(sco)
		sent = frappe.get_doc(make_rm_stock_entry(sco.name))
		serial_rows(sent, part.name, parts)
		submitted(sent)
		for unit in parts:
			assert_unit(self, unit, warehouse=SUBCONTRACTOR, lifecycle=lc.IN_STOCK, kinds=[R, T])

		receipt = submitted(make_subcontracting_receipt(sco.name))
		made = made_units(receipt)
		self.assertEqual(len(made), 2)
		template = series_rules.parse(product.st_series_template)
		self.assertTrue(all(series_rules.matches(template, unit) for unit in made), made)
		for unit in made:
			event = frappe.db.get_value("Serial Audit Event", {"serial_no": unit}, ["party"], as_dict=True)
			self.assertEqual(event.party, f.SUPPLIER)
			# The part it was made of (100) and the subcontractor's service (30).
			assert_unit(
				self, unit, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R], cost=130
			)
		for unit in parts:  # ERPNext calls the parts a subcontractor used "Delivered"
			assert_unit(
				self, unit, warehouse=None, status="Delivered", lifecycle=lc.CONSUMED, kinds=[R, T, C]
			)

		receipt.reload()
		receipt.cancel()
		for unit in made:
			assert_unit(self, unit, warehouse=None, status="Inactive", lifecycle=None, kinds=[R, X])
		for unit in parts:
			assert_unit(self, unit, warehouse=SUBCONTRACTOR, lifecycle=lc.IN_STOCK, kinds=[R, T, C, X])

		again = amend(receipt)
		remade = made_units(again)
		# The amendment is a new receipt: new numbers (never reissued); the cancelled units stay out.
		self.assertEqual(len(remade), 2)
		self.assertFalse(set(remade) & set(made))
		for unit in remade:
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R], cost=130)
		for unit in made:
			assert_unit(self, unit, warehouse=None, status="Inactive", lifecycle=None, kinds=[R, X])
		for unit in parts:
			assert_unit(self, unit, warehouse=None, lifecycle=lc.CONSUMED, kinds=[R, T, C, X, C])


class TestManufacture(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		ensure_warehouses()

	@change_settings(
		"Manufacturing Settings", {"backflush_raw_materials_based_on": "Material Transferred for Manufacture"}
	)
	def test_a_work_order_consumes_serialized_parts_and_makes_a_serialized_product(self):
		part = serialized_item()
		product = serialized_item()
		f.purchase_receipt(part.name, 2, rate=100)
		parts = f.serials_of(part.name)
		bom_name = bom(product.name, [(part.name, 2, 100)])
		order = submitted(
			frappe.get_doc(
				{
					"doctype": "Work Order",
					"production_item": product.name,
					"bom_no": bom_name,
					"qty": 1,
					"company": f.COMPANY,
					"source_warehouse": STORES,
					"wip_warehouse": WIP,
					"fg_warehouse": STORES,
					"planned_start_date": nowdate(),
				}
			)
		)
		transfer = frappe.get_doc(work_order_entry(order.name, "Material Transfer for Manufacture", 1))
		serial_rows(transfer, part.name, parts)
		for row in transfer.items:
			row.s_warehouse = row.s_warehouse or STORES
		submitted(transfer)
		for unit in parts:
			assert_unit(self, unit, warehouse=WIP, lifecycle=lc.IN_STOCK, kinds=[R, T])

		make = submitted(frappe.get_doc(work_order_entry(order.name, "Manufacture", 1)))
		[made] = made_units(make)
		assert_unit(
			self,
			made,
			warehouse=STORES,
			status="Active",
			lifecycle=lc.IN_STOCK,
			kinds=[M, MADE_OF, MADE_OF],
			cost=200,
		)
		for unit in parts:
			assert_unit(
				self, unit, warehouse=None, status="Consumed", lifecycle=lc.CONSUMED, kinds=[R, T, C, PART_OF]
			)

		make.reload()
		make.cancel()
		assert_unit(
			self,
			made,
			warehouse=None,
			status="Inactive",
			lifecycle=None,
			kinds=[M, MADE_OF, MADE_OF, X, X, X],
		)
		for unit in parts:
			assert_unit(self, unit, warehouse=WIP, lifecycle=lc.IN_STOCK, kinds=[R, T, C, PART_OF, X, X])

		again = amend(make)
		[remade] = made_units(again)
		self.assertNotEqual(remade, made)
		assert_unit(
			self, remade, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[M, MADE_OF, MADE_OF], cost=200
		)
		assert_unit(
			self,
			made,
			warehouse=None,
			status="Inactive",
			lifecycle=None,
			kinds=[M, MADE_OF, MADE_OF, X, X, X],
		)
		for unit in parts:
			assert_unit(
				self, unit, warehouse=None, lifecycle=lc.CONSUMED, kinds=[R, T, C, PART_OF, X, X, C, PART_OF]
			)
