import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.actions import checkout_reminders
from serial_tracking.api.unit import act
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


def unit_state(serial):
	return frappe.db.get_value(
		"Serial No",
		serial,
		["st_lifecycle_status", "st_condition", "warehouse", "st_custodian"],
		as_dict=True,
	)


class TestUnitLifecycle(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.employee = f.ensure_employee()

	def assertUnit(self, serial, status, *, qty, value, condition=None, custodian=None):
		state = unit_state(serial)
		self.assertEqual(state.st_lifecycle_status, status)
		self.assertEqual(state.st_custodian, custodian)
		if condition:
			self.assertEqual(state.st_condition, condition)
		self.assertEqual(f.stock_qty(self.item), qty)
		self.assertAlmostEqual(f.stock_value(self.item), value, places=2)

	def test_a_unit_through_its_whole_life(self):
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(self.item, 1, rate=800)
		[unit] = f.serials_of(self.item)
		self.assertUnit(unit, lc.IN_STOCK, qty=1, value=800)

		# check out to an employee, due back yesterday: overdue, and a reminder appears
		act(
			[unit],
			lc.CHECK_OUT,
			custodian_type="Employee",
			custodian=self.employee,
			due_date=add_days(nowdate(), -1),
		)
		self.assertUnit(unit, lc.ON_LOAN, qty=1, value=800, custodian=self.employee)
		self.assertEqual(frappe.db.get_value("Serial No", unit, "employee"), self.employee)
		self.assertIn(unit, [u.name for u in checkout_reminders.overdue_units()])
		# at least this unit's reminder (units other tests committed on loan may be overdue too)
		self.assertGreaterEqual(checkout_reminders.remind_overdue_checkouts(), 1)
		self.assertEqual(checkout_reminders.remind_overdue_checkouts(), 0, "one reminder, not one a day")
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": unit, "status": "Open"}))

		# an on-loan unit cannot be sold
		with self.assertRaises(SerialTrackingError) as refused:
			f.delivery_note(self.item, 1, serials=[unit])
		self.assertIn("On Loan", frappe.utils.strip_html(str(refused.exception)))

		act([unit], lc.CHECK_IN, condition="Needs Repair")
		self.assertUnit(unit, lc.IN_STOCK, qty=1, value=800, condition="Needs Repair")
		self.assertNotIn(unit, [u.name for u in checkout_reminders.overdue_units()])

		act([unit], lc.SEND_TO_REPAIR)
		self.assertUnit(unit, lc.IN_REPAIR, qty=1, value=800)
		act([unit], lc.BACK_FROM_REPAIR, condition="Good")
		self.assertUnit(unit, lc.IN_STOCK, qty=1, value=800, condition="Good")

		delivery = f.delivery_note(self.item, 1, serials=[unit], rate=1200)
		self.assertUnit(unit, lc.DELIVERED, qty=0, value=0)
		back = make_return_doc("Delivery Note", delivery.name)
		back.insert()
		back.submit()
		self.assertUnit(unit, lc.IN_STOCK, qty=1, value=800)

		result = act([unit], lc.RETIRE, remarks="end of life")
		self.assertUnit(unit, lc.RETIRED, qty=0, value=0)
		entry = frappe.get_doc("Stock Entry", result["stock_entry"])
		self.assertEqual(
			(entry.purpose, entry.st_unit_intent, entry.docstatus), ("Material Issue", ledger.RETIRED, 1)
		)

		events = frappe.get_all(
			"Serial Audit Event", {"serial_no": unit}, ["event", "episode"], order_by="seq"
		)
		self.assertEqual(
			[e.event for e in events],
			[
				ledger.RECEIVED,
				ledger.CHECKED_OUT,
				ledger.CHECKED_IN,
				ledger.SENT_TO_REPAIR,
				ledger.BACK_FROM_REPAIR,
				ledger.DELIVERED,
				ledger.RETURNED_FROM_CUSTOMER,
				ledger.RETIRED,
			],
		)
		self.assertEqual(events[-1].episode, 2)
		self.assertEqual(verify_chains([unit]), [])

	def test_lost_and_found_go_through_stock_and_keep_the_value(self):
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(self.item, 2, rate=300)
		lost, kept = f.serials_of(self.item)
		act([lost], lc.MARK_LOST)
		self.assertUnit(lost, lc.LOST, qty=1, value=300)
		act([lost], lc.MARK_FOUND)
		self.assertUnit(lost, lc.IN_STOCK, qty=2, value=600)
		self.assertEqual(unit_state(lost).warehouse, f.warehouse())
		self.assertEqual(unit_state(kept).st_lifecycle_status, lc.IN_STOCK)

	def test_refused_transitions_change_nothing(self):
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(self.item, 2, rate=100)
		a, b = f.serials_of(self.item)
		act([b], lc.SEND_TO_REPAIR)
		events_before = frappe.db.count("Serial Audit Event", {"item_code": self.item})
		cases = [
			([a], lc.CHECK_IN, {}, "Check In is possible only for a unit that is On Loan"),
			(
				[a, b],
				lc.CHECK_OUT,
				{"custodian_type": "Employee", "custodian": self.employee, "due_date": nowdate()},
				f"Unit {b} is In Repair",
			),
			([a], lc.CHECK_OUT, {"custodian_type": "Employee", "custodian": self.employee}, "due back"),
			([a], lc.MARK_FOUND, {}, "possible only for a unit that is Lost"),
			([a], lc.BACK_FROM_REPAIR, {"condition": "Shiny"}, "Condition must be one of"),
		]
		for serials, action, kwargs, message in cases:
			with self.subTest(action=action):
				with self.assertRaises(SerialTrackingError) as refused:
					act(serials, action, **kwargs)
				self.assertIn(message, frappe.utils.strip_html(str(refused.exception)))
		self.assertEqual(unit_state(a).st_lifecycle_status, lc.IN_STOCK)
		self.assertEqual(unit_state(b).st_lifecycle_status, lc.IN_REPAIR)
		self.assertEqual(frappe.db.count("Serial Audit Event", {"item_code": self.item}), events_before)
		self.assertEqual(f.stock_qty(self.item), 2)

	def test_bulk_action_on_many_units(self):
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(self.item, 5, rate=100)
		units = f.serials_of(self.item)
		act(units, lc.RESERVE)
		self.assertEqual({unit_state(u).st_lifecycle_status for u in units}, {lc.RESERVED})
		act(units, ledger.CONDITION_CHANGED, condition="Fair")
		self.assertEqual({unit_state(u).st_condition for u in units}, {"Fair"})
		self.assertEqual({unit_state(u).st_lifecycle_status for u in units}, {lc.RESERVED})

	def test_custom_fields_on_serial_no_live_beside_the_apps_fields(self):
		from frappe.custom.doctype.custom_field.custom_field import create_custom_field

		if not frappe.get_meta("Serial No").has_field("asset_tag"):
			create_custom_field(
				"Serial No",
				{
					"fieldname": "asset_tag",
					"label": "Asset Tag",
					"fieldtype": "Data",
					"insert_after": "st_attributes_section",
					"in_list_view": 1,
				},
			)
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(self.item, 1)
		[unit] = f.serials_of(self.item)
		frappe.db.set_value("Serial No", unit, "asset_tag", "TAG-42")
		act([unit], lc.CHECK_OUT, custodian_type="Employee", custodian=self.employee, due_date=nowdate())
		self.assertEqual(frappe.db.get_value("Serial No", unit, "asset_tag"), "TAG-42")
		from serial_tracking.serial_tracking.report.unit_history.unit_history import execute

		columns, rows = execute({"serial_no": unit})
		self.assertIn("asset_tag", [c["fieldname"] for c in columns])
		self.assertEqual({r["asset_tag"] for r in rows}, {"TAG-42"})
