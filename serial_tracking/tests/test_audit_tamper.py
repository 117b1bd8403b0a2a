"""The trail is tamper-evident and cannot be edited through the desk or the API."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.audit.core import verification
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.trail import (
	EVENT_DOCTYPE,
	serialized_item,
)
from serial_tracking.units.core import ledger


class TestTamperEvidence(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_verifier_catches_a_tampered_row(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2)
		a, b = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[a])
		first = frappe.get_all(EVENT_DOCTYPE, {"serial_no": a, "seq": 1}, pluck="name")[0]
		frappe.db.set_value(EVENT_DOCTYPE, first, "to_warehouse", f.warehouse("Shop"), update_modified=False)
		problems = verify_chains([a, b])
		self.assertEqual({p.serial_no for p in problems}, {a})
		self.assertEqual(problems[0].kind, verification.ALTERED)

		from serial_tracking.api.audit import verify

		self.assertEqual(verify(a)["broken_units"], 1)

	def test_verifier_catches_a_removed_row(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[unit])
		frappe.db.delete(
			EVENT_DOCTYPE, {"serial_no": unit, "seq": 1}
		)  # straight to the database, past the app
		self.assertTrue(verify_chains([unit]))

	def test_no_role_can_edit_delete_or_create_events(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		name = frappe.get_all(EVENT_DOCTYPE, {"serial_no": unit}, pluck="name")[0]
		manager = ensure_user("st-stock-manager@example.com", ["Stock Manager", "System Manager"])
		for user in ("Administrator", manager):
			frappe.set_user(user)
			try:
				never = "can never be changed or deleted"
				attempts = {
					"set_value": lambda: frappe.client.set_value(
						EVENT_DOCTYPE, name, "to_warehouse", f.warehouse("Shop")
					),
					"delete": lambda: frappe.client.delete(EVENT_DOCTYPE, name),
					"insert": lambda: frappe.client.insert(
						{
							"doctype": EVENT_DOCTYPE,
							"serial_no": unit,
							"item_code": item.name,
							"event": ledger.LOST,
						}
					),
					"delete_doc": lambda: frappe.delete_doc(EVENT_DOCTYPE, name),
				}
				for attempt, call in attempts.items():
					with self.subTest(user=user, attempt=attempt):
						refusals.refused(self, frappe.PermissionError, call)
				doc = frappe.get_doc(EVENT_DOCTYPE, name)
				doc.remarks = "edited"
				# Frappe's own permission check refuses the manager first; the event refuses everyone
				words = ("Audit events", never) if user == "Administrator" else ()
				refusals.refused(self, frappe.PermissionError, doc.save, *words)
			finally:
				frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(EVENT_DOCTYPE, name, "to_warehouse"), f.warehouse())
		self.assertEqual(verify_chains([unit]), [])

	def test_rest_api_refuses_changes(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		name = frappe.get_all(EVENT_DOCTYPE, {"serial_no": unit}, pluck="name")[0]
		user = ensure_user("st-rest-admin@example.com", ["System Manager", "Stock Manager"])
		key, secret = api_keys(user)
		frappe.db.commit()
		responses = rest_calls(
			key,
			secret,
			[
				("PUT", f"/api/resource/{EVENT_DOCTYPE}/{name}", {"to_warehouse": f.warehouse("Shop")}),
				("DELETE", f"/api/resource/{EVENT_DOCTYPE}/{name}", None),
				(
					"POST",
					f"/api/resource/{EVENT_DOCTYPE}",
					{"serial_no": unit, "item_code": item.name, "event": ledger.LOST},
				),
				("GET", f"/api/resource/{EVENT_DOCTYPE}/{name}", None),
			],
		)
		self.assertEqual([status for status, _body in responses[:3]], [403, 403, 403])
		self.assertEqual(responses[3][0], 200)
		self.assertEqual(frappe.db.get_value(EVENT_DOCTYPE, name, "to_warehouse"), f.warehouse())


def ensure_user(email, roles):
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "ST", "send_welcome_email": 0}
		)
		user.insert(ignore_permissions=True)
		user.add_roles(*roles)
	return email


def api_keys(email):
	user = frappe.get_doc("User", email)
	secret = frappe.generate_hash(length=15)
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	return user.api_key, secret


def rest_calls(key, secret, calls):
	"""Real HTTP requests through Frappe's WSGI app, in their own thread and database connection."""
	import threading

	from werkzeug.test import Client

	from frappe.app import application

	site = frappe.local.site
	out = []

	def run():
		client = Client(application)
		for method, path, body in calls:
			response = client.open(
				path,
				method=method,
				json=body,
				headers={"Authorization": f"token {key}:{secret}", "Host": site, "X-Frappe-Site-Name": site},
			)
			out.append((response.status_code, response.get_data(as_text=True)))

	thread = threading.Thread(target=run)
	thread.start()
	thread.join()
	return out
