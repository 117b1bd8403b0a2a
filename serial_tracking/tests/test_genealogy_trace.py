"""Recall Trace through components: from a component unit, a component receipt or a supplier, every
unit that contains or contained an affected component at any depth, where its product is now and
which customer holds it; and Unit History's component tree."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from serial_tracking.serial_tracking.report.recall_trace.recall_trace import execute as recall_trace
from serial_tracking.serial_tracking.report.unit_history.unit_history import execute as unit_history
from serial_tracking.tests import factories as f
from serial_tracking.tests.assembly import made, manufacture, parts
from serial_tracking.tests.trail import serialized_item

CELL_SUPPLIER = "_ST Cell Supplier"


def ensure_supplier():
	if not frappe.db.exists("Supplier", CELL_SUPPLIER):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": CELL_SUPPLIER,
				"supplier_group": f.group("Supplier Group"),
			}
		).insert()


class TestTraceThroughComponents(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		ensure_supplier()
		cell = serialized_item().name
		cls.receipt = f.voucher(
			"Purchase Receipt", [f.line(cell, 4, 5)], supplier=CELL_SUPPLIER, posting_date=nowdate()
		).name
		cls.cells = f.serials_of(cell)
		c4 = cls.cells[3]
		pack = serialized_item().name
		cls.packs = p1, p2 = made(manufacture(pack, 2, [(cell, cls.cells)]))
		# c4 is taken out of p2 (a spare goes in) before p2 goes into its bike: b2 never held c4.
		_spare_item, [spare] = parts([6])
		frappe.get_doc(
			{
				"doctype": "Warranty Claim",
				"complaint_date": nowdate(),
				"customer": f.CUSTOMER,
				"company": f.COMPANY,
				"serial_no": p2,
				"complaint": "A weak cell.",
				"st_part_swaps": [
					{"part_removed": c4, "removed_to": f.warehouse("Repair Bench"), "part_fitted": spare}
				],
			}
		).insert()
		bike = serialized_item().name
		[cls.b1] = made(manufacture(bike, 1, [(pack, [p1])]))
		[cls.b2] = made(manufacture(bike, 1, [(pack, [p2])]))
		crate = serialized_item().name
		[cls.crate] = made(manufacture(crate, 1, [(bike, [cls.b1])]))
		cls.delivery = f.delivery_note(crate, 1, serials=[cls.crate]).name

	def trace(self, **filters):
		_columns, data = recall_trace({"through_components": 1, **filters})
		return {row["serial_no"]: row for row in data}

	def test_from_a_receipt_every_level_with_where_the_product_is_now(self):
		_c1, _c2, c3, c4 = self.cells
		p1, p2 = self.packs
		found = self.trace(receipt=self.receipt)
		self.assertEqual(set(found), {p1, p2, self.b1, self.b2, self.crate})
		self.assertEqual(
			{u: r["level"] for u, r in found.items()}, {p1: 1, p2: 1, self.b1: 2, self.b2: 2, self.crate: 3}
		)
		self.assertEqual(found[self.b1]["inside"], self.crate)
		for unit in (p1, self.b1, self.crate):
			row = found[unit]
			self.assertEqual(
				(row["customer"], row["delivery"], row["status"], row["supplier"]),
				(f.CUSTOMER, self.delivery, "Delivered", CELL_SUPPLIER),
				f"{unit}: its product is with the customer",
			)
		self.assertEqual(found[self.crate]["affected"], 2)
		self.assertEqual(found[p2]["components"], ", ".join(sorted([c3, c4])))
		self.assertEqual(found[self.b2]["components"], c3, "c4 left p2 before p2 went into b2")
		self.assertEqual((found[self.b2]["customer"], found[self.b2]["warehouse"]), (None, f.warehouse()))
		self.assertEqual(self.trace(supplier=CELL_SUPPLIER).keys(), found.keys())

	def test_from_one_component_unit(self):
		c4 = self.cells[3]
		found = self.trace(serial_no=c4, only_unit=1)
		self.assertEqual(set(found), {self.packs[1]})
		row = found[self.packs[1]]
		self.assertEqual((row["contains_now"], row["inside"]), (0, self.b2))
		self.assertTrue(row["contained_until"])
		siblings = self.trace(serial_no=c4)
		self.assertIn(self.crate, siblings, "with its siblings from the same receipt")

	def test_unit_history_shows_the_tree_of_the_product_a_unit_is_in(self):
		c1 = self.cells[0]
		_columns, data = unit_history({"serial_no": c1, "view": "Components"})
		self.assertEqual(
			[(r["indent"], r["serial_no"]) for r in data[:4]],
			[(0, self.crate), (1, self.b1), (2, self.packs[0]), (3, self.cells[0])],
		)
		self.assertTrue(data[3]["this"])
		c4 = self.cells[3]
		_columns, data = unit_history({"serial_no": c4, "view": "Components"})
		self.assertEqual(
			[(r["relation"], r["serial_no"]) for r in data], [("Unit", c4), ("Was Part Of", self.packs[1])]
		)
