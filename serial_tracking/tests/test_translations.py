"""German, end to end, on Frappe 15 and 16 alike: the app's strings in locale/main.pot (Frappe's own
extraction), every one translated in locale/de.po, compiled by Frappe (bench build or
compile-po-to-mo) and shown to a user whose language is German: a refusal, a report's columns and the
desk's labels."""

import re

import frappe
from frappe.gettext.translate import get_catalog, get_mo_path, get_po_path
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache, get_all_translations

from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.serial_tracking.report.serial_integrity_check.serial_integrity_check import columns
from serial_tracking.tests import factories as f

APP = "serial_tracking"
GERMAN_USER = "st-german@example.com"
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def german_user() -> str:
	if not frappe.db.exists("User", GERMAN_USER):
		user = frappe.get_doc(
			{"doctype": "User", "email": GERMAN_USER, "first_name": "ST Deutsch", "send_welcome_email": 0}
		)
		user.insert(ignore_permissions=True)
		user.add_roles("Stock Manager", "Item Manager")
	frappe.db.set_value("User", GERMAN_USER, "language", "de")
	return GERMAN_USER


class TestGermanTranslation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		clear_cache()
		frappe.set_user_lang(german_user())
		self.addCleanup(self.back_to_english)

	def back_to_english(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def test_every_string_of_the_pot_has_its_german_with_the_same_placeholders(self):
		pot, german = get_catalog(APP), get_catalog(APP, "de")
		missing, broken = [], []
		for message in pot:
			if not message.id:
				continue
			found = german.get(message.id, message.context)
			if not (found and found.string):
				missing.append(message.id)
			elif sorted(PLACEHOLDER.findall(found.string)) != sorted(PLACEHOLDER.findall(message.id)):
				broken.append((message.id, found.string))
		self.assertGreater(len(pot), 300)
		self.assertEqual(missing, [], "strings of main.pot without German in de.po")
		self.assertEqual(broken, [], "German whose placeholders differ from the English")

	def test_de_po_is_compiled_where_frappe_reads_it(self):
		mo, po = get_mo_path(APP, "de"), get_po_path(APP, "de")
		self.assertTrue(
			mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime,
			f"{mo} missing or older than {po}: bench build --app {APP} (or compile-po-to-mo) compiles it",
		)

	def test_a_german_user_reads_refusals_reports_and_the_desk_in_german(self):
		self.assertEqual(frappe.local.lang, "de")
		item = f.make_item(
			st_tracking_mode="Serialized",
			st_serial_source="Generate when left blank",
			st_series_template="{ITEM}-{#####}",
			stock_uom="Kg",
		)
		with self.assertRaises(SerialTrackingError) as refused:
			f.purchase_receipt(item.name, 2.5)
		frappe.db.rollback()
		self.assertIn(
			f"{item.name} wird als serialisierte Einheiten verfolgt, daher muss seine Menge eine ganze Zahl sein",
			frappe.utils.strip_html(str(refused.exception)),
		)
		labels = [column["label"] for column in columns()]
		self.assertIn("Probleme", labels)
		self.assertIn("Lager laut Lagerbuch", labels)
		# what the desk receives for __() and doctype labels
		desk = get_all_translations("de")
		self.assertEqual(desk.get("Serial Tracking"), "Serienverfolgung")
		self.assertEqual(desk.get("Tracking Mode"), "Verfolgungsart")
		# options of the item's Select and the workspace chart's statuses (issue 30)
		self.assertEqual(desk.get("Generate when left blank"), "Erzeugen, wenn leer gelassen")
		self.assertEqual(desk.get("In Stock"), "Auf Lager")
		from serial_tracking.api.dashboard import units_by_status

		self.assertIn("Auf Lager", units_by_status()["labels"])
