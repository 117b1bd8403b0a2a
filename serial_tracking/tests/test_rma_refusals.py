"""What an RMA refuses, in words: a unit never sold to the claim's customer, or already returned; a unit
already on another open RMA; a step out of turn, such as receiving the unit twice, also when two people
receive it at the same instant; a replacement that is not free in stock; a company without a service
warehouse. Nothing is changed by a refusal."""

import frappe
from frappe.tests.utils import FrappeTestCase

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.customers import rma, steps
from serial_tracking.customers.core import rma as core
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.races import race
from serial_tracking.tests.refusals import refused
from serial_tracking.units.core import lifecycle as lc


class TestRMARefusals(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world()

	def test_a_unit_never_sold_to_the_customer_is_refused(self):
		_item, _receipt, [sold, in_stock, *_], _invoice = h.sold_unit()
		for serial, customer in ((in_stock, f.CUSTOMER), (sold, h.OTHER_CUSTOMER)):
			claim = h.claim(serial, customer)
			refused(
				self, frappe.ValidationError, lambda c=claim: rma.make_from_claim(c), serial, "never sold to"
			)
		self.assertFalse(frappe.db.exists("RMA", {"serial_no": ("in", [sold, in_stock])}))

	def test_a_unit_already_returned_is_refused(self):
		_item, _receipt, [sold, *_], invoice = h.sold_unit()
		back = make_return_doc("Sales Invoice", invoice.name)
		back.insert()
		back.submit()
		claim = h.claim(sold)
		refused(
			self, frappe.ValidationError, lambda: rma.make_from_claim(claim), sold, "no longer", "returned"
		)

	def test_one_open_rma_per_unit(self):
		_item, _receipt, [sold, *_], _invoice = h.sold_unit()
		first = h.open_rma(sold)
		self.assertEqual(rma.make_from_claim(first.warranty_claim).name, first.name, "a claim's open RMA")
		second = h.claim(sold, complaint="Still broken.")
		refused(self, frappe.ValidationError, lambda: rma.make_from_claim(second), sold, first.name)

	def test_steps_out_of_turn_and_receiving_twice(self):
		_item, _receipt, [sold, spare, *_], _invoice = h.sold_unit()
		doc = h.open_rma(sold)
		for step in (lambda: steps.diagnose(doc.name, "Good"), lambda: steps.give_back(doc.name)):
			refused(self, frappe.ValidationError, step, "Authorized")
		refused(self, frappe.ValidationError, lambda: steps.exchange(doc.name, spare), "Authorized")
		steps.receive(doc.name)
		refused(self, frappe.ValidationError, lambda: steps.receive(doc.name), doc.name, "Received")
		self.assertEqual(frappe.db.count("Stock Entry", {"st_rma": doc.name, "docstatus": 1}), 1)

	def test_two_receipts_at_once_receive_the_unit_once(self):
		_item, _receipt, [sold, *_], _invoice = h.sold_unit()
		doc = h.open_rma(sold)
		outcome = race(
			{"desk": lambda: steps.receive(doc.name), "phone": lambda: steps.receive(doc.name)}, sold
		)
		frappe.db.rollback()  # a fresh snapshot: what the contenders committed
		self.assertEqual(sorted(v if v == "won" else "refused" for v in outcome.values()), ["refused", "won"])
		[(_type, status, message, _trace)] = [v for v in outcome.values() if v != "won"]
		self.assertEqual(status, 417)
		self.assertIn("Received", message)
		self.assertEqual(frappe.db.count("Stock Entry", {"st_rma": doc.name, "docstatus": 1}), 1)
		self.assertEqual(h.unit_fields(sold).st_lifecycle_status, lc.IN_SERVICE)
		rma.undo_last(doc.name)
		frappe.db.commit()

	def test_a_replacement_must_be_free_in_stock(self):
		_item, _receipt, [sold, spare, third], _invoice = h.sold_unit()
		doc = h.open_rma(sold)
		steps.receive(doc.name)
		steps.diagnose(doc.name, "Broken")
		from serial_tracking.actions import unit_actions

		unit_actions.act([spare], lc.SEND_TO_REPAIR)
		refused(self, frappe.ValidationError, lambda: steps.exchange(doc.name, spare), spare, "In Repair")
		refused(self, frappe.ValidationError, lambda: steps.exchange(doc.name, sold), "cannot replace itself")
		self.assertEqual(h.state(doc.name).status, core.DIAGNOSED)
		steps.exchange(doc.name, third)

	def test_no_service_warehouse_no_receipt(self):
		_item, _receipt, [sold, *_], _invoice = h.sold_unit()
		doc = h.open_rma(sold)
		h.ensure_service_world(st_service_warehouse=None)
		try:
			refused(self, frappe.ValidationError, lambda: steps.receive(doc.name), "Service Warehouse")
		finally:
			h.ensure_service_world()
		self.assertEqual(h.unit_fields(sold).st_lifecycle_status, lc.DELIVERED)
