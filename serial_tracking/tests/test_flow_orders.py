"""Sales orders fulfilled through ERPNext: a Pick List picks units and its Delivery Note delivers them;
Stock Reservation Entries reserve units for an order (the units are Reserved until delivered or
released), the order's delivery takes the reserved units. On ERPNext 16 a Work Order reserves its
serialized components too, for no customer."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, nowdate

from erpnext.selling.doctype.sales_order.sales_order import create_pick_list, make_delivery_note
from erpnext.stock.doctype.pick_list.pick_list import create_delivery_note

from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import amend, assert_unit, bundle_serials, submitted
from serial_tracking.tests.test_flow_production import bom, ensure_warehouses
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES = f.warehouse()
R, D, X = ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED
RES, UNRES = ledger.RESERVED, ledger.UNRESERVED
RESERVATION = {"enable_stock_reservation": 1, "auto_reserve_serial_and_batch": 1}
SRE = "Stock Reservation Entry"


def sales_order(item_code: str, qty: int, rate: float = 150, submit=True, **fields):
	return f.voucher(
		"Sales Order",
		[{"item_code": item_code, "qty": qty, "rate": rate, "warehouse": STORES}],
		submit=submit,
		customer=f.CUSTOMER,
		transaction_date=nowdate(),
		delivery_date=add_days(nowdate(), 7),
		**fields,
	)


def delivered_units(delivery) -> list[str]:
	delivery.reload()
	return sorted(s for row in delivery.items for s in bundle_serials(row.serial_and_batch_bundle))


def reserves_for_work_orders() -> bool:
	"""ERPNext 16 reserves a Work Order's components (15's entries are for Sales Orders only)."""
	return "Work Order" in (frappe.get_meta(SRE).get_field("voucher_type").options or "").split("\n")


def reservations(order) -> list:
	return frappe.get_all(SRE, {"voucher_no": order.name, "docstatus": 1}, ["name", "status"])


def reserved_serials(order) -> list[str]:
	names = [r.name for r in reservations(order)]
	return sorted(
		frappe.get_all(
			"Serial and Batch Entry", {"parenttype": SRE, "parent": ("in", names or [""])}, pluck="serial_no"
		)
	)


class TestPickList(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_picked_units_are_delivered_by_the_pick_lists_delivery_note(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 3, rate=100)
		order = sales_order(item.name, 2)
		pick = create_pick_list(order.name)
		pick.purpose = "Delivery"
		pick = submitted(pick)
		picked = sorted(
			s
			for row in pick.locations
			for s in (bundle_serials(row.serial_and_batch_bundle) if row.serial_and_batch_bundle else [])
			or (row.serial_no or "").split("\n")
			if s
		)
		self.assertEqual(len(picked), 2)
		for unit in picked:  # picking moves nothing
			assert_unit(self, unit, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R])

		delivery = submitted(create_delivery_note(pick.name))
		self.assertEqual(delivered_units(delivery), picked)
		for unit in picked:
			assert_unit(
				self, unit, warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, D], cost=100
			)
		[left] = set(f.serials_of(item.name))
		assert_unit(self, left, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R])

		delivery.cancel()
		for unit in picked:
			assert_unit(self, unit, warehouse=STORES, status="Active", lifecycle=lc.IN_STOCK, kinds=[R, D, X])
		again = amend(delivery)
		self.assertEqual(delivered_units(again), picked)
		for unit in picked:
			assert_unit(self, unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D, X, D])


class TestStockReservation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	@change_settings("Stock Settings", RESERVATION)
	def test_units_reserved_for_an_order_are_delivered_against_it(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 3, rate=100)
		order = sales_order(item.name, 2, reserve_stock=1)
		reserved = reserved_serials(order)
		self.assertEqual(len(reserved), 2)
		for unit in reserved:
			assert_unit(
				self, unit, warehouse=STORES, status="Active", lifecycle=lc.RESERVED, kinds=[R, RES], cost=100
			)
		[free] = set(f.serials_of(item.name)) - set(reserved)
		assert_unit(self, free, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R])

		delivery = submitted(make_delivery_note(order.name, kwargs={"for_reserved_stock": 1}))
		self.assertEqual(delivered_units(delivery), reserved)
		self.assertEqual({r.status for r in reservations(order)}, {"Delivered"})
		for unit in reserved:
			assert_unit(
				self, unit, warehouse=None, status="Delivered", lifecycle=lc.DELIVERED, kinds=[R, RES, D]
			)

		# Cancelling the delivery gives the order its reservation back.
		delivery.cancel()
		self.assertEqual({r.status for r in reservations(order)}, {"Reserved"})
		for unit in reserved:
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.RESERVED, kinds=[R, RES, D, X])

		# Releasing the reservation frees the units.
		order.reload()
		order.cancel_stock_reservation_entries()
		for unit in reserved:
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, RES, D, X, UNRES])

	@change_settings("Stock Settings", RESERVATION)
	def test_a_reservation_changed_after_submit_moves_the_reserved_status(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2, rate=100)
		order = sales_order(item.name, 1, reserve_stock=1)
		[reserved] = reserved_serials(order)
		[other] = set(f.serials_of(item.name)) - {reserved}
		entry = frappe.get_doc(SRE, reservations(order)[0].name)
		entry.set("sb_entries", [])
		entry.append("sb_entries", {"serial_no": other, "qty": 1, "warehouse": STORES})
		entry.save()
		assert_unit(self, reserved, lifecycle=lc.IN_STOCK, kinds=[R, RES, UNRES])
		assert_unit(self, other, lifecycle=lc.RESERVED, kinds=[R, RES])
		entry.reload()
		entry.cancel()
		assert_unit(self, other, lifecycle=lc.IN_STOCK, kinds=[R, RES, UNRES])

	@change_settings("Stock Settings", RESERVATION)
	def test_units_reserved_for_a_work_order_have_no_customer(self):
		if not reserves_for_work_orders():
			self.skipTest("ERPNext 15 reserves stock for Sales Orders only")
		ensure_warehouses()
		part, product = serialized_item(), serialized_item()
		f.purchase_receipt(part.name, 3, rate=100)
		order = submitted(
			frappe.get_doc(
				{
					"doctype": "Work Order",
					"production_item": product.name,
					"bom_no": bom(product.name, [(part.name, 2, 100)]),
					"qty": 1,
					"company": f.COMPANY,
					"source_warehouse": STORES,
					"wip_warehouse": f.warehouse("Work In Progress"),
					"fg_warehouse": STORES,
					"planned_start_date": nowdate(),
					"reserve_stock": 1,
				}
			)
		)
		reserved = reserved_serials(order)
		self.assertEqual(len(reserved), 2)
		for unit in reserved:
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.RESERVED, kinds=[R, RES])
			[event] = frappe.get_all(
				"Serial Audit Event", {"serial_no": unit, "event": RES}, ["party_type", "party", "remarks"]
			)
			self.assertEqual((event.party_type, event.party), (None, None))
			self.assertEqual(event.remarks, f"Work Order {order.name}")

		order.reload()
		order.cancel()
		for unit in reserved:
			assert_unit(self, unit, warehouse=STORES, lifecycle=lc.IN_STOCK, kinds=[R, RES, UNRES])
