import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.core import audit, ledger
from serial_tracking.core import integrity as core_integrity
from serial_tracking.core import lifecycle as lc
from serial_tracking.services import audit_backfill, integrity
from serial_tracking.services.audit_verify import verify_chains
from serial_tracking.tests import factories as f

EVENT = "Serial Audit Event"


def history(serial):
	return frappe.get_all(
		EVENT,
		{"serial_no": serial},
		[
			"seq",
			"episode",
			"event",
			"from_warehouse",
			"to_warehouse",
			"party",
			"status_before",
			"status_after",
			"voucher_no",
		],
		order_by="seq",
	)


def kinds(serial):
	return [e.event for e in history(serial)]


def lifecycle_status(serial):
	return frappe.db.get_value("Serial No", serial, "st_lifecycle_status")


def serialized_item(**fields):
	return f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{####}", **fields)


def stock_entry(purpose, rows, submit=True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": f.COMPANY,
			"items": rows,
			**fields,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def serial_row(item_code, serials, **fields):
	return {
		"item_code": item_code,
		"qty": len(serials),
		"serial_no": "\n".join(serials),
		"use_serial_batch_fields": 1,
		**fields,
	}


class TestAuditTrail(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_receipt_transfer_delivery_and_customer_return(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2, rate=400)
		a, b = f.serials_of(item.name)
		[received] = history(a)
		self.assertEqual(
			(
				received.event,
				received.to_warehouse,
				received.party,
				received.status_before,
				received.status_after,
				received.episode,
			),
			(ledger.RECEIVED, f.warehouse(), f.SUPPLIER, None, lc.IN_STOCK, 1),
		)
		event = frappe.get_all(
			EVENT,
			{"serial_no": a},
			["rate_in", "voucher_type", "voucher_no", "voucher_detail_no", "recorded_by"],
		)[0]
		self.assertEqual(
			(event.rate_in, event.voucher_type, event.voucher_no, event.voucher_detail_no, event.recorded_by),
			(400, "Purchase Receipt", receipt.name, receipt.items[0].name, "Administrator"),
		)

		stock_entry(
			"Material Transfer",
			[serial_row(item.name, [a], s_warehouse=f.warehouse(), t_warehouse=f.warehouse("Shop"))],
		)
		delivery = f.delivery_note(item.name, 1, serials=[a], wh=f.warehouse("Shop"))
		self.assertEqual(lifecycle_status(a), lc.DELIVERED)
		back = make_return_doc("Delivery Note", delivery.name)
		back.insert()
		back.submit()

		events = history(a)
		self.assertEqual(
			[(e.event, e.from_warehouse, e.to_warehouse, e.status_after, e.episode) for e in events],
			[
				(ledger.RECEIVED, None, f.warehouse(), lc.IN_STOCK, 1),
				(ledger.TRANSFERRED, f.warehouse(), f.warehouse("Shop"), lc.IN_STOCK, 1),
				(ledger.DELIVERED, f.warehouse("Shop"), None, lc.DELIVERED, 1),
				(ledger.RETURNED_FROM_CUSTOMER, None, f.warehouse("Shop"), lc.IN_STOCK, 2),
			],
		)
		self.assertEqual(events[2].party, f.CUSTOMER)
		self.assertEqual(kinds(b), [ledger.RECEIVED])
		self.assertEqual(verify_chains([a, b]), [])

	def test_return_to_supplier(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 2)
		a, _b = f.serials_of(item.name)
		back = make_return_doc("Purchase Receipt", receipt.name)
		back.items[0].qty = -1
		back.items[0].received_qty = -1
		back.items[0].serial_no = a
		back.items[0].use_serial_batch_fields = 1
		back.insert()
		back.submit()
		self.assertEqual(kinds(a), [ledger.RECEIVED, ledger.RETURNED_TO_SUPPLIER])
		self.assertEqual(lifecycle_status(a), lc.RETURNED)

	def test_consumed_in_production_and_manufactured(self):
		part = serialized_item()
		product = serialized_item()
		f.purchase_receipt(part.name, 1)
		[unit] = f.serials_of(part.name)
		stock_entry(
			"Repack",
			[
				serial_row(part.name, [unit], s_warehouse=f.warehouse()),
				{
					"item_code": product.name,
					"qty": 1,
					"t_warehouse": f.warehouse(),
					"is_finished_item": 1,
					"basic_rate": 500,
				},
			],
		)
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.CONSUMED])
		self.assertEqual(lifecycle_status(unit), lc.CONSUMED)
		[made] = f.serials_of(product.name)
		self.assertEqual(kinds(made), [ledger.MANUFACTURED])

	def test_material_issue_is_an_adjustment(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		stock_entry("Material Issue", [serial_row(item.name, [unit], s_warehouse=f.warehouse())])
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.ADJUSTED])
		self.assertEqual(lifecycle_status(unit), lc.RETIRED)

	def test_reconciliation(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2)
		kept, missing = f.serials_of(item.name)
		reco = frappe.get_doc(
			{
				"doctype": "Stock Reconciliation",
				"company": f.COMPANY,
				"purpose": "Stock Reconciliation",
				"items": [
					{
						"item_code": item.name,
						"warehouse": f.warehouse(),
						"qty": 1,
						"valuation_rate": 100,
						"serial_no": kept,
						"use_serial_batch_fields": 1,
					}
				],
			}
		)
		reco.insert()
		reco.submit()
		self.assertEqual(kinds(missing), [ledger.RECEIVED, ledger.RECONCILED])
		self.assertEqual(lifecycle_status(missing), lc.LOST)
		self.assertEqual(lifecycle_status(kept), lc.IN_STOCK)
		self.assertEqual(verify_chains([kept, missing]), [])

	def test_cancel_appends_reversals_and_amend_records_again(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		delivery = f.delivery_note(item.name, 1, serials=[unit])
		delivery.cancel()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED])
		cancel = history(unit)[-1]
		self.assertEqual(
			(cancel.status_before, cancel.status_after, cancel.to_warehouse),
			(lc.DELIVERED, lc.IN_STOCK, f.warehouse()),
		)
		self.assertEqual(lifecycle_status(unit), lc.IN_STOCK)

		amended = frappe.copy_doc(delivery)
		amended.amended_from = delivery.name
		amended.docstatus = 0
		amended.insert()
		amended.submit()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.DELIVERED, ledger.CANCELLED, ledger.DELIVERED])
		self.assertEqual(history(unit)[-1].voucher_no, amended.name)
		self.assertEqual(verify_chains([unit]), [])

	def test_cancelled_receipt_reverses_and_leaves_the_unit_out_of_stock(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		receipt.cancel()
		self.assertEqual(kinds(unit), [ledger.RECEIVED, ledger.CANCELLED])
		self.assertEqual(lifecycle_status(unit), None)
		self.assertEqual(frappe.db.get_value("Serial No", unit, ["warehouse", "status"]), (None, "Inactive"))

	@change_settings("Stock Settings", {"allow_existing_serial_no": 1})
	def test_a_unit_received_again_keeps_its_history_and_starts_a_new_episode(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1, serials=[f"{item.name}-R1"])
		unit = f"{item.name}-R1"
		f.delivery_note(item.name, 1, serials=[unit])
		f.purchase_receipt(item.name, 1, serials=[unit])
		self.assertEqual(
			[(e.event, e.episode) for e in history(unit)],
			[(ledger.RECEIVED, 1), (ledger.DELIVERED, 1), (ledger.RECEIVED, 2)],
		)

	def test_one_insert_per_voucher(self):
		item = serialized_item()
		from serial_tracking.services import bulk_insert

		queries = []
		original = bulk_insert.insert

		def spy(doctype, columns, rows):
			queries.append(doctype)
			return original(doctype, columns, rows)

		bulk_insert.insert = spy
		try:
			f.purchase_receipt(item.name, 25)
		finally:
			bulk_insert.insert = original
		self.assertEqual(queries.count(EVENT), 1)
		self.assertEqual(frappe.db.count(EVENT, {"item_code": item.name}), 25)


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
		first = frappe.get_all(EVENT, {"serial_no": a, "seq": 1}, pluck="name")[0]
		frappe.db.set_value(EVENT, first, "to_warehouse", f.warehouse("Shop"), update_modified=False)
		problems = verify_chains([a, b])
		self.assertEqual({p.serial_no for p in problems}, {a})
		self.assertEqual(problems[0].kind, audit.ALTERED)

		from serial_tracking.api.audit import verify

		self.assertEqual(verify(a)["broken_units"], 1)

	def test_verifier_catches_a_removed_row(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[unit])
		frappe.db.delete(EVENT, {"serial_no": unit, "seq": 1})  # straight to the database, past the app
		self.assertTrue(verify_chains([unit]))

	def test_no_role_can_edit_delete_or_create_events(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		name = frappe.get_all(EVENT, {"serial_no": unit}, pluck="name")[0]
		manager = ensure_user("st-stock-manager@example.com", ["Stock Manager", "System Manager"])
		for user in ("Administrator", manager):
			frappe.set_user(user)
			try:
				with self.assertRaises(frappe.PermissionError):
					frappe.client.set_value(EVENT, name, "to_warehouse", f.warehouse("Shop"))
				with self.assertRaises(frappe.PermissionError):
					frappe.client.delete(EVENT, name)
				with self.assertRaises(frappe.PermissionError):
					frappe.client.insert(
						{"doctype": EVENT, "serial_no": unit, "item_code": item.name, "event": ledger.LOST}
					)
				with self.assertRaises(frappe.PermissionError):
					frappe.delete_doc(EVENT, name)
				doc = frappe.get_doc(EVENT, name)
				doc.remarks = "edited"
				with self.assertRaises(frappe.PermissionError):
					doc.save()
			finally:
				frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(EVENT, name, "to_warehouse"), f.warehouse())
		self.assertEqual(verify_chains([unit]), [])

	def test_rest_api_refuses_changes(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		name = frappe.get_all(EVENT, {"serial_no": unit}, pluck="name")[0]
		user = ensure_user("st-rest-admin@example.com", ["System Manager", "Stock Manager"])
		key, secret = api_keys(user)
		frappe.db.commit()
		responses = rest_calls(
			key,
			secret,
			[
				("PUT", f"/api/resource/{EVENT}/{name}", {"to_warehouse": f.warehouse("Shop")}),
				("DELETE", f"/api/resource/{EVENT}/{name}", None),
				(
					"POST",
					f"/api/resource/{EVENT}",
					{"serial_no": unit, "item_code": item.name, "event": ledger.LOST},
				),
				("GET", f"/api/resource/{EVENT}/{name}", None),
			],
		)
		self.assertEqual([status for status, _body in responses[:3]], [403, 403, 403])
		self.assertEqual(responses[3][0], 200)
		self.assertEqual(frappe.db.get_value(EVENT, name, "to_warehouse"), f.warehouse())


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


class TestBackfillAndIntegrity(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def make_history_without_the_app(self):
		"""Stock history written as if the app had not been installed yet: no events at all."""
		item = f.make_item(has_serial_no=1, serial_no_series=f"BF{frappe.generate_hash(length=5)}-.####")
		with f.app_hooks(False):
			f.purchase_receipt(item.name, 3)
			a, b, c = f.serials_of(item.name)
			stock_entry(
				"Material Transfer",
				[serial_row(item.name, [b], s_warehouse=f.warehouse(), t_warehouse=f.warehouse("Shop"))],
			)
			f.delivery_note(item.name, 1, serials=[c])
		self.assertEqual(frappe.db.count(EVENT, {"item_code": item.name}), 0)
		return item, (a, b, c)

	def test_backfill_on_a_site_with_history_is_idempotent(self):
		_item, (a, b, c) = self.make_history_without_the_app()
		audit_backfill.backfill_all(batch_size=50, progress=False)
		self.assertEqual(kinds(a), [ledger.RECEIVED])
		self.assertEqual(kinds(b), [ledger.RECEIVED, ledger.TRANSFERRED])
		self.assertEqual(kinds(c), [ledger.RECEIVED, ledger.DELIVERED])
		self.assertEqual(lifecycle_status(c), lc.DELIVERED)
		self.assertEqual(history(c)[1].party, f.CUSTOMER)
		before = frappe.db.count(EVENT)
		audit_backfill.backfill_all(batch_size=50, progress=False)
		self.assertEqual(frappe.db.count(EVENT), before, "running it twice changes nothing")
		self.assertEqual(verify_chains([a, b, c]), [])

	def test_a_unit_from_before_the_app_gets_its_past_before_its_next_event(self):
		item, (a, _b, _c) = self.make_history_without_the_app()
		f.delivery_note(item.name, 1, serials=[a])
		self.assertEqual(kinds(a), [ledger.RECEIVED, ledger.DELIVERED])
		self.assertEqual(verify_chains([a]), [])

	def test_integrity_check_lists_drift_and_repairs_it(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 2)
		a, b = f.serials_of(item.name)
		frappe.db.set_value("Serial No", a, {"warehouse": None, "status": "Delivered"}, update_modified=False)
		frappe.db.set_value("Serial No", b, "st_lifecycle_status", lc.DELIVERED, update_modified=False)
		drift = {row["serial_no"]: row for row in integrity.drift(item.name)}
		self.assertEqual(set(drift), {a, b})
		self.assertEqual(drift[a]["ledger_warehouse"], f.warehouse())
		self.assertEqual(drift[b]["problems"], {core_integrity.LIFECYCLE})
		self.assertEqual(integrity.repair(list(drift.values())), 2)
		self.assertEqual(integrity.drift(item.name), [])
		self.assertEqual(
			frappe.db.get_value("Serial No", a, ["warehouse", "status"]), (f.warehouse(), "Active")
		)
		self.assertEqual(lifecycle_status(b), lc.IN_STOCK)

	def test_repair_of_a_lifecycle_drift_leaves_erpnext_status_alone(self):
		"""A unit whose only drift is its lifecycle status keeps ERPNext's status (a repair once matched
		"status" inside "lifecycle status" and overwrote it)."""
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[a] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[a])
		frappe.db.set_value("Serial No", a, {"status": "Inactive", "st_lifecycle_status": lc.IN_STOCK})
		[row] = integrity.drift(item.name)
		self.assertEqual(row["problems"], {core_integrity.LIFECYCLE})
		integrity.repair([row])
		self.assertEqual(frappe.db.get_value("Serial No", a, "status"), "Inactive")
		self.assertEqual(lifecycle_status(a), lc.DELIVERED)
