"""The counting schedule: intervals per warehouse and per item group (inherited by subgroups), units and
warehouses due or overdue, the Units Due for Count report, and the daily reminder an approved count
closes."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.counting import cadence
from serial_tracking.serial_tracking.report.units_due_for_count import units_due_for_count as report
from serial_tracking.tests import count_helpers as h
from serial_tracking.tests import factories as f


def in_days(days: int):
	return getdate(add_days(nowdate(), days))


class TestCountSchedule(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_due_units_places_report_and_reminders(self):
		stores = h.place("Stores")
		frappe.db.set_value(
			"Warehouse", stores, {"st_count_every_days": 30, "st_count_reminder_to": "Administrator"}
		)
		parent = frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": f"_ST Valuables {frappe.generate_hash(length=4)}",
				"is_group": 1,
				"st_count_every_days": 7,
			}
		).insert()
		child = frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": f"_ST Rings {frappe.generate_hash(length=4)}",
				"parent_item_group": parent.name,
			}
		).insert()
		ring = f.make_item(
			st_tracking_mode="Serialized", st_serial_source="Enter or scan", item_group=child.name
		)
		_ring, (r1,) = h.units(1, stores, item=ring.name)
		_item, (a1, a2) = h.units(2, stores)
		filters = {"warehouse": stores}

		self.assertEqual(cadence.due_units(filters), [], "nothing is due on the day it arrives")
		week = {row["serial_no"]: row for row in cadence.due_units(filters, in_days(8))}
		self.assertEqual(list(week), [r1], "the ring's group (by its parent) asks for a count every 7 days")
		self.assertEqual(
			(week[r1]["every_days"], week[r1]["due_on"], week[r1]["days_overdue"]), (7, in_days(7), 1)
		)
		month = cadence.due_units(filters, in_days(31))
		self.assertEqual(sorted(row["serial_no"] for row in month), sorted([r1, a1, a2]))
		ahead = cadence.due_units({**filters, "days_ahead": 30}, in_days(1))
		self.assertEqual(sorted(row["serial_no"] for row in ahead), sorted([r1, a1, a2]))

		place = cadence.due_places(filters, in_days(31))[stores]
		self.assertEqual(
			(place["units"], place["due"], place["overdue"], place["first_due"], place["every_days"]),
			(3, 3, 3, in_days(7), 30),
		)
		self.assertEqual(place["warehouse_due_on"], in_days(31), "never counted: due now")

		# the report, both ways
		_columns, rows = report.execute({"warehouse": stores, "view": "Units", "days_ahead": 60})
		self.assertEqual(len(rows), 3)
		_columns, rows = report.execute({"warehouse": stores, "view": "Locations"})
		self.assertEqual([(r["warehouse"], r["units"], r["due"]) for r in rows], [(stores, 3, 0)])

		# the daily reminder: one open ToDo per warehouse, made once
		key = cadence.COUNT_DUE.format(stores)
		cadence.remind_due_counts(in_days(31))
		self.assertEqual(frappe.db.count("ToDo", {"st_reminder": key, "status": "Open"}), 1)
		todo = frappe.get_doc("ToDo", {"st_reminder": key})
		self.assertEqual(
			(todo.allocated_to, todo.reference_type, todo.reference_name),
			("Administrator", "Warehouse", stores),
		)
		self.assertIn("3 units", todo.description)
		cadence.remind_due_counts(in_days(32))
		self.assertEqual(frappe.db.count("ToDo", {"st_reminder": key}), 1, "one reminder, not one a day")

		# a count: the reminder closes, the units and the warehouse are counted today
		count = h.start(stores)
		for serial in (r1, a1, a2):
			h.scan(count, serial)
		count = h.close(count)
		count.submit()
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "status"), "Closed")
		self.assertEqual(cadence.due_units(filters, in_days(6)), [])
		self.assertEqual([row["serial_no"] for row in cadence.due_units(filters, in_days(8))], [r1])
		place = cadence.due_places(filters, in_days(8))[stores]
		self.assertEqual((place["last_counted"], place["warehouse_due_on"]), (getdate(), in_days(30)))
