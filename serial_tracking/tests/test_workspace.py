"""The desk's way into the app on Frappe 15 and 16: the workspace's number cards count what they say,
Frappe 16's sidebar of the app links only to what exists, and the apps screen entry routes to the
workspace on the running desk."""

import json
from pathlib import Path

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase

from serial_tracking.install import MODULE
from serial_tracking.platform import compat

SIDEBAR = Path(frappe.get_app_path("serial_tracking", "workspace_sidebar", "serial_tracking.json"))


class TestWorkspace(FrappeTestCase):
	def test_number_cards_count_with_their_filters(self):
		"""Frappe 16's desk drops a whole filter written with the 5th "false" element Frappe once wrote
		(dashboard_utils.cleanup_filters), so a card would count every record: the app writes 4."""
		cards = frappe.get_all("Number Card", {"module": MODULE, "type": "Document Type"}, pluck="name")
		self.assertTrue(cards)
		for name in cards:
			card = frappe.get_doc("Number Card", name)
			filters = json.loads(card.filters_json or "[]")
			self.assertTrue(all(len(f) == 4 for f in filters), f"{name}: {card.filters_json}")
			self.assertEqual(
				get_result(card.as_dict(), card.filters_json),
				frappe.db.count(card.document_type, [f[1:] for f in filters]),
				name,
			)

	def test_sidebar_links_only_to_what_exists(self):
		items = json.loads(SIDEBAR.read_text())["items"]
		links = [(i["link_type"], i["link_to"]) for i in items if i["type"] == "Link"]
		if compat.FRAPPE_MAJOR < 16:  # Frappe 15 has no sidebars; ERPNext 15 lacks one of the reports
			links = [link for link in links if link != ("Report", "Serial No and Batch Traceability")]
		for link_type, link_to in links:
			self.assertTrue(frappe.db.exists(link_type, link_to), f"{link_type} {link_to}")

	def test_apps_screen_entry_routes_to_the_workspace_on_the_running_desk(self):
		[entry] = frappe.get_hooks("add_to_apps_screen", app_name="serial_tracking")
		self.assertEqual(entry["route"], f"{compat.DESK}/serial-tracking")
		logo = entry["logo"].removeprefix("/assets/serial_tracking/")
		self.assertTrue(Path(frappe.get_app_path("serial_tracking", "public", logo)).is_file(), logo)
		self.assertTrue(frappe.get_attr(entry["has_permission"])())
