import numpy
import pymupdf
import zxingcpp

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.scan import scan_barcode
from serial_tracking.platform import compat
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.series import labels
from serial_tracking.tests import factories as f


def generating_item():
	return f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{#####}")


class TestMakerSerials(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def maker(self, unit):
		return frappe.db.get_value("Serial No", unit, "st_maker_serial")

	def test_maker_serials_pair_with_generated_units_in_order(self):
		item = generating_item()
		f.purchase_receipt(item.name, 3, makers=["MK-1", "MK-2", "MK-3"])
		units = f.serials_of(item.name)
		self.assertEqual([self.maker(u) for u in units], ["MK-1", "MK-2", "MK-3"])

	def test_maker_serials_pair_with_entered_serials(self):
		item = generating_item()
		f.purchase_receipt(item.name, 2, serials=[f"{item.name}-A", f"{item.name}-B"], makers=["MA", "MB"])
		self.assertEqual(self.maker(f"{item.name}-B"), "MB")

	def test_maker_serial_on_hand_is_refused_naming_unit_and_warehouse(self):
		item = generating_item()
		f.purchase_receipt(item.name, 1, makers=["DUP-1"])
		[unit] = f.serials_of(item.name)
		with self.assertRaises(SerialTrackingError) as refused:
			f.purchase_receipt(item.name, 1, makers=["DUP-1"], wh=f.warehouse("Shop"))
		message = frappe.utils.strip_html(str(refused.exception))
		self.assertIn(f"is already on hand as unit {unit} in {f.warehouse()}", message)
		self.assertEqual(f.stock_qty(item.name), 1)

	def test_same_maker_serial_on_another_item_is_fine(self):
		first, second = generating_item(), generating_item()
		f.purchase_receipt(first.name, 1, makers=["SHARED-9"])
		f.purchase_receipt(second.name, 1, makers=["SHARED-9"])
		self.assertEqual(f.stock_qty(second.name), 1)

	def test_maker_serial_can_come_back_once_the_unit_left_stock(self):
		item = generating_item()
		f.purchase_receipt(item.name, 1, makers=["BACK-1"])
		[unit] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[unit])
		f.purchase_receipt(item.name, 1, makers=["BACK-1"])
		self.assertEqual(len(f.serials_of(item.name)), 1)

	def test_duplicate_maker_serial_in_one_receipt(self):
		item = generating_item()
		with self.assertRaises(SerialTrackingError) as refused:
			f.purchase_receipt(item.name, 2, makers=["TWICE", "TWICE"])
		self.assertIn("appears twice", str(refused.exception))

	def test_wrong_number_of_maker_serials(self):
		item = generating_item()
		with self.assertRaises(SerialTrackingError) as refused:
			f.purchase_receipt(item.name, 3, makers=["ONLY-ONE"])
		self.assertIn("maker serials for", frappe.utils.strip_html(str(refused.exception)))

	def test_scanning_a_maker_serial_finds_the_unit(self):
		item = generating_item()
		f.purchase_receipt(item.name, 1, makers=[f"SCAN-{item.name}"])
		[unit] = f.serials_of(item.name)
		found = scan_barcode(f"SCAN-{item.name}")
		self.assertEqual(
			(found["serial_no"], found["item_code"], found["has_serial_no"]), (unit, item.name, 1)
		)
		self.assertEqual(scan_barcode(unit)["serial_no"], unit)  # the internal serial, as ERPNext scans it
		self.assertEqual(scan_barcode("NO-SUCH-THING-42"), {})

	def test_scan_takes_the_forms_context_as_the_desk_sends_it(self):
		"""ERPNext 16's barcode scanner sends the form's company and warehouse (``ctx``, as JSON); the
		override passes it on, so a maker serial gets the default warehouse a serial scan gets."""
		item = generating_item()
		f.purchase_receipt(item.name, 1, makers=[f"CTX-{item.name}"])
		[unit] = f.serials_of(item.name)
		ctx = frappe.as_json({"company": f.COMPANY, "set_warehouse": f.warehouse()})
		found = scan_barcode(f"CTX-{item.name}", ctx=ctx)
		self.assertEqual(found["serial_no"], unit)
		self.assertEqual(found, scan_barcode(unit, ctx=ctx))  # answered as ERPNext answers the serial
		if compat.SCAN_TAKES_CONTEXT:
			self.assertEqual(found["default_warehouse"], f.warehouse())


def decode_pdf(pdf: bytes, details: bool = False) -> list[set[str]]:
	"""Every barcode each page of ``pdf`` carries, read back from a 600 dpi raster of the page;
	``details``: with the symbology identifier and GS1 flag, as a list in reading order."""
	pages = []
	with pymupdf.open(stream=pdf, filetype="pdf") as document:
		for page in document:
			pixmap = page.get_pixmap(dpi=600, colorspace=pymupdf.csGRAY)
			image = numpy.frombuffer(pixmap.samples, dtype=numpy.uint8).reshape(pixmap.height, pixmap.width)
			found = zxingcpp.read_barcodes(image)
			if details:
				pages.append([(r.format.name, r.text, r.symbology_identifier, is_gs1(r)) for r in found])
			else:
				pages.append({(r.format.name, r.text) for r in found})
	return pages


def is_gs1(result) -> bool:
	return result.content_type == zxingcpp.ContentType.GS1


class TestLabels(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_receipt_label_sheet_is_one_pdf_whose_barcodes_scan(self):
		item = generating_item()
		receipt = f.purchase_receipt(item.name, 3)
		units = labels.voucher_serials("Purchase Receipt", receipt.name)
		self.assertEqual(units, f.serials_of(item.name))
		frappe.db.set_value("Serial No", units[0], "st_maker_serial", "LBL-MAKER-1")
		pages = decode_pdf(labels.sheet_pdf(units))
		self.assertEqual(len(pages), 3, "one page per label")
		for unit, found in zip(units, pages, strict=True):
			self.assertIn(("Code128", unit), found)
			self.assertIn(("QRCode", unit), found)
		self.assertIn(("Code128", "LBL-MAKER-1"), pages[0])

	def test_label_size_is_configurable(self):
		item = generating_item()
		f.purchase_receipt(item.name, 1)
		before = frappe.get_doc("Serial Tracking Settings")
		size = (before.label_width_mm, before.label_height_mm)
		self.addCleanup(set_label_size, *size)
		set_label_size(100, 50)
		with pymupdf.open(stream=labels.sheet_pdf(f.serials_of(item.name)), filetype="pdf") as document:
			width_mm = document[0].rect.width / 72 * 25.4
			height_mm = document[0].rect.height / 72 * 25.4
		self.assertAlmostEqual(width_mm, 100, delta=1)
		self.assertAlmostEqual(height_mm, 50, delta=1)

	def test_print_format_renders_a_unit(self):
		item = generating_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		html = frappe.get_print("Serial No", unit, print_format="Serial Label")
		self.assertIn(unit, html)
		self.assertIn("data:image/png;base64", html)


def set_label_size(width, height):
	settings = frappe.get_doc("Serial Tracking Settings")
	settings.label_width_mm, settings.label_height_mm = width, height
	settings.save()
