"""The site as a GS1 Digital Link resolver: a desk user goes to the unit, ``?linkType=all`` is the link
set, a guest sees the public page (never cost, custodian, location or history), an unknown unit is a 404
in about the time a known one takes; problem reports are throttled."""

import json
import time
from statistics import median

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from serial_tracking.gs1 import resolver
from serial_tracking.tests import factories as f
from serial_tracking.tests.gs1_helpers import gtin_item, received


def set_settings(**values):
	settings = frappe.get_doc("Serial Tracking Settings")
	settings.update(values)
	settings.save()


def get(path: str, **query):
	"""The resolver's answer to a GET of ``path`` as the site's web server hands it over."""
	frappe.local.form_dict = frappe._dict(query)
	return resolver.respond(path.strip("/"), query.get("linkType"))


class TestResolver(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		before = frappe.get_doc("Serial Tracking Settings")
		self.addCleanup(
			set_settings, gs1_public_page=before.gs1_public_page, gs1_report_limit=before.gs1_report_limit
		)
		self.addCleanup(frappe.set_user, "Administrator")
		self.item, self.gtin = gtin_item()
		[self.unit] = received(self.item, makers=["RES-MK"])
		frappe.db.set_value(
			"Serial No",
			self.unit,
			{"warranty_expiry_date": add_days(nowdate(), 100), "purchase_rate": 4321.5},
		)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "manual.txt",
				"content": b"the manual",
				"is_private": 0,
				"attached_to_doctype": "Item",
				"attached_to_name": self.item.name,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "costing.txt",
				"content": b"secret costs",
				"is_private": 1,
				"attached_to_doctype": "Item",
				"attached_to_name": self.item.name,
			}
		).insert(ignore_permissions=True)
		self.path = f"01/{self.gtin}/21/{self.unit}"

	def test_a_desk_user_is_taken_to_the_unit(self):
		response = get(self.path)
		self.assertEqual(response.status_code, 302)
		self.assertTrue(response.headers["Location"].endswith(f"/serial-no/{self.unit}"))
		by_maker = get(f"01/{self.gtin}/21/RES-MK")
		self.assertTrue(by_maker.headers["Location"].endswith(f"/serial-no/{self.unit}"))

	def test_link_set(self):
		set_settings(gs1_public_page=1, gs1_report_limit=5)
		response = get(self.path, linkType="all")
		self.assertEqual(
			(response.status_code, response.headers["Content-Type"]), (200, "application/linkset+json")
		)
		[links] = json.loads(response.get_data())["linkset"]
		self.assertTrue(links["anchor"].endswith(self.path))
		self.assertIn("https://gs1.org/voc/defaultLink", links)
		[manual] = links["https://gs1.org/voc/instructions"]
		self.assertIn("manual", manual["href"])
		self.assertNotIn("costing", json.dumps(links))

	def test_a_guest_sees_only_what_the_page_may_show(self):
		set_settings(gs1_public_page=1, gs1_report_limit=5)
		frappe.set_user("Guest")
		response = get(self.path)
		self.assertEqual(response.status_code, 200)
		html = response.get_data(as_text=True)
		self.assertIn(self.item.item_name, html)
		self.assertIn("In warranty until", html)
		self.assertIn("manual.txt", html)
		self.assertIn("Report a problem", html)
		for secret in ("4321", "costing", f.warehouse(), f.SUPPLIER, "Purchase Receipt", "MAT-PRE"):
			self.assertNotIn(secret, html)

	def test_a_guest_without_the_public_page_is_sent_to_log_in(self):
		set_settings(gs1_public_page=0)
		frappe.set_user("Guest")
		known, unknown = get(self.path), get(f"01/{self.gtin}/21/NO-SUCH-UNIT")
		self.assertEqual((known.status_code, unknown.status_code), (302, 302))
		self.assertIn("/login", known.headers["Location"])

	def test_an_unknown_unit_is_a_404_in_the_time_of_a_known_one(self):
		set_settings(gs1_public_page=1, gs1_report_limit=5)
		frappe.set_user("Guest")
		unknown_paths = [
			f"01/{self.gtin}/21/NO-SUCH-UNIT",  # known item, guessed serial
			f"01/{self.gtin[:-1]}{(int(self.gtin[-1]) + 1) % 10}/21/{self.unit}",  # a wrong check digit
			"01/00000000000000/21/X",  # no item
			"8004/4012345XYZ",  # a GIAI of nobody
		]
		for path in unknown_paths:
			response = get(path)
			self.assertEqual(response.status_code, 404, path)
			self.assertNotIn(self.item.item_name, response.get_data(as_text=True))
		self.assertEqual(get(unknown_paths[0], linkType="all").status_code, 404)

		def timed(path):
			start = time.perf_counter()
			get(path)
			return time.perf_counter() - start

		for path in (self.path, unknown_paths[0]):  # warm both
			timed(path)
		known = median(timed(self.path) for _ in range(15))
		unknown = median(timed(unknown_paths[0]) for _ in range(15))
		self.assertLess(abs(known - unknown), max(known, unknown) * 0.5 + 0.002, (known, unknown))

	def test_a_guest_reports_a_problem_as_an_issue_and_is_throttled(self):
		from serial_tracking.api.gs1 import report_problem

		set_settings(gs1_public_page=1, gs1_report_limit=2)
		frappe.set_user("Guest")
		frappe.local.request_ip = frappe.generate_hash(length=10)  # a visitor of its own
		frappe.local.request = frappe._dict(method="POST", path="/api/method/x")
		frappe.local.form_dict = frappe._dict(cmd="serial_tracking.api.gs1.report_problem")
		self.addCleanup(setattr, frappe.local, "request", None)
		before = frappe.db.count("Issue")
		path = "/" + self.path
		self.assertIn("received", report_problem(path, "It makes a noise.", "buyer@example.com"))
		issue = frappe.get_last_doc("Issue")
		self.assertEqual((issue.raised_by, frappe.db.count("Issue")), ("buyer@example.com", before + 1))
		self.assertIn(self.unit, issue.subject)
		report_problem(path, "Still noisy.", "buyer@example.com")
		with self.assertRaises(frappe.RateLimitExceededError):
			report_problem(path, "Third time.", "buyer@example.com")
