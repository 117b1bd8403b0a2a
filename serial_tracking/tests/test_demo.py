"""Demo data: loaded through ERPNext documents into the test company, every report and number card
shows it, a second load changes nothing, removal is refused while a non-demo document uses it and
then leaves nothing of it."""

import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.api import dashboard
from serial_tracking.api import demo as demo_api
from serial_tracking.audit import checkpoints
from serial_tracking.demo import catalogue, log
from serial_tracking.demo import loader as demo
from serial_tracking.serial_tracking.report.overdue_check_outs import overdue_check_outs
from serial_tracking.serial_tracking.report.quantity_cost_of_sale import quantity_cost_of_sale
from serial_tracking.serial_tracking.report.recall_trace import recall_trace
from serial_tracking.serial_tracking.report.serial_profitability import serial_profitability
from serial_tracking.serial_tracking.report.unit_utilization import unit_utilization
from serial_tracking.serial_tracking.report.upcoming_maintenance import upcoming_maintenance
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers
from serial_tracking.unit_form import unit_summary
from serial_tracking.units.core import lifecycle

CODE = {key: spec[0] for key, spec in catalogue.ITEMS.items()}


class TestDemoData(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		if log.loaded():  # left by an interrupted run
			demo.remove(progress=False)
			frappe.db.commit()

	def test_load_show_reload_refuse_remove(self):
		started = time.monotonic()
		with f.captured_jobs() as jobs:
			demo_api.load(company=f.COMPANY)
			result = f.run_jobs(jobs)[0]  # then the jobs ERPNext queued meanwhile
		print(f"\ndemo data loaded in {time.monotonic() - started:.0f} s")
		self.assertTrue(result["ok"], result["message"])
		counts = log.counts()
		self.assertGreaterEqual(counts["Purchase Receipt"], 8)
		self.check_reports()
		self.check_costs()
		self.check_history()
		self.check_rmas()

		self.assertEqual(demo.load(f.COMPANY, progress=False)["loaded"], False, "a second load does nothing")
		self.assertEqual(log.counts(), counts)

		self.check_refusal()
		with f.captured_jobs() as jobs:
			demo_api.remove()
			result = f.run_jobs(jobs)[0]
		self.assertTrue(result["ok"], result["message"])
		self.check_gone()

	def check_reports(self):
		period = {"company": f.COMPANY, "from_date": add_days(nowdate(), -366), "to_date": nowdate()}
		drills = serial_profitability.execute({**period, "item_code": CODE["drill"]})[1]
		self.assertTrue([r for r in drills if r["revenue"] > 0], "drills sold")
		self.assertTrue([r for r in drills if r["other_income"] > 0], "rental income per unit")
		self.assertTrue([r for r in drills if r["service_cost"] > 0], "repair billed to a unit")

		laptops = unit_utilization.execute({"item_code": CODE["laptop"]})[1]
		self.assertTrue([r for r in laptops if r["on_loan"] > 0])

		visits = upcoming_maintenance.execute({"item_code": CODE["espresso"]})[1]
		self.assertEqual(len(visits), 2)
		self.assertTrue([v for v in visits if v["overdue_days"] > 0])

		late = overdue_check_outs.execute({"overdue_only": 1})[1]
		self.assertEqual({r["item_code"] for r in late} & set(CODE.values()), {CODE["laptop"], CODE["drill"]})

		receipt = log.names("Purchase Receipt")
		recall = frappe.get_all(
			"Purchase Receipt", {"name": ("in", receipt), "remarks": ("like", "%B-17%")}, pluck="name"
		)
		self.assertEqual(len(recall), 1)
		traced = recall_trace.execute({"supplier": catalogue.SUPPLIERS["acme"], "receipt": recall[0]})[1]
		self.assertEqual(len({r["serial_no"] for r in traced}), 10)

		self.assertGreater(dashboard.warranty_expiring()["value"], 0)
		self.assertGreater(dashboard.maintenance_overdue()["value"], 0)
		for status in (lifecycle.ON_LOAN, lifecycle.IN_REPAIR, lifecycle.RETIRED):
			self.assertTrue(
				frappe.db.exists(
					"Serial No", {"item_code": ("in", list(CODE.values())), "st_lifecycle_status": status}
				)
			)

	def check_costs(self):
		"""Every unit has its cost, what was sold cost what ERPNext booked, and unsold stock is capital."""
		period = {"company": f.COMPANY, "from_date": add_days(nowdate(), -366), "to_date": nowdate()}
		# The scanner switched from Quantity to Serialized: its units cost the change's value per unit.
		[change] = frappe.get_all(
			"Tracking Mode Change", {"item_code": CODE["scanner"]}, ["name", "posting_date"]
		)
		value = frappe.get_all(
			"Tracking Mode Change Warehouse", {"parent": change.name}, ["qty", "stock_value"]
		)
		switched = int(sum(row.qty for row in value))
		per_unit = sum(row.stock_value for row in value) / switched
		scanners = serial_profitability.execute({**period, "item_code": CODE["scanner"]})[1]
		by_change = [r for r in scanners if r["acquired_on"] == change.posting_date]
		self.assertEqual(len(by_change), switched, "every switched unit is in the report")
		self.assertEqual({r["acquisition_cost"] for r in by_change}, {per_unit})
		history = unit_summary.summary(by_change[0]["serial_no"])
		self.assertEqual(history["first_receipt"]["event"], "Mode Changed")
		# ERPNext's cost of sale (Quantity Cost of Sale, from the stock ledger) is what the units sold cost.
		booked = quantity_cost_of_sale.execute({**period, "tracking_mode": "Serialized"})[1]
		booked = {row["item_code"]: row["cost_of_sale"] for row in booked}
		# A unit exchanged on an RMA was sold (and its cost booked) before it came back.
		exchanged = set(frappe.get_all("RMA", {"replacement": ("is", "set")}, pluck="serial_no"))
		for key in ("laptop", "drill", "espresso"):
			units = serial_profitability.execute({**period, "item_code": CODE[key]})[1]
			# (what its return to the supplier took off its cost is what ERPNext valued that return at)
			sold = sum(
				r["acquisition_cost"]
				+ (rma_helpers.returned_to_supplier(r["serial_no"]) if r["serial_no"] in exchanged else 0)
				for r in units
				if r["status"] == lifecycle.DELIVERED or r["serial_no"] in exchanged
			)
			self.assertAlmostEqual(booked[CODE[key]], sold, places=2, msg=key)
			self.assertGreater(sold, 0, key)
		# The headline: unsold laptops are capital in stock, not losses.
		laptops = serial_profitability.execute({**period, "item_code": CODE["laptop"]})
		held = [r for r in laptops[1] if r["status"] in lifecycle.ON_HAND]
		self.assertTrue(held)
		self.assertEqual({r["margin"] for r in held if not r["other_income"]}, {0})
		headline = {card["label"]: card["value"] for card in laptops[4]}
		self.assertGreater(headline["Realised Margin"], 0)
		self.assertAlmostEqual(
			headline[f"Capital in Stock ({len(held)} units)"], sum(r["acquisition_cost"] for r in held), 2
		)
		chart = laptops[3]["data"]["labels"]
		self.assertLessEqual(len(chart), 6)
		self.assertFalse(set(chart) & {r["serial_no"] for r in held if not r["other_income"]})

	def check_history(self):
		"""Things happened on their own day: the mode change half a year ago, check-outs in the past."""
		[change] = frappe.get_all(
			"Tracking Mode Change", {"item_code": CODE["scanner"]}, ["posting_date", "status"]
		)
		self.assertEqual(change.status, "Completed")
		self.assertLess(change.posting_date, getdate(add_days(nowdate(), -150)))
		self.assertEqual(frappe.db.get_value("Item", CODE["scanner"], "st_tracking_mode"), "Serialized")
		checkouts = frappe.get_all(
			"Serial Audit Event", {"item_code": CODE["laptop"], "event": "Checked Out"}, pluck="posting"
		)
		self.assertGreaterEqual(len(checkouts), 3)
		self.assertTrue(all(getdate(p) < getdate() for p in checkouts))

	def check_rmas(self):
		"""One drill exchanged and sent back to its supplier, one espresso machine repaired and given back."""
		rmas = frappe.get_all(
			"RMA",
			{"name": ("in", log.names("RMA"))},
			["status", "serial_no", "replacement", "maintenance_visit", "supplier_return"],
		)
		by_status = {r.status: r for r in rmas}
		self.assertEqual(set(by_status), {"Returned to Supplier", "Returned"})
		exchanged, repaired = by_status["Returned to Supplier"], by_status["Returned"]
		events = frappe.get_all("Serial Audit Event", {"serial_no": exchanged.replacement}, pluck="event")
		self.assertIn("Exchanged From", events)
		events = frappe.get_all("Serial Audit Event", {"serial_no": exchanged.serial_no}, pluck="event")
		self.assertTrue(
			{"Received for Service", "Exchanged For", "Received in Exchange", "Returned to Supplier"}
			<= set(events)
		)
		self.assertTrue(exchanged.supplier_return and repaired.maintenance_visit)
		self.assertEqual(
			frappe.db.get_value("Serial No", repaired.serial_no, "st_lifecycle_status"), lifecycle.DELIVERED
		)

	def check_refusal(self):
		"""A document the demo did not make uses a demo item, or an audit checkpoint sealed the demo
		units' history: removal refuses and changes nothing."""
		foreign = f.voucher(
			"Sales Order",
			[f.line(CODE["beans"], 1, 20, delivery_date=nowdate())],
			submit=False,
			customer=f.CUSTOMER,
			transaction_date=nowdate(),
		)
		frappe.db.commit()
		before = log.counts()
		with self.assertRaises(frappe.ValidationError) as refused:
			demo.remove(progress=False)
		self.assertIn(foreign.name, str(refused.exception))
		self.assertEqual(log.counts(), before)
		self.assertEqual(frappe.db.get_value("Item", CODE["beans"], "name"), CODE["beans"])
		foreign.delete()
		frappe.db.commit()

		frappe.db.savepoint("sealed")
		number = checkpoints.write(commit=False)["number"]
		with self.assertRaises(frappe.ValidationError) as refused:
			demo.remove(progress=False)
		self.assertIn(f"checkpoint {number}", str(refused.exception))
		frappe.db.rollback(save_point="sealed")

	def check_gone(self):
		self.assertFalse(log.loaded())
		for code in CODE.values():
			self.assertFalse(frappe.db.exists("Item", code))
		self.assertFalse(frappe.db.exists("Serial No", {"item_code": ("in", list(CODE.values()))}))
		self.assertFalse(frappe.db.exists("Stock Ledger Entry", {"item_code": ("in", list(CODE.values()))}))
		self.assertFalse(frappe.db.exists("Serial Audit Event", {"item_code": ("in", list(CODE.values()))}))
		for name in catalogue.CUSTOMERS.values():
			self.assertFalse(frappe.db.exists("Customer", name))
		self.assertTrue(frappe.db.exists("Customer", f.CUSTOMER), "the site's own records stay")
		self.assertTrue(frappe.db.exists("Company", f.COMPANY))
		self.assertFalse(frappe.db.exists("RMA", {"item_code": ("in", list(CODE.values()))}))
