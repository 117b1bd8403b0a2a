"""An RMA that exchanges the customer's defective unit: a replacement goes to the customer with the
defective unit's remaining warranty, the defective unit becomes ours (at the company's salvage rate) and
goes back to its supplier against the receipt it came in on; in and out of the vendor warranty; every
step undone. After each step both units' places, lifecycles, customers, warranties, trails and Serial
Profitability are checked."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.customers import rma, steps
from serial_tracking.customers.core import rma as core
from serial_tracking.customers.core import warranty
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.refusals import refused
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

R, D, RFS, CC, X = (
	ledger.RECEIVED,
	ledger.DELIVERED,
	ledger.RECEIVED_FOR_SERVICE,
	ledger.CONDITION_CHANGED,
	ledger.CANCELLED,
)
XFOR, XFROM, RIX, RTS = (
	ledger.EXCHANGED_FOR,
	ledger.EXCHANGED_FROM,
	ledger.RECEIVED_IN_EXCHANGE,
	ledger.RETURNED_TO_SUPPLIER,
)


class TestRMAExchange(FrappeTestCase, h.UnitChecks):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world(st_exchange_valuation=warranty.SALVAGE, st_salvage_percent=25)

	def received(self, **item):
		item, receipt, [unit, spare, *_], _invoice = h.sold_unit(**item)
		doc = h.open_rma(unit)
		steps.receive(doc.name)
		steps.diagnose(doc.name, "Broken", "Dead on arrival: the board is burnt.")
		return item, receipt, unit, spare, doc

	def test_exchange_then_back_to_the_supplier_and_undo_each_step(self):
		item, receipt, unit, spare, doc = self.received()
		ends = h.warranty_end()
		self.assertEqual(len(pending(unit)), 3, "the sold unit's visits are planned")

		note = steps.exchange(doc.name, spare)
		doc = h.state(doc.name)
		self.assertEqual((doc.status, doc.exchange_delivery, doc.salvage_value), (core.EXCHANGED, note, 20))
		self.assertEqual(getdate(doc.replacement_warranty_end), ends, "the remaining days carry over")
		self.assertEqual(
			frappe.db.get_value("Delivery Note", note, ["grand_total", "customer"]), (0, f.CUSTOMER)
		)
		# The replacement is the customer's, with the defective unit's warranty; both trails name the other.
		self.check(
			spare,
			warehouse=None,
			lifecycle=lc.DELIVERED,
			kinds=[R, D, XFROM],
			cost=h.COST,
			revenue=0,
			customer=f.CUSTOMER,
			ends=ends,
		)
		self.assertEqual(last_event(spare)[:2], (XFROM, unit))
		# The defective unit is ours, in the defectives warehouse at the salvage rate (25% of 80).
		kinds = [R, D, RFS, CC, XFOR, RIX]
		self.check(
			unit,
			warehouse=h.DEFECTIVES,
			lifecycle=lc.IN_STOCK,
			kinds=kinds,
			cost=h.COST,
			revenue=h.PRICE,
			customer=None,
		)
		self.assertIn(
			spare, frappe.db.get_value("Serial Audit Event", {"serial_no": unit, "event": XFOR}, "remarks")
		)
		self.assertEqual(f.stock_value(item.name), h.COST + 20)
		self.assertEqual(pending(unit), [], "its customer's visits ended")
		self.assertEqual(len(pending(spare)), 3, "the replacement's visits are planned")
		self.assertEqual(frappe.db.get_value("Warranty Claim", doc.warranty_claim, "status"), "Closed")

		# Back to the supplier, inside the vendor warranty: a return of the receipt it came in on.
		cover = steps.vendor_cover(doc)
		self.assertEqual((cover.status, cover.receipt[2]), ("Under Warranty", receipt.name))
		back = steps.to_supplier(doc.name)
		self.assertEqual(
			frappe.db.get_value("Purchase Receipt", back, ["is_return", "return_against", "st_rma"]),
			(1, receipt.name, doc.name),
		)
		self.check(unit, warehouse=None, lifecycle=lc.RETURNED, kinds=[*kinds, RTS], customer=None)
		self.assertEqual(h.state(doc.name).status, core.BACK_TO_SUPPLIER)
		# The sale stays the defective unit's; the replacement, given at no charge, carries the exchange's cost;
		# what the return to the supplier takes off the defective unit's cost is what ERPNext valued it at.
		returned = h.returned_to_supplier(unit)
		self.assertEqual(
			(h.profit(unit)["margin"], h.profit(spare)["margin"]), (h.PRICE - h.COST + returned, -h.COST)
		)
		self.assertEqual(f.stock_value(item.name), h.COST)

		# Undo: the return to the supplier, then the exchange (its three documents, latest first).
		rma.undo_last(doc.name)
		self.check(unit, warehouse=h.DEFECTIVES, lifecycle=lc.IN_STOCK, kinds=[*kinds, RTS, X], customer=None)
		issue = frappe.db.get_value("Stock Entry", {"st_rma": doc.name, "st_unit_intent": XFOR})
		refused(
			self,
			frappe.ValidationError,
			frappe.get_doc("Stock Entry", issue).cancel,
			"undo that step on the RMA",
		)
		rma.undo_last(doc.name)
		doc = h.state(doc.name)
		self.assertEqual((doc.status, doc.exchange_delivery, doc.closed_on), (core.DIAGNOSED, None, None))
		self.check(
			unit, warehouse=h.SERVICE, lifecycle=lc.IN_SERVICE, kinds=None, customer=f.CUSTOMER, ends=ends
		)
		self.check(
			spare,
			warehouse=h.STORES,
			lifecycle=lc.IN_STOCK,
			kinds=[R, D, XFROM, X, X],
			cost=h.COST,
			revenue=0,
			customer=None,
		)
		self.assertEqual(len(pending(unit)), 3, "its visits are due again")
		self.assertEqual(f.stock_value(item.name), 2 * h.COST)

	def test_out_of_the_vendor_warranty_the_return_needs_the_warning_confirmed(self):
		_item, receipt, unit, spare, doc = self.received()
		steps.exchange(doc.name, spare)
		frappe.db.set_value("Serial No", unit, "st_vendor_warranty_expiry", add_days(nowdate(), -3))
		refused(
			self, frappe.ValidationError, lambda: steps.to_supplier(doc.name), "vendor warranty of", "ended"
		)
		self.assertEqual(h.state(doc.name).status, core.EXCHANGED, "nothing was returned")
		frappe.clear_messages()
		back = steps.to_supplier(doc.name, confirm_out_of_warranty=True)
		self.assertEqual(frappe.db.get_value("Purchase Receipt", back, "return_against"), receipt.name)
		self.assertTrue(
			any("vendor warranty of" in m for m in frappe.get_message_log() or [] for m in [str(m)])
		)
		self.assertEqual(h.unit_fields(unit).st_lifecycle_status, lc.RETURNED)

	def test_a_full_warranty_or_a_minimum_as_the_company_decides(self):
		h.ensure_service_world(st_warranty_carry_over=warranty.AT_LEAST, st_minimum_replacement_days=500)
		try:
			_item, _receipt, _unit, spare, doc = self.received()
			steps.exchange(doc.name, spare)
			self.assertEqual(h.unit_fields(spare).warranty_expiry_date, getdate(add_days(nowdate(), 500)))
		finally:
			h.ensure_service_world(st_exchange_valuation=warranty.SALVAGE, st_salvage_percent=25)

	def test_an_exchange_for_another_item_needs_the_setting(self):
		_item, _receipt, _unit, _spare, doc = self.received()
		other_item, _r, [other, *_], _i = h.sold_unit()
		[free] = [s for s in f.serials_of(other_item.name) if s != other][:1]
		refused(
			self,
			frappe.ValidationError,
			lambda: steps.exchange(doc.name, free),
			"Allow Exchange for Another Item",
		)
		frappe.db.set_value("Company", f.COMPANY, "st_exchange_other_items", 1)
		frappe.clear_cache(doctype="Company")
		try:
			steps.exchange(doc.name, free)
			self.assertEqual(h.unit_fields(free).customer, f.CUSTOMER)
		finally:
			h.ensure_service_world(st_exchange_valuation=warranty.SALVAGE, st_salvage_percent=25)
		refused(self, frappe.ValidationError, lambda: steps.exchange(doc.name, other), "Exchanged")


def pending(serial: str) -> list[str]:
	return steps.pending_visits(serial)


def last_event(serial: str) -> tuple:
	return frappe.db.get_value(
		"Serial Audit Event", {"serial_no": serial}, ["event", "party", "voucher_no"], order_by="seq desc"
	)
