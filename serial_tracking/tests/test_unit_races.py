"""A unit moves once, whatever the concurrency: contenders for the same units, each on its own database
connection and all at the same instant, in the pairings a shop meets (see tests/races.py). Exactly one
wins; the others are refused with a 4xx message naming the unit; bins, events and chains stay right."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.actions import unit_actions
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import count_helpers as h
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.races import RaceAssertions, race
from serial_tracking.tests.trail import serial_row, stock_entry
from serial_tracking.units.core import lifecycle


def units(n: int, wh: str | None = None) -> tuple[str, list[str]]:
	"""A new serialized item with ``n`` units received into ``wh`` (known serials)."""
	return h.units(n, wh or f.warehouse())


def submit(doctype: str, name: str):
	return lambda: frappe.get_doc(doctype, name).submit()


def cancel(doctype: str, name: str):
	return lambda: frappe.get_doc(doctype, name).cancel()


class TestUnitRaces(FrappeTestCase, RaceAssertions):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.site, cls.sites_path = frappe.local.site, frappe.local.sites_path

	def test_ten_issues_of_the_same_three_units(self):
		"""ERPNext alone lets two of ten land (the bin drops to 0 with three units still there)."""
		item, serials = units(6)
		taken = serials[:3]
		drafts = [
			stock_entry("Material Issue", [serial_row(item, taken, s_warehouse=f.warehouse())], submit=False)
			for _ in range(10)
		]
		outcome = race({d.name: submit("Stock Entry", d.name) for d in drafts}, taken[0])
		winner = self.assert_one_winner(outcome, taken, 10)
		refusals = [r[2] for r in outcome.values() if r != "won"]
		self.assertTrue(all(winner in message for message in refusals), refusals[:2])
		self.assertEqual(sorted(f.serials_of(item)), sorted(serials[3:]))
		self.assert_consistent(item, serials)

	def test_two_sales_of_one_unit(self):
		item, serials = units(2)
		note = f.delivery_note(item, 1, serials=[serials[0]], submit=False)
		invoice = f.sales_invoice(item, 1, serials=[serials[0]], submit=False)
		outcome = race(
			{"note": submit("Delivery Note", note.name), "invoice": submit("Sales Invoice", invoice.name)},
			serials[0],
		)
		self.assert_one_winner(outcome, serials[:1], 2)
		self.assert_consistent(item, serials)

	def test_a_sale_and_a_check_out(self):
		item, serials = units(1)
		employee = f.ensure_employee()
		note = f.delivery_note(item, 1, serials=serials, submit=False)

		def check_out():
			unit_actions.act(
				serials,
				lifecycle.CHECK_OUT,
				custodian_type="Employee",
				custodian=employee,
				due_date=add_days(nowdate(), 7),
			)

		outcome = race({"sale": submit("Delivery Note", note.name), "check out": check_out}, serials[0])
		winner = self.assert_one_winner(outcome, serials, 2)
		status = frappe.db.get_value("Serial No", serials[0], "st_lifecycle_status")
		self.assertEqual(status, lifecycle.DELIVERED if winner == "sale" else lifecycle.ON_LOAN)
		self.assert_consistent(item, serials)

	def test_a_count_approval_and_a_transfer(self):
		stores, shop, van = h.place("Stores"), h.place("Shop"), h.place("Van")
		item, serials = units(2, shop)
		count = h.start(stores)
		h.scan(count, serials[0])  # misplaced: on the books in the shop, found in the stores
		count = h.close(count)
		move = stock_entry(
			"Material Transfer",
			[serial_row(item, serials[:1], s_warehouse=shop, t_warehouse=van)],
			submit=False,
		)
		outcome = race(
			{"approval": submit("Unit Count", count.name), "transfer": submit("Stock Entry", move.name)},
			serials[0],
		)
		winner = self.assert_one_winner(outcome, serials[:1], 2)
		where = frappe.db.get_value("Serial No", serials[0], "warehouse")
		self.assertEqual(where, stores if winner == "approval" else van)
		self.assert_consistent(item, serials)

	def test_a_return_to_the_supplier_and_a_sale(self):
		item, serials = units(2)
		receipt = frappe.get_all(
			"Purchase Receipt Item", {"item_code": item, "docstatus": 1}, pluck="parent", limit=1
		)[0]
		back = make_return_doc("Purchase Receipt", receipt)
		back.items[0].qty = back.items[0].received_qty = -1
		back.items[0].serial_no = serials[0]
		back.items[0].use_serial_batch_fields = 1
		back.items[0].serial_and_batch_bundle = None
		back.insert()
		note = f.delivery_note(item, 1, serials=[serials[0]], submit=False)
		outcome = race(
			{"return": submit("Purchase Receipt", back.name), "sale": submit("Delivery Note", note.name)},
			serials[0],
		)
		self.assert_one_winner(outcome, serials[:1], 2)
		self.assert_consistent(item, serials)

	def test_a_count_by_reconciliation_and_a_transfer(self):
		stores, shop = f.warehouse(), f.warehouse("Shop")
		item, serials = units(2, stores)
		reconciliation = f.voucher(
			"Stock Reconciliation",
			[
				{
					"item_code": item,
					"warehouse": stores,
					"qty": 1,
					"valuation_rate": 100,
					"serial_no": serials[0],
					"use_serial_batch_fields": 1,
				}
			],
			submit=False,
			purpose="Stock Reconciliation",
		)
		# the count finds only the first unit: it takes the second out, which the transfer moves
		move = stock_entry(
			"Material Transfer",
			[serial_row(item, serials[1:], s_warehouse=stores, t_warehouse=shop)],
			submit=False,
		)
		outcome = race(
			{
				"count": submit("Stock Reconciliation", reconciliation.name),
				"transfer": submit("Stock Entry", move.name),
			},
			serials[1],
		)
		self.assert_one_winner(outcome, serials[1:], 2)
		self.assert_consistent(item, serials)

	def test_cancelling_a_transfer_while_its_units_are_sold(self):
		stores, shop = f.warehouse(), f.warehouse("Shop")
		item, serials = units(1, stores)
		move = stock_entry(
			"Material Transfer", [serial_row(item, serials, s_warehouse=stores, t_warehouse=shop)]
		)
		note = f.delivery_note(item, 1, serials=serials, wh=shop, submit=False)
		outcome = race(
			{"cancel": cancel("Stock Entry", move.name), "sale": submit("Delivery Note", note.name)},
			serials[0],
		)
		self.assert_one_winner(outcome, serials, 2)
		self.assert_consistent(item, serials)

	def test_a_wait_past_the_lock_timeout_is_a_clear_refusal(self):
		"""Another transaction holds the unit longer than MariaDB waits: a 4xx "try again", not a 500."""
		item, serials = units(1)
		note = f.delivery_note(item, 1, serials=serials, submit=False)
		frappe.db.commit()
		held, release = threading.Event(), threading.Event()

		def hold():
			frappe.init(site=self.site, sites_path=self.sites_path)
			frappe.connect()
			try:
				frappe.db.sql("select name from `tabSerial No` where name=%s for update", serials[0])
				held.set()
				release.wait(30)
			finally:
				frappe.db.rollback()
				frappe.destroy()

		holder = threading.Thread(target=hold)
		holder.start()
		held.wait(30)
		try:
			frappe.db.sql("set session innodb_lock_wait_timeout = 1")
			message = refusals.refused(
				self,
				SerialTrackingError,
				frappe.get_doc("Delivery Note", note.name).submit,
				serials[0],
				"Try again",
			)
			self.assertIn("nothing was changed", message)
		finally:
			release.set()
			holder.join()
			frappe.db.sql("set session innodb_lock_wait_timeout = 50")
			frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Delivery Note", note.name, "docstatus"), 0)
