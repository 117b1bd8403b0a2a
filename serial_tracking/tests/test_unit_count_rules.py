"""The refusals of Unit Counts, each with a clear message and nothing written; counts of a custodian's
units on loan; item groups narrowing a count."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from serial_tracking.api import unit
from serial_tracking.api.unit_count import make_receipt, reopen
from serial_tracking.counting.core import count_rules as c
from serial_tracking.tests import count_helpers as h
from serial_tracking.tests import factories as f
from serial_tracking.units.core import lifecycle as lc


class TestUnitCountRules(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_one_open_count_per_place(self):
		stores = h.place("Stores")
		first = h.start(stores)
		h.refused(self, lambda: h.start(stores), stores, "counted already", first.name, rollback=True)
		self.assertEqual(frappe.db.count("Unit Count", {"warehouse": stores}), 1)
		# counts of other item groups of the same warehouse do not overlap one whose scope is narrower
		group = frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": f"_ST Count {frappe.generate_hash(length=5)}"}
		).insert()
		frappe.delete_doc("Unit Count", first.name)
		narrow = h.start(stores, item_group=group.name)
		h.refused(self, lambda: h.start(stores), narrow.name, rollback=True)
		other = frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": f"_ST Count {frappe.generate_hash(length=5)}"}
		).insert()
		self.assertEqual(h.start(stores, item_group=other.name).status, c.OPEN, "another group: no overlap")
		# an approved count frees its place
		narrow = h.close(narrow)
		narrow.submit()
		h.start(stores, item_group=group.name)

	def test_scope_refusals(self):
		h.refused(self, lambda: h.start(None), "Give the warehouse", rollback=True)
		employee = f.ensure_employee()
		h.refused(
			self,
			lambda: h.start(h.place(), custodian_type="Employee", custodian=employee),
			"not both",
			rollback=True,
		)
		group = frappe.db.get_value("Warehouse", {"company": f.COMPANY, "is_group": 1}, "name")
		h.refused(self, lambda: h.start(group), "group warehouse", rollback=True)

	def test_scans_after_close_and_bad_scans_are_refused_and_write_nothing(self):
		stores = h.place("Stores")
		item, (a1, a2) = h.units(2, stores)
		count = h.start(stores)
		h.scan(count, a1)
		before = h.counters(count.name)

		h.refused(self, lambda: h.scan(count, "   "), "empty")
		h.refused(self, lambda: h.scan(count, a2, condition="Sparkly"), "Condition must be one of")
		barcode = f"BC{frappe.generate_hash(length=8)}"
		item_doc = frappe.get_doc("Item", item)
		item_doc.append("barcodes", {"barcode": barcode})
		item_doc.save()
		h.refused(self, lambda: h.scan(count, barcode), barcode, item, "not of one unit")
		soup = f.make_item(st_tracking_mode="Quantity").name
		h.refused(self, lambda: h.scan(count, soup), soup, "tracked by quantity")
		self.assertEqual(h.counters(count.name), before)
		self.assertEqual(frappe.db.count("Unit Count Scan", {"unit_count": count.name}), 1)

		count = h.close(count)
		h.refused(self, lambda: h.scan(count, a2), count.name, "is Closed", "scans are refused")
		self.assertEqual(frappe.db.count("Unit Count Scan", {"unit_count": count.name}), 1)
		h.refused(self, lambda: h.close(count), "only an open count can be closed")
		# reopen: back to scanning, conclusions gone, scans kept
		reopen(count.name)
		count.reload()
		self.assertEqual((count.status, len(count.results), count.scans, count.found), (c.OPEN, 0, 1, 1))
		answer = h.scan(count, a2.lower())  # a scanner with caps lock on
		self.assertEqual((answer["verdict"], answer["serial_no"]), (c.EXPECTED, a2))
		h.refused(self, count.submit, "only a closed count can be approved", rollback=True)

	def test_a_quantity_items_serial_says_so(self):
		stores = h.place("Stores")
		item, (a1, _a2) = h.units(2, stores)
		count = h.start(stores)
		frappe.db.set_value("Item", item, {"st_tracking_mode": "Quantity"})  # as after a mode change
		h.refused(self, lambda: h.scan(count, a1), a1, item, "tracked by quantity", "Stock Reconciliation")
		self.assertEqual(h.counters(count.name).scans, 0)

	def test_approval_refusals(self):
		stores, shop = h.place("Stores"), h.place("Shop")
		item, (a1, a2) = h.units(2, stores)
		_item, (s1,) = h.units(1, shop, item=item)
		count = h.start(stores)
		h.scan(count, a1)
		h.scan(count, s1)
		unknown = f"ZZ-UNKNOWN-{frappe.generate_hash(length=6).upper()}"
		h.scan(count, unknown)
		count = h.close(count)

		h.line(count, a2).action = c.TRANSFER
		count.save()
		h.refused(self, count.submit, "Row", a2, "Missing", "Mark Lost", rollback=True)
		count.reload()  # as the form does after a refusal
		h.line(count, a2).action = c.MARK_LOST
		h.line(count, unknown).action = c.RECEIVE
		count.save()
		h.refused(self, count.submit, f"give the item of unknown serial {unknown}", rollback=True)
		count.reload()
		h.line(count, unknown).action = c.NO_ACTION
		count.save()
		h.refused(
			self,
			lambda: make_receipt(count.name),
			"No unknown serial is set to Receive",
		)

		# a unit moved after the count closed: reopen and close again
		sale = f.delivery_note(item, 1, serials=[a1], wh=stores)
		h.refused(self, count.submit, a1, sale.name, "reopen the count", rollback=True)
		self.assertEqual(frappe.db.get_value("Unit Count", count.name, "docstatus"), 0)
		self.assertEqual(frappe.db.get_value("Serial No", a2, "st_lifecycle_status"), lc.IN_STOCK)

	def test_units_on_loan_to_a_custodian(self):
		stores = h.place("Stores")
		employee = f.ensure_employee(f"_ST Counter {frappe.generate_hash(length=4)}")
		_item, (a1, a2, a3) = h.units(3, stores)
		unit.act(
			[a1, a2],
			lc.CHECK_OUT,
			custodian_type="Employee",
			custodian=employee,
			due_date=add_days(nowdate(), 7),
		)
		shelf = h.start(stores)
		self.assertEqual(shelf.expected_units, 1, "units on loan are not expected on the shelf")
		self.assertEqual(h.scan(shelf, a1)["verdict"], c.OUTSIDE)

		count = h.start(None, custodian_type="Employee", custodian=employee)
		self.assertEqual(count.expected_units, 2)
		self.assertEqual(h.scan(count, a1)["verdict"], c.EXPECTED)
		self.assertEqual(h.scan(count, a3)["verdict"], c.MISPLACED)
		count = h.close(count)
		self.assertEqual(
			{r.serial_no: (r.result, r.action) for r in count.results},
			{
				a2: (c.MISSING, c.MARK_LOST),
				a3: (c.MISPLACED, c.NO_ACTION),  # nothing to transfer into: a person is no warehouse
			},
		)
		count.submit()
		self.assertEqual(frappe.db.get_value("Serial No", a2, "st_lifecycle_status"), lc.LOST)
		self.assertEqual(frappe.db.get_value("Serial No", a1, "st_lifecycle_status"), lc.ON_LOAN)

	def test_item_group_narrows_a_count(self):
		stores = h.place("Stores")
		parent = frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": f"_ST Tools {frappe.generate_hash(length=4)}",
				"is_group": 1,
			}
		).insert()
		child = frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": f"_ST Drills {frappe.generate_hash(length=4)}",
				"parent_item_group": parent.name,
			}
		).insert()
		drill = f.make_item(
			st_tracking_mode="Serialized", st_serial_source="Enter or scan", item_group=child.name
		)
		_drill, (d1,) = h.units(1, stores, item=drill.name)
		_other, (o1,) = h.units(1, stores)
		count = h.start(stores, item_group=parent.name)
		self.assertEqual(count.expected_units, 1, "the group and its subgroups")
		self.assertEqual(h.scan(count, d1)["verdict"], c.EXPECTED)
		self.assertEqual(h.scan(count, o1)["verdict"], c.OUTSIDE)
