"""GS1 codes on every scan path: ERPNext's barcode field (the app's override), maker serials at receipt,
Unit Count scans; every read form and every refusal."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.scan import scan_barcode
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import count_helpers as ch
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.gs1_helpers import GS, element_string, gtin_item, new_gtin, received


class TestGS1Scans(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def refused(self, call, *words):
		return refusals.refused(self, SerialTrackingError, call, *words)

	def test_every_read_form_finds_the_unit(self):
		item, gtin = gtin_item()
		[unit] = received(item, makers=["MK-77"])
		forms = [
			element_string(gtin, unit, lot="L1", expiry="281231"),  # ]d2 GS1 DataMatrix
			element_string(gtin, unit, symbology="]C1"),  # GS1-128
			element_string(gtin, unit, symbology="]Q3"),  # GS1 QR
			element_string(gtin, unit, lot="L1", symbology=""),  # no symbology identifier, FNC1 as GS
			f"{GS}01{gtin}21{unit}",  # a leading FNC1 some scanners send
			f"(01){gtin}(21){unit}",  # human-readable
			f"https://any.host.example/01/{gtin}/21/{unit}?17=281231",  # Digital Link on any host
			f"01{gtin}21{unit}",  # bare element string, no marker at all
			element_string(gtin, "MK-77"),  # (21) the maker's serial
		]
		for text in forms:
			found = scan_barcode(text)
			self.assertEqual((found["serial_no"], found["item_code"]), (unit, item.name), text)
			self.assertEqual(found["st_gs1"]["gtin"], gtin)
		self.assertEqual(scan_barcode(unit)["serial_no"], unit)  # plain serials as before

	def test_a_real_manufacturer_datamatrix_string(self):
		"""A medical device's UDI as a wedge scanner types it: (01)(11)(17)(10)(21)."""
		item, gtin = gtin_item()
		[unit] = received(item, makers=["SN-000173"])
		text = f"]d201{gtin}1125030117280331" + f"1021A0457{GS}21SN-000173"
		found = scan_barcode(text)
		self.assertEqual((found["serial_no"], found["item_code"]), (unit, item.name))
		gs1 = found["st_gs1"]
		self.assertEqual(
			(gs1["lot"], gs1["production_date"], gs1["expiry_date"]),
			("21A0457", date(2025, 3, 1), date(2028, 3, 31)),
		)

	def test_gtin_finds_the_item_through_upc_and_gtin14_barcodes(self):
		upc_payload = "4" + new_gtin()[2:12]
		from serial_tracking.gs1.core import identifiers

		upc = upc_payload + identifiers.check_digit(upc_payload)
		item, gtin = gtin_item(upc, barcode_type="UPC-A")
		self.assertEqual(gtin, "00" + upc)
		found = scan_barcode(f"(01){gtin}(21)NEW-1")
		self.assertEqual(found["item_code"], item.name)
		self.assertIsNone(found.get("serial_no"))  # a unit not on the site yet: the item, as at receipt
		self.assertEqual(found["st_gs1"]["serial"], "NEW-1")

	def test_the_gtin_disambiguates_a_maker_serial_two_items_share(self):
		first, gtin1 = gtin_item()
		second, gtin2 = gtin_item()
		[unit1] = received(first, makers=["SHARED-GS1"])
		[unit2] = received(second, makers=["SHARED-GS1"])
		self.assertEqual(scan_barcode(element_string(gtin1, "SHARED-GS1"))["serial_no"], unit1)
		self.assertEqual(scan_barcode(element_string(gtin2, "SHARED-GS1"))["serial_no"], unit2)

	def test_refusals_change_nothing(self):
		item, gtin = gtin_item()
		[unit] = received(item)
		wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
		self.refused(lambda: scan_barcode(element_string(wrong, unit)), "wrong check digit", wrong)
		self.refused(lambda: scan_barcode(element_string(new_gtin().zfill(14), unit)), "No item has the GTIN")
		self.refused(lambda: scan_barcode(f"]d201{gtin[:9]}"), "cut short")
		self.refused(lambda: scan_barcode(f"]d201{gtin}17281341{GS}21{unit}"), "impossible date")

	def test_a_refusal_reads_in_german(self):
		from frappe.translate import clear_cache

		from serial_tracking.tests.test_translations import german_user

		_item, gtin = gtin_item()
		wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
		clear_cache()
		frappe.set_user_lang(german_user())
		self.addCleanup(setattr, frappe.local, "lang", "en")
		message = self.refused(lambda: scan_barcode(element_string(wrong, "X")))
		self.assertIn("Prüfziffer", message)

	def test_receipt_fills_maker_serial_lot_and_dates(self):
		item, gtin = gtin_item()
		codes = [
			element_string(gtin, "DEV-1", lot="LOT-A", expiry="290630", made="250115"),
			f"(01){gtin}(21)DEV-2(10)LOT-B",
			f"https://id.example.com/01/{gtin}/21/DEV-3?17=300101",
		]
		receipt = f.purchase_receipt(item.name, 3, makers=codes)
		row = receipt.items[0]
		self.assertEqual(row.st_maker_serials.split("\n"), ["DEV-1", "DEV-2", "DEV-3"])
		self.assertEqual(len(row.st_gs1_codes.split("\n")), 3)
		units = frappe.get_all(
			"Serial No",
			{"item_code": item.name},
			["st_maker_serial", "st_gs1_lot", "st_production_date", "st_expiry_date"],
			order_by="st_maker_serial",
		)
		got = [(u.st_maker_serial, u.st_gs1_lot, u.st_production_date, u.st_expiry_date) for u in units]
		self.assertEqual(
			got,
			[
				("DEV-1", "LOT-A", date(2025, 1, 15), date(2029, 6, 30)),
				("DEV-2", "LOT-B", None, None),
				("DEV-3", None, None, date(2030, 1, 1)),
			],
		)

	def test_receipt_refuses_another_items_gtin_and_a_code_without_serial(self):
		item, _gtin = gtin_item()
		other, other_gtin = gtin_item()
		self.refused(
			lambda: f.purchase_receipt(item.name, 1, makers=[element_string(other_gtin, "X1")]),
			f"is of item {other.name}, not of item {item.name}",
		)
		self.refused(lambda: f.purchase_receipt(item.name, 1, makers=[f"(01){_gtin}"]), "carries no serial")
		self.assertEqual(f.stock_qty(item.name), 0)

	def test_unit_count_reads_gs1(self):
		wh = ch.place("GS1")
		item, gtin = gtin_item(st_serial_source="Enter or scan")
		_item, serials = ch.units(2, wh, item=item.name, makers=["CNT-MK-1", "CNT-MK-2"])
		count = ch.start(wh)
		first = ch.scan(count, element_string(gtin, serials[0], lot="L"))
		self.assertEqual((first["verdict"], first["serial_no"]), ("Expected", serials[0]))
		second = ch.scan(count, f"https://r.example/01/{gtin}/21/CNT-MK-2")
		self.assertEqual((second["verdict"], second["serial_no"]), ("Expected", serials[1]))
		again = ch.scan(count, f"(01){gtin}(21){serials[0]}")
		self.assertEqual(again["verdict"], "Already Scanned")
		unknown = ch.scan(count, element_string(gtin, "NEVER-SEEN"))
		self.assertEqual((unknown["verdict"], unknown["code"]), ("Unknown", "NEVER-SEEN"))
		ch.refused(self, lambda: ch.scan(count, f"(01){gtin}"), "is the barcode of item")
		wrong = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
		ch.refused(self, lambda: ch.scan(count, element_string(wrong, serials[0])), "wrong check digit")
