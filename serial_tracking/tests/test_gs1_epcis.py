"""EPCIS 2.0 exports on a real site, validated against GS1's published JSON schema: one unit's history,
the units of a Delivery Note or Purchase Receipt, a Recall Trace, a manufacture as a TransformationEvent."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api import gs1 as api
from serial_tracking.gs1 import epcis_export
from serial_tracking.tests import epcis_schema
from serial_tracking.tests import factories as f
from serial_tracking.tests.assembly import made, manufacture, parts
from serial_tracking.tests.gs1_helpers import gtin_item, received

SCHEMA = epcis_schema.load()


def downloaded(**selection) -> dict:
	"""The whitelisted export's streamed download, read whole."""
	response = api.export_epcis(**selection)
	assert response.mimetype == "application/ld+json"
	assert "attachment" in response.headers["Content-Disposition"]
	return json.loads(b"".join(response.response))


class TestEPCISExport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def valid(self, document):
		if SCHEMA is None:
			self.fail(epcis_schema.MISSING)
		self.assertEqual(epcis_schema.errors(document, SCHEMA), [])
		return document["epcisBody"]["eventList"]

	def test_a_units_history_receipt_transfer_delivery_and_a_cancelled_one(self):
		item, gtin = gtin_item()
		frappe.db.set_value("Warehouse", f.warehouse(), "st_gln", "4012345000009")
		self.addCleanup(frappe.db.set_value, "Warehouse", f.warehouse(), "st_gln", None)
		units = received(item, 2)
		cancelled = f.delivery_note(item.name, 1, serials=[units[0]])
		cancelled.cancel()
		f.delivery_note(item.name, 1, serials=[units[0]])
		events = self.valid(downloaded(serial_no=units[0]))
		steps = [(e["type"], e["bizStep"], "errorDeclaration" in e) for e in events]
		self.assertEqual(
			steps,
			[
				("ObjectEvent", "receiving", False),
				("ObjectEvent", "shipping", True),
				("ObjectEvent", "shipping", False),
			],
		)
		receipt = events[0]
		self.assertEqual(receipt["epcList"], [f"{frappe.utils.get_url()}/01/{gtin}/21/{units[0]}"])
		self.assertEqual(receipt["bizLocation"]["id"].rsplit("/", 2)[-2:], ["414", "4012345000009"])
		self.assertEqual(receipt["bizTransactionList"][0]["type"], "recadv")
		self.assertEqual(events[2]["bizTransactionList"][0]["type"], "desadv")

	def test_the_units_of_a_purchase_receipt_and_of_a_delivery_note(self):
		item, _gtin = gtin_item()
		receipt = f.purchase_receipt(item.name, 3)
		units = epcis_export.voucher_units("Purchase Receipt", receipt.name)
		delivery = f.delivery_note(item.name, 2, serials=units[:2])
		events = self.valid(downloaded(voucher_type="Purchase Receipt", voucher_no=receipt.name))
		self.assertEqual(len(events[0]["epcList"]), 3)
		events = self.valid(downloaded(voucher_type="Delivery Note", voucher_no=delivery.name))
		shipped = [e for e in events if e["bizStep"] == "shipping"]
		self.assertEqual(len(shipped[0]["epcList"]), 2)

	def test_a_recall_trace_and_a_manufacture(self):
		board, boards = parts([100, 110])
		kit, _gtin = gtin_item()
		entry = manufacture(kit.name, 1, [(board, boards)])
		[product] = made(entry)
		events = self.valid(
			downloaded(recall_filters=json.dumps({"serial_no": boards[0], "through_components": 1}))
		)
		[transformation] = [e for e in events if e["type"] == "TransformationEvent"]
		self.assertEqual(len(transformation["inputEPCList"]), 2)
		self.assertTrue(transformation["outputEPCList"][0].endswith(product))

	def test_refusals(self):
		from serial_tracking.tests import refusals

		refusals.refused(self, frappe.ValidationError, lambda: api.export_epcis(), "Choose a unit")
		refusals.refused(
			self,
			frappe.ValidationError,
			lambda: api.export_epcis(voucher_type="Sales Order", voucher_no="X"),
			"must be one of",
		)
		item, _gtin = gtin_item()
		[unit] = received(item)
		frappe.set_user("Guest")
		self.addCleanup(frappe.set_user, "Administrator")
		with self.assertRaises(frappe.PermissionError):
			api.export_epcis(serial_no=unit)
