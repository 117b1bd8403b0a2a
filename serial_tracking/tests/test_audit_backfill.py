"""The back-fill of sites with history, and the integrity check between units and the ledger."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.actions import integrity
from serial_tracking.actions.core import integrity as core_integrity
from serial_tracking.audit import backfill
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import (
	EVENT_DOCTYPE,
	history,
	kinds,
	lifecycle_status,
	serial_row,
	serialized_item,
	stock_entry,
)
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


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
		self.assertEqual(frappe.db.count(EVENT_DOCTYPE, {"item_code": item.name}), 0)
		return item, (a, b, c)

	def test_backfill_on_a_site_with_history_is_idempotent(self):
		_item, (a, b, c) = self.make_history_without_the_app()
		backfill.backfill_all(batch_size=50, progress=False)
		self.assertEqual(kinds(a), [ledger.RECEIVED])
		self.assertEqual(kinds(b), [ledger.RECEIVED, ledger.TRANSFERRED])
		self.assertEqual(kinds(c), [ledger.RECEIVED, ledger.DELIVERED])
		self.assertEqual(lifecycle_status(c), lc.DELIVERED)
		self.assertEqual(history(c)[1].party, f.CUSTOMER)
		before = frappe.db.count(EVENT_DOCTYPE)
		backfill.backfill_all(batch_size=50, progress=False)
		self.assertEqual(frappe.db.count(EVENT_DOCTYPE), before, "running it twice changes nothing")
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
