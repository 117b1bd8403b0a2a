"""Uninstall and reinstall the app on a site that has ERPNext data, in this very test run.

The app is installed again in ``finally`` so the rest of the suite finds it whatever happens here.
"""

import hashlib

import frappe
from frappe.installer import install_app, remove_app
from frappe.tests.utils import FrappeTestCase

from serial_tracking.custom_fields import CUSTOM_FIELDS, PROPERTY_SETTERS, VARIANT_FIELDS
from serial_tracking.install import MODULE, after_migrate
from serial_tracking.platform import compat
from serial_tracking.tests import leftovers
from serial_tracking.tests.factories import (
	captured_jobs,
	ensure_test_world,
	make_item,
	receive,
	run_jobs,
	stock_qty,
)

APP = "serial_tracking"
DAILY_JOB = "serial_tracking.tasks.daily"
SETTINGS = "Serial Tracking Settings"
BACKFILL = "serial_tracking.audit.backfill.backfill_all"

# ERPNext's own records the app must leave exactly as they were.
FINGERPRINT = {
	"Item": ["name", "has_serial_no", "is_stock_item", "serial_no_series", "modified"],
	"Stock Ledger Entry": ["name", "actual_qty", "stock_value", "is_cancelled"],
	"Serial No": ["name", "item_code", "warehouse", "status", "modified"],
	"Bin": ["name", "actual_qty", "stock_value"],
	"GL Entry": ["name", "debit", "credit", "is_cancelled"],
}


def erpnext_fingerprint() -> dict[str, str]:
	prints = {}
	for doctype, fields in FINGERPRINT.items():
		rows = frappe.get_all(doctype, fields=fields, order_by="name", as_list=True)
		prints[doctype] = hashlib.sha256(repr(rows).encode()).hexdigest()
	return prints


def serial_batch_switch(value: int | None = None) -> int | None:
	"""ERPNext 16's Stock Settings switch "Enable Serial / Batch No for Item", set when ``value`` is given
	(its desk default too); None on ERPNext 15, which has none."""
	field = compat.SERIAL_BATCH_SWITCH
	if not field:
		return None
	if value is not None:
		frappe.db.set_single_value("Stock Settings", field, value)
		frappe.db.set_default(field, value)
	return frappe.db.get_single_value("Stock Settings", field)


def forget_hooks():
	"""What a new process would see: Frappe caches the document hooks per process."""
	frappe.flags.in_uninstall = False
	if hasattr(frappe.local, "doc_events_hooks"):
		del frappe.local.doc_events_hooks
	frappe.clear_cache()


class TestInstallRoundTrip(FrappeTestCase):
	def test_uninstall_leaves_erpnext_intact_and_reinstall_adopts_existing_items(self):
		ensure_test_world()
		soup = make_item(st_tracking_mode="Quantity")
		laptop = make_item(st_tracking_mode="Serialized")
		receive(soup.name, 96, rate=1.25)
		receive(laptop.name, 2, rate=800, serials=[f"{laptop.name}-1", f"{laptop.name}-2"])
		frappe.db.commit()
		before = erpnext_fingerprint()
		names = leftovers.app_names()
		job = frappe.db.get_value("Scheduled Job Type", {"method": DAILY_JOB})
		self.assertTrue(job, "Frappe registers the daily job")
		frappe.get_doc(
			{"doctype": "Scheduled Job Log", "scheduled_job_type": job, "status": "Complete"}
		).insert()
		self.assertTrue(frappe.db.exists("Patch Log", {"patch": ("like", f"{APP}.%")}))

		try:
			remove_app(APP, yes=True, no_backup=True)
			forget_hooks()

			self.assert_app_gone()
			# nothing the app registered with Frappe is left: the daily job (the scheduler would run it
			# every day for an app the site no longer has), its log, the patch log, doctypes, reports...
			self.assertEqual(leftovers.leftovers(names), {})
			self.assertFalse(frappe.db.exists("Scheduled Job Log", {"scheduled_job_type": job}))
			self.assertEqual(erpnext_fingerprint(), before)
			self.assertEqual(stock_qty(soup.name), 96)

			# ERPNext alone, while the app is away: a serialized item the classic way.
			legacy = make_item(has_serial_no=1)
			receive(legacy.name, 1, rate=50, serials=[f"{legacy.name}-1"])
			serial_batch_switch(0)  # as on a new ERPNext 16 site: the install turns it on
			frappe.db.commit()
		finally:
			if APP not in frappe.get_installed_apps():
				# The install queues the back-fill of the trail: run here as the worker would, not by
				# a worker that may serve this bench and would write events while later tests do.
				with captured_jobs() as jobs:
					install_app(APP)
					frappe.db.commit()  # as the bench command does
				backfill = [job for job in jobs if job[0] == BACKFILL]
				self.assertEqual(len(backfill), 1, "the install queues the back-fill of the audit trail")
				run_jobs(backfill)
				frappe.db.commit()
			forget_hooks()

		self.assert_app_present()
		self.assertEqual(frappe.db.count("Patch Log", {"patch": ("like", f"{APP}.%")}), patch_count())
		modes = dict(
			frappe.get_all(
				"Item",
				{"name": ("in", [soup.name, laptop.name, legacy.name])},
				["name", "st_tracking_mode"],
				as_list=True,
			)
		)
		self.assertEqual(modes, {soup.name: "Quantity", laptop.name: "Serialized", legacy.name: "Serialized"})
		self.assertEqual(frappe.db.get_value("Item", legacy.name, "st_serial_source"), "Enter or scan")
		self.assertEqual(stock_qty(legacy.name), 1)
		self.assertEqual(serial_batch_switch(), 1 if compat.SERIAL_BATCH_SWITCH else None)  # on (16)

	def test_the_patch_turns_on_erpnext_16s_serial_batch_switch(self):
		from serial_tracking.patches.v0_4 import serial_batch_switch as patch

		if not compat.SERIAL_BATCH_SWITCH:
			patch.execute()  # nothing to do on ERPNext 15
			self.assertIsNone(serial_batch_switch())
			return
		try:
			serial_batch_switch(0)
			patch.execute()
			self.assertEqual(serial_batch_switch(), 1)
			self.assertEqual(frappe.db.get_default(compat.SERIAL_BATCH_SWITCH), "1")
		finally:
			serial_batch_switch(1)

	def test_migrate_hooks_are_idempotent(self):
		after_migrate()
		fields = frappe.get_all("Custom Field", {"module": MODULE}, ["dt", "fieldname"], as_list=True)
		after_migrate()
		self.assertEqual(
			sorted(frappe.get_all("Custom Field", {"module": MODULE}, ["dt", "fieldname"], as_list=True)),
			sorted(fields),
		)
		self.assertEqual(len(fields), sum(len(f) for f in CUSTOM_FIELDS.values()))
		variant_fields = frappe.get_all(
			"Variant Field", {"field_name": ("in", VARIANT_FIELDS)}, pluck="field_name"
		)
		self.assertEqual(sorted(variant_fields), sorted(VARIANT_FIELDS))

	def assert_app_gone(self):
		self.assertNotIn(APP, frappe.get_installed_apps())
		for doctype, fields in CUSTOM_FIELDS.items():
			for field in fields:
				self.assertFalse(
					frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
				)
				self.assertFalse(frappe.db.has_column(doctype, field["fieldname"]), field["fieldname"])
		for setter in PROPERTY_SETTERS:
			self.assertFalse(
				frappe.db.exists(
					"Property Setter", {"doc_type": setter["doctype"], "field_name": setter["fieldname"]}
				)
			)
		self.assertFalse(frappe.db.exists("Variant Field", {"field_name": ("in", VARIANT_FIELDS)}))
		self.assertFalse(frappe.db.exists("Module Def", MODULE))
		self.assertFalse(frappe.db.exists("Workspace", "Serial Tracking"))
		# Frappe 16's sidebar and desktop icons of the app (none on Frappe 15)
		self.assertEqual(compat.desk_entries(APP, ["Serial Tracking"]), [])
		for doctype in ("Number Card", "Dashboard Chart", "Report", "Print Format"):
			self.assertFalse(frappe.get_all(doctype, {"module": MODULE}), doctype)
		self.assertFalse(frappe.get_all("DocType", {"module": MODULE}))
		self.assertEqual(frappe.get_meta("Item").get_field("has_serial_no").read_only, 0)

	def assert_app_present(self):
		self.assertIn(APP, frappe.get_installed_apps())
		self.assertTrue(frappe.db.has_column("Item", "st_tracking_mode"))
		self.assertTrue(frappe.db.exists("Workspace", "Serial Tracking"))
		if compat.FRAPPE_MAJOR >= 16:  # the app's own sidebar, from serial_tracking/workspace_sidebar
			self.assertEqual(frappe.db.get_value("Workspace Sidebar", "Serial Tracking", "app"), APP)
		self.assertEqual(frappe.get_meta("Item").get_field("has_serial_no").read_only, 1)


def patch_count() -> int:
	from frappe.modules.patch_handler import get_patches_from_app

	return len(get_patches_from_app(APP))


def saved_settings() -> dict[str, str | None]:
	"""The settings' rows in tabSingles: a field has one once the settings were saved with it."""
	singles = frappe.qb.DocType("Singles")
	return dict(
		frappe.qb.from_(singles).select(singles.field, singles.value).where(singles.doctype == SETTINGS).run()
	)


def write_settings(rows: dict[str, str | None]) -> None:
	singles = frappe.qb.DocType("Singles")
	frappe.qb.from_(singles).delete().where(singles.doctype == SETTINGS).run()
	for field, value in rows.items():
		frappe.qb.into(singles).columns("doctype", "field", "value").insert(SETTINGS, field, value).run()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	frappe.db.value_cache.pop(SETTINGS, None)


class TestSettingsDefaults(FrappeTestCase):
	def test_migrate_gives_never_saved_settings_their_defaults_and_keeps_saved_ones(self):
		"""A site upgraded from a version without a setting has never saved it (no row in tabSingles);
		Frappe reads a missing Int or Check as 0, which for the background thresholds means "never". The
		migrate gives such fields their default; a value the site saved, 0 included, stays."""
		rows = saved_settings()
		self.addCleanup(write_settings, rows)
		upgraded = {
			field: value
			for field, value in rows.items()
			if field not in ("count_background_threshold", "label_show_maker_serial")
		}
		write_settings({**upgraded, "label_background_threshold": "0", "label_show_qr": "0"})
		self.assertEqual(frappe.db.get_single_value(SETTINGS, "count_background_threshold"), 0)

		after_migrate()

		frappe.db.value_cache.pop(SETTINGS, None)
		value = frappe.db.get_single_value
		self.assertEqual(value(SETTINGS, "count_background_threshold"), 2000, "its default, not 0")
		self.assertEqual(value(SETTINGS, "label_show_maker_serial"), 1, "its default, not 0")
		self.assertEqual(value(SETTINGS, "label_background_threshold"), 0, "saved as 0: kept")
		self.assertEqual(value(SETTINGS, "label_show_qr"), 0, "saved as 0: kept")
		again = saved_settings()
		after_migrate()
		self.assertEqual(saved_settings(), again, "a second migrate changes nothing")
