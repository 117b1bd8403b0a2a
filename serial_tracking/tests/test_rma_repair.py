"""An RMA that repairs the customer's unit and gives it back: receive, diagnose, repair (a Maintenance
Visit with its costs and a part swap), return; then every step undone, latest first. After each step the
unit's place, lifecycle, customer, warranty, audit trail and Serial Profitability are checked."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.customers import rma, steps
from serial_tracking.customers.core import rma as core
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.refusals import refused
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

R, D, RFS, CC, RAS, X = (
	ledger.RECEIVED,
	ledger.DELIVERED,
	ledger.RECEIVED_FOR_SERVICE,
	ledger.CONDITION_CHANGED,
	ledger.RETURNED_AFTER_SERVICE,
	ledger.CANCELLED,
)
PF = ledger.PART_FITTED


class TestRMARepair(FrappeTestCase, h.UnitChecks):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world()

	def test_receive_diagnose_repair_return_and_undo_each_step(self):
		item, _receipt, [unit, *_], _invoice = h.sold_unit()
		ends = h.warranty_end()
		theirs = {"customer": f.CUSTOMER, "ends": ends}
		self.check(
			unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=[R, D], cost=h.COST, revenue=h.PRICE, **theirs
		)

		doc = h.open_rma(unit)
		self.assertEqual((doc.status, doc.customer, doc.item_code), (core.AUTHORIZED, f.CUSTOMER, item.name))
		self.assertEqual((doc.supplier, doc.receipt_type), (f.SUPPLIER, "Purchase Receipt"))
		self.assertEqual(
			frappe.db.get_value("Warranty Claim", doc.warranty_claim, ["st_rma", "status"]),
			(doc.name, "Open"),
		)

		# Receive: the customer's unit waits in the service warehouse, theirs, at no value of ours.
		entry = steps.receive(doc.name)
		self.assertEqual(
			frappe.db.get_value("Stock Entry", entry, ["purpose", "st_unit_intent", "st_customer", "st_rma"]),
			("Material Receipt", RFS, f.CUSTOMER, doc.name),
		)
		self.check(
			unit,
			warehouse=h.SERVICE,
			lifecycle=lc.IN_SERVICE,
			kinds=[R, D, RFS],
			cost=h.COST,
			revenue=h.PRICE,
			**theirs,
		)
		self.assertEqual(f.stock_value(item.name), 2 * h.COST, "the customer's unit adds no value")
		self.assertEqual(h.profit(unit)["capital"], 0, "no capital of ours in a customer's unit")
		self.assertEqual(h.state(doc.name).status, core.RECEIVED)
		self.assertEqual(
			frappe.db.get_value("Warranty Claim", doc.warranty_claim, "status"), "Work In Progress"
		)

		# Diagnose.
		steps.diagnose(doc.name, "Needs Repair", "The motor brushes are worn.")
		self.check(unit, warehouse=h.SERVICE, lifecycle=lc.IN_SERVICE, kinds=[R, D, RFS, CC], **theirs)
		self.assertEqual(h.unit_fields(unit).st_condition, "Needs Repair")

		# Repair: a visit from the claim, with its labour, parts and a part fitted (a brush set).
		part_item = serialized_item()
		f.receive(part_item.name, 1, rate=12)
		[part] = f.serials_of(part_item.name)
		visit = steps.repair_visit(doc.name)
		visit.purposes[0].update(
			{
				"work_done": "New brushes",
				"service_person": f.ensure_sales_person(),
				"st_labour_cost": 30,
				"st_parts_cost": 8,
				"st_condition": "Good",
			}
		)
		visit.append("st_part_swaps", {"unit": unit, "part_fitted": part})
		visit.insert()
		visit.submit()
		doc = h.state(doc.name)
		self.assertEqual(
			(doc.status, doc.maintenance_visit, doc.repair_cost), (core.REPAIRED, visit.name, 38)
		)
		self.check(
			unit, warehouse=h.SERVICE, lifecycle=lc.IN_SERVICE, kinds=[R, D, RFS, CC, CC, PF], **theirs
		)
		row = h.profit(unit)
		self.assertEqual((row["service_cost"], row["parts_cost"], row["revenue"]), (38, 12, h.PRICE))

		# Return: a delivery at no charge gives it back; its warranty goes on as it was.
		note = steps.give_back(doc.name)
		self.assertEqual(
			frappe.db.get_value("Delivery Note", note, ["st_unit_intent", "grand_total"]), (RAS, 0)
		)
		self.check(
			unit,
			warehouse=None,
			lifecycle=lc.DELIVERED,
			kinds=[R, D, RFS, CC, CC, PF, RAS],
			cost=h.COST,
			**theirs,
		)
		doc = h.state(doc.name)
		self.assertEqual(doc.status, core.RETURNED)
		self.assertTrue(doc.closed_on)
		self.assertEqual(frappe.db.get_value("Warranty Claim", doc.warranty_claim, "status"), "Closed")
		self.assertEqual(frappe.db.get_value("Serial No", unit, "st_turns"), 1, "a repair is no sale")
		self.assertEqual(frappe.db.count("Maintenance Schedule", {"st_delivery": note}), 0, "no second plan")

		# An earlier step's document cannot be cancelled while a later step is in force.
		refused(
			self,
			frappe.ValidationError,
			frappe.get_doc("Stock Entry", entry).cancel,
			"Undo the later step",
			note,
		)

		# Undo, latest first: the return (its delivery cancelled) ...
		rma.undo_last(doc.name)
		self.assertEqual(frappe.db.get_value("Delivery Note", note, "docstatus"), 2)
		self.check(
			unit,
			warehouse=h.SERVICE,
			lifecycle=lc.IN_SERVICE,
			kinds=[R, D, RFS, CC, CC, PF, RAS, X],
			**theirs,
		)
		self.assertEqual((h.state(doc.name).status, h.state(doc.name).closed_on), (core.REPAIRED, None))
		# ... the repair (cancelling the visit from its own form undoes the step too) ...
		frappe.get_doc("Maintenance Visit", visit.name).cancel()
		doc = h.state(doc.name)
		self.assertEqual((doc.status, doc.maintenance_visit), (core.DIAGNOSED, None))
		self.assertEqual(h.profit(unit)["service_cost"], 0)
		# ... the diagnosis ...
		rma.undo_last(doc.name)
		self.assertEqual((h.state(doc.name).status, h.state(doc.name).condition), (core.RECEIVED, None))
		# ... and the receipt: the unit is with its customer again, as before.
		rma.undo_last(doc.name)
		self.assertEqual(frappe.db.get_value("Stock Entry", entry, "docstatus"), 2)
		self.check(
			unit, warehouse=None, lifecycle=lc.DELIVERED, kinds=None, cost=h.COST, revenue=h.PRICE, **theirs
		)
		self.assertEqual(h.state(doc.name).status, core.AUTHORIZED)
		self.assertEqual(frappe.db.get_value("Warranty Claim", doc.warranty_claim, "status"), "Open")
		refused(self, frappe.ValidationError, lambda: rma.undo_last(doc.name), "no step to undo")
