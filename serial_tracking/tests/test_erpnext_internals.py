"""The ERPNext internals the app relies on (platform/erpnext_internals.py) still behave as the app
expects. A failure here names the ERPNext function that changed: adapt that one function."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.platform import erpnext_internals
from serial_tracking.tests.factories import CUSTOMER, ensure_test_world, make_item, receive, warehouse
from serial_tracking.tests.test_flow_pos import pos_profile


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

	def test_portal_customers_are_those_whose_portal_users_include_the_user(self):
		email = "st-internals-portal@example.com"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": "Portal", "user_type": "Website User"}
			).insert(ignore_permissions=True)
		customer = frappe.get_doc("Customer", CUSTOMER)
		if not any(row.user == email for row in customer.get("portal_users") or []):
			customer.append("portal_users", {"user": email})
			customer.save(ignore_permissions=True)
		frappe.set_user(email)
		try:
			self.assertEqual(
				erpnext_internals.portal_customers(),
				[CUSTOMER],
				"get_parents_for_user changed: a Customer's Portal Users no longer name its portal users",
			)
		finally:
			frappe.set_user("Administrator")

	def test_the_tills_search_and_picker_answer_with_a_units_serial(self):
		item = make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}")
		receive(item.name, 2, rate=10)
		first, second = frappe.get_all("Serial No", {"item_code": item.name}, pluck="name", order_by="name")
		profile = pos_profile()
		found = erpnext_internals.pos_items(0, 40, "Standard Selling", "", profile, first.lower())
		self.assertEqual(
			[(i["item_code"], i["serial_no"]) for i in found["items"]],
			[(item.name, first)],
			"point_of_sale.get_items changed: a scanned serial is no longer its item with that serial",
		)
		self.assertEqual(
			erpnext_internals.pos_serials(2, item.name, warehouse(), [first], for_doctype="POS Invoice"),
			[second],
			"auto_fetch_serial_number changed: the serials to leave out are not left out",
		)
