"""The ERPNext internals the app relies on (platform/erpnext_internals.py) still behave as the app
expects. A failure here names the ERPNext function that changed: adapt that one function."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.platform import erpnext_internals
from serial_tracking.tests.factories import ensure_test_world, make_item, receive


class TestERPNextInternals(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_world()

	def test_linked_submitted_voucher_is_what_item_cant_change_refuses_for(self):
		item = make_item()
		self.assertIsNone(
			erpnext_internals.linked_submitted_voucher(item),
			"Item._get_linked_submitted_documents changed: an item with no transactions is linked",
		)
		entry = receive(item.name, 2, rate=10)
		self.assertEqual(
			erpnext_internals.linked_submitted_voucher(frappe.get_doc("Item", item.name)),
			("Stock Entry", entry.name),
			"Item._get_linked_submitted_documents changed: it no longer returns {doctype, docname}",
		)

	def test_item_group_condition_takes_the_subtree(self):
		item = frappe.qb.DocType("Item")
		root = frappe.db.get_value("Item Group", {"is_group": 1, "parent_item_group": ("is", "not set")})
		inside = make_item()
		condition = erpnext_internals.item_group_condition(root, item)
		self.assertIsNotNone(condition, "get_item_group_condition changed: no criterion for the root group")
		names = frappe.qb.from_(item).select(item.name).where(condition).run(pluck=True)
		self.assertIn(inside.name, names, "get_item_group_condition changed: the subtree is not taken")
