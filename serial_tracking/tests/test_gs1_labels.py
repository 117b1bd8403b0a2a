"""GS1 labels round trip: each label choice rendered into the sheet PDF, decoded with zxing-cpp, read by
the GS1 reader (the desk's scan), and back to the same item and unit."""

import numpy
import zxingcpp

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.scan import scan_barcode
from serial_tracking.gs1 import labels as gs1_labels
from serial_tracking.gs1.core import symbols
from serial_tracking.tests import factories as f
from serial_tracking.tests.gs1_helpers import gtin_item, received
from serial_tracking.tests.test_maker_serials_and_labels import decode_pdf


def set_settings(**values):
	settings = frappe.get_doc("Serial Tracking Settings")
	settings.update(values)
	settings.save()


class TestGS1Labels(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		before = frappe.get_doc("Serial Tracking Settings")
		keep = {k: before.get(k) for k in ("label_symbology", "gs1_company_prefix", "gs1_resolver_host")}
		self.addCleanup(set_settings, **keep)

	def decoded(self, units):
		"""(format, text, symbology identifier, GS1 flag) of every symbol on every page."""
		return decode_pdf(gs1_labels.sheet_pdf(units), details=True)

	def test_each_gs1_symbology_round_trips_to_the_unit(self):
		item, gtin = gtin_item()
		units = received(item, 2)
		frappe.db.set_value("Serial No", units[0], {"st_gs1_lot": "LOT-9", "st_expiry_date": "2029-12-31"})
		expected = {
			symbols.DATAMATRIX: ("DataMatrix", "]d2"),
			symbols.GS1_128: ("Code128", "]C1"),
			symbols.DIGITAL_LINK_QR: ("QRCode", "]Q1"),
		}
		for kind, (symbology, identifier) in expected.items():
			set_settings(label_symbology=kind, gs1_resolver_host="https://id.example.com")
			pages = self.decoded(units)
			self.assertEqual(len(pages), 2, kind)
			for unit, found in zip(units, pages, strict=True):
				[(fmt, text, symbology_id, gs1)] = [r for r in found if r[0] == symbology]
				self.assertEqual(
					(fmt, symbology_id, gs1), (symbology, identifier, kind != symbols.DIGITAL_LINK_QR), kind
				)
				answer = scan_barcode(text)
				self.assertEqual((answer["serial_no"], answer["item_code"]), (unit, item.name), (kind, text))
			if kind == symbols.DIGITAL_LINK_QR:
				self.assertTrue(pages[0][0][1].startswith(f"https://id.example.com/01/{gtin}/21/"))
			if kind == symbols.DATAMATRIX:
				text = next(r[1] for r in pages[0])
				self.assertIn("(10)LOT-9", text)
				self.assertIn("(17)291231", text)

	def test_a_datamatrix_is_square_ecc200_whatever_the_length_of_its_data(self):
		"""zxing-cpp left to itself draws the smallest symbol of any shape: by the length of the serial a
		rectangle, or an extended rectangle (DMRE, ISO/IEC 21471) that reads as ]d8 and that many scanners
		do not read. A label's DataMatrix is square, GS1 ones read as ]d2 (FNC1 in first position)."""
		gtin = "09506000134352"
		for length in range(1, 21):
			serial = "S" * length
			for unit, gs1 in (
				(symbols.Unit(serial, gtin), True),
				(symbols.Unit(serial, gtin, "LOT-9", expiry_date=frappe.utils.getdate("2029-12-31")), True),
				(symbols.Unit(serial), True),  # (8004) GIAI
				(symbols.Unit(serial), False),  # a plain symbol: the unit's page
			):
				symbol = symbols.label_symbol(
					symbols.DATAMATRIX,
					unit,
					company_prefix="4012345" if gs1 else None,
					resolver=None,
					unit_url=f"https://erp.example.com/app/serial-no/{serial}",
				)
				pixels = numpy.array(zxingcpp.write_barcode_to_image(gs1_labels.barcode(symbol), scale=4))
				[found] = zxingcpp.read_barcodes(pixels)
				self.assertEqual(pixels.shape[0], pixels.shape[1], symbol)
				self.assertEqual(
					(found.format.name, found.symbology_identifier, found.text),
					("DataMatrix", "]d2" if gs1 else "]d1", symbol.hri),
					symbol,
				)

	def test_items_without_gtin_carry_a_giai_or_the_units_page(self):
		item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{#####}")
		[unit] = received(item)
		set_settings(label_symbology=symbols.DATAMATRIX, gs1_company_prefix="4012345")
		[[(fmt, text, _id, gs1)]] = self.decoded([unit])
		self.assertEqual((fmt, text, gs1), ("DataMatrix", f"(8004)4012345{unit}", True))
		self.assertEqual(scan_barcode(text)["serial_no"], unit)
		set_settings(label_symbology=symbols.DIGITAL_LINK_QR, gs1_company_prefix="")
		[[(fmt, text, _id, gs1)]] = self.decoded([unit])
		self.assertEqual((fmt, gs1), ("QRCode", False))
		self.assertTrue(text.endswith(f"/serial-no/{unit}"), text)

	def test_settings_refuse_a_prefix_or_host_that_cannot_work(self):
		from serial_tracking.platform.messages import SerialTrackingError
		from serial_tracking.tests import refusals

		refusals.refused(
			self, SerialTrackingError, lambda: set_settings(gs1_company_prefix="12"), "4 to 12 digits"
		)
		refusals.refused(
			self,
			SerialTrackingError,
			lambda: set_settings(gs1_resolver_host="id.example.com/x"),
			"scheme and host",
		)
