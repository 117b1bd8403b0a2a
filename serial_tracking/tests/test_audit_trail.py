"""Every stock movement of a unit becomes one audit event; cancellations append reversals."""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from erpnext.controllers.sales_and_purchase_return import make_return_doc

import serial_tracking.platform.bulk_insert
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import (
	EVENT_DOCTYPE,
	history,
	kinds,
	lifecycle_status,
	serial_row,
	serialized_item,
	stock_entry,
)
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


class TestAuditTrail(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_receipt_transfer_delivery_and_customer_return(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2, rate=400)
		a, b = f.serials_of(item.name)
		[received] = history(a)
		self.assertEqual(
			(
				received.event,
				received.to_warehouse,
				received.party,
				received.status_before,
				received.status_after,
				received.episode,
			),
			(ledger.RECEIVED, f.warehouse(), f.SUPPLIER, None, lc.IN_STOCK, 1),
		)
		event = frappe.get_all(
			EVENT_DOCTYPE,
			{"serial_no": a},
			["rate_in", "voucher_type", "voucher_no", "voucher_detail_no", "recorded_by"],
		)[0]
		self.assertEqual(
			(event.rate_in, event.voucher_type, event.voucher_no, event.voucher_detail_no, event.recorded_by),
			(400, "Purchase Receipt", receipt.name, receipt.items[0].name, "Administrator"),
		)

		stock_entry(
			"Material Transfer",
			[serial_row(item.name, [a], s_warehouse=f.warehouse(), t_warehouse=f.warehouse("Shop"))],
		)
		delivery = f.delivery_note(item.name, 1, serials=[a], wh=f.warehouse("Shop"))
		self.assertEqual(lifecycle_status(a), lc.DELIVERED)
		back = make_return_doc("Delivery Note", delivery.name)
		back.insert()
		back.submit()

		events = history(a)
		self.assertEqual(
			[(e.event, e.from_warehouse, e.to_warehouse, e.status_after, e.episode) for e in events],
			[
				(ledger.RECEIVED, None, f.warehouse(), lc.IN_STOCK, 1),
				(ledger.TRANSFERRED, f.warehouse(), f.warehouse("Shop"), lc.IN_STOCK, 1),
				(ledger.DELIVERED, f.warehouse("Shop"), None, lc.DELIVERED, 1),
				(ledger.RETURNED_FROM_CUSTOMER, None, f.warehouse("Shop"), lc.IN_STOCK, 2),
			],
		)
		self.assertEqual(events[2].party, f.CUSTOMER)
		self.assertEqual(kinds(b), [ledger.RECEIVED])
		self.assertEqual(verify_chains([a, b]), [])

	def test_return_to_supplier(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2)
		a, _b = f.serials_of(item.name)
		back = make_return_doc("Purchase Receipt", receipt.name)
		back.items[0].qty = -1
		back.items[0].received_qty = -1
		back.items[0].serial_no = a
		back.items[0].use_serial_batch_fields = 1
		back.insert()
		back.submit()
		self.assertEqual(kinds(a), [ledger.RECEIVED, ledger.RETURNED_TO_SUPPLIER])
		self.assertEqual(lifecycle_status(a), lc.RETURNED)

	def test_consumed_in_production_and_manufactured(self):
		part = serialized_item()
		product = serialized_item()
		f.purchase_receipt(part.name, 1)
		[unit] = f.serials_of(part.name)
		stock_entry(
			"Repack",
			[
				serial_row(part.name, [unit], s_warehouse=f.warehouse()),
				{
					"item_code": product.name,
					"qty": 1,
					"t_warehouse": f.warehouse(),
					"is_finished_item": 1,
					"basic_rate": 500,
				},
			],
		)
		# Both serialized: the part became part of the unit made (genealogy), after the movements.
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.CONSUMED, ledger.BECAME_PART_OF])
		self.assertEqual(lifecycle_status(unit), lc.CONSUMED)
		[made] = f.serials_of(product.name)
		self.assertEqual(kinds(made), [ledger.MANUFACTURED, ledger.MADE_OF])

	def test_material_issue_is_an_adjustment(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		stock_entry("Material Issue", [serial_row(item.name, [unit], s_warehouse=f.warehouse())])
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.ADJUSTED])
		self.assertEqual(lifecycle_status(unit), lc.RETIRED)

	def test_reconciliation(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2)
		kept, missing = f.serials_of(item.name)
		reco = frappe.get_doc(
			{
				"doctype": "Stock Reconciliation",
				"company": f.COMPANY,
				"purpose": "Stock Reconciliation",
				"items": [
					{
						"item_code": item.name,
						"warehouse": f.warehouse(),
						"qty": 1,
						"valuation_rate": 100,
						"serial_no": kept,
						"use_serial_batch_fields": 1,
					}
				],
			}
		)
		reco.insert()
		reco.submit()
		self.assertEqual(kinds(missing), [ledger.RECEIVED, ledger.RECONCILED])
		self.assertEqual(lifecycle_status(missing), lc.LOST)
		self.assertEqual(lifecycle_status(kept), lc.IN_STOCK)
		self.assertEqual(verify_chains([kept, missing]), [])

	def test_cancel_appends_reversals_and_amend_records_again(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		delivery = f.delivery_note(item.name, 1, serials=[unit])
		delivery.cancel()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED])
		cancel = history(unit)[-1]
		self.assertEqual(
			(cancel.status_before, cancel.status_after, cancel.to_warehouse),
			(lc.DELIVERED, lc.IN_STOCK, f.warehouse()),
		)
		self.assertEqual(lifecycle_status(unit), lc.IN_STOCK)

		amended = frappe.copy_doc(delivery)
		amended.amended_from = delivery.name
		amended.docstatus = 0
		amended.insert()
		amended.submit()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED, ledger.DELIVERED])
		self.assertEqual(history(unit)[-1].voucher_no, amended.name)
		self.assertEqual(verify_chains([unit]), [])

	def test_cancelled_receipt_reverses_and_leaves_the_unit_out_of_stock(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		receipt.cancel()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.CANCELLED])
		self.assertEqual(lifecycle_status(unit), None)
		self.assertEqual(frappe.db.get_value("Serial No", unit, ["warehouse", "status"]), (None, "Inactive"))

	@change_settings("Stock Settings", {"allow_existing_serial_no": 1})
	def test_a_unit_received_again_keeps_its_history_and_starts_a_new_episode(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1, serials=[f"{item.name}-R1"])
		unit = f"{item.name}-R1"
		f.delivery_note(item.name, 1, serials=[unit])
		f.purchase_receipt(item.name, 1, serials=[unit])
		self.assertEqual(
			[(e.event, e.episode) for e in history(unit)],
			[(ledger.RECEIVED, 1), (ledger.DELIVERED, 1), (ledger.RECEIVED, 2)],
		)

	def test_one_insert_per_voucher(self):
		item = serialized_item()

		queries = []
		original = serial_tracking.platform.bulk_insert.insert

		def spy(doctype, columns, rows):
			queries.append(doctype)
			return original(doctype, columns, rows)

		serial_tracking.platform.bulk_insert.insert = spy
		try:
			f.purchase_receipt(item.name, 25)
		finally:
			serial_tracking.platform.bulk_insert.insert = original
		self.assertEqual(queries.count(EVENT_DOCTYPE), 1)
		self.assertEqual(frappe.db.count(EVENT_DOCTYPE, {"item_code": item.name}), 25)
