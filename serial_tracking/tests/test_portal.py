"""The customer's portal with two customers: each website user (linked to their Customer as a Portal User)
sees their own units on /my-units (item, serial, maker serial, delivery, warranty and service contract,
visits done and due, open claims) and nothing of the other's; "report a problem" opens a Warranty Claim
on their own unit only."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_html_for_route

from serial_tracking.customers import portal
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.refusals import refused

USERS = {f.CUSTOMER: "st-portal-one@example.com", h.OTHER_CUSTOMER: "st-portal-two@example.com"}


def portal_user(customer: str, email: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": customer,
				"user_type": "Website User",
				"send_welcome_email": 0,
				"roles": [{"role": "Customer"}],
			}
		).insert(ignore_permissions=True)
	doc = frappe.get_doc("Customer", customer)
	if not any(row.user == email for row in doc.get("portal_users") or []):
		doc.append("portal_users", {"user": email})
		doc.save(ignore_permissions=True)
	return email


class TestPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world()
		for customer, email in USERS.items():
			portal_user(customer, email)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_customer_sees_only_their_own_units(self):
		item = f.make_item(**h.PLAN)
		f.purchase_receipt(item.name, 3, rate=h.COST, makers=["MK-P-1", "MK-P-2", "MK-P-3"])
		mine, theirs, kept = f.serials_of(item.name)
		note = f.voucher("Delivery Note", [f.line(item.name, 1, 150, serials=[mine])], customer=f.CUSTOMER)
		f.voucher("Delivery Note", [f.line(item.name, 1, 150, serials=[theirs])], customer=h.OTHER_CUSTOMER)
		f.maintenance_visit(item.name, mine)

		frappe.set_user(USERS[f.CUSTOMER])
		self.assertEqual(portal.customers(), [f.CUSTOMER])
		found = {row.serial_no: row for row in portal.units(portal.customers())}
		self.assertIn(mine, found)
		self.assertNotIn(theirs, found)
		self.assertNotIn(kept, found)
		row = found[mine]
		self.assertEqual((row.item_code, row.maker_serial, row.delivery), (item.name, "MK-P-1", note.name))
		self.assertEqual((row.warranty_status, row.amc_status), ("Under Warranty", "Under AMC"))
		self.assertEqual(row.warranty_expiry_date, h.warranty_end())
		self.assertEqual(len(row.visits_done), 1)
		self.assertEqual(len(row.visits_due), 3)

		html = get_html_for_route("my-units")
		self.assertIn(mine, html)
		self.assertIn("MK-P-1", html)
		self.assertIn(note.name, html)
		self.assertNotIn(theirs, html)
		self.assertIn(mine, get_html_for_route(f"my-units/{mine}"))
		other = get_html_for_route(f"my-units/{theirs}")
		self.assertIn("Not Permitted", other, "another customer's unit is not shown")
		self.assertNotIn("st-my-unit", other)
		refused(self, frappe.PermissionError, lambda: portal.unit(theirs, portal.customers()), theirs)

		frappe.set_user(USERS[h.OTHER_CUSTOMER])
		self.assertEqual(
			[r.serial_no for r in portal.units(portal.customers()) if r.item_code == item.name], [theirs]
		)

	def test_report_a_problem_opens_a_claim_on_ones_own_unit_only(self):
		_item, _receipt, [mine, *_], _invoice = h.sold_unit()
		_item2, _receipt2, [theirs, *_], _invoice2 = h.sold_unit(customer=h.OTHER_CUSTOMER)
		frappe.set_user(USERS[f.CUSTOMER])
		frappe.local.request_ip = "127.0.0.1"  # the API is rate limited per address
		from serial_tracking.api.portal import report_problem

		claim = report_problem(mine, "It makes a grinding noise.")
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Warranty Claim", claim)
		self.assertEqual((doc.customer, doc.serial_no, doc.status), (f.CUSTOMER, mine, "Open"))
		self.assertEqual(doc.complaint_raised_by, USERS[f.CUSTOMER])
		self.assertEqual(doc.warranty_amc_status, "Under Warranty")

		frappe.set_user(USERS[f.CUSTOMER])
		[row] = [r for r in portal.units(portal.customers()) if r.serial_no == mine]
		self.assertEqual([c.name for c in row.claims], [claim])
		refused(self, frappe.PermissionError, lambda: report_problem(theirs, "Not mine at all."), theirs)
		refused(self, frappe.ValidationError, lambda: report_problem(mine, ""), "Describe the problem")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Warranty Claim", {"serial_no": theirs}))

	def test_a_unit_with_us_for_service_stays_on_the_customers_list(self):
		_item, _receipt, [mine, *_], _invoice = h.sold_unit()
		from serial_tracking.customers import steps

		doc = h.open_rma(mine)
		steps.receive(doc.name)
		frappe.set_user(USERS[f.CUSTOMER])
		[row] = [r for r in portal.units(portal.customers()) if r.serial_no == mine]
		self.assertTrue(row.with_us)
		self.assertEqual([c.rma_status for c in row.claims], ["Received"])

	def test_a_guest_is_sent_to_log_in_and_a_user_without_customer_sees_none(self):
		frappe.set_user("Guest")
		self.assertEqual(portal.customers(), [])
		frappe.set_user("Administrator")
		self.assertIn("linked to no customer", get_html_for_route("my-units"))
