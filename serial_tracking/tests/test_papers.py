"""The customer's papers, printed with ERPNext's standard print formats (rendered to HTML, and to the PDF an
e-mail attaches): each line of a Delivery Note, Sales Invoice (with or without stock), POS receipt and
Packing Slip shows its serials compactly, a Product Bundle's line the units of its packed items, the
makers' serials where the company chooses, all in the print's language; a Warranty Claim its unit's maker
serial; and the Jinja method for custom formats."""

import functools
import http.server
import os
import socketserver
import threading
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils import nowdate

from erpnext.stock.doctype.delivery_note.delivery_note import make_packing_slip, make_sales_invoice

from serial_tracking.platform import compat
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.test_flow_pos import (
	open_session,
	pos_invoice,
)
from serial_tracking.tests.trail import serialized_item

MAKERS = [f"MK-{n:04d}" for n in range(1, 12)]


def printed(doctype: str, name: str, print_format: str | None = None) -> str:
	return frappe.get_print(doctype, name, print_format=print_format)


@contextmanager
def site_served():
	"""The site's assets over HTTP for wkhtmltopdf (the bench tier serves no site): its sites folder on a
	port of its own, named as the site's host."""
	handler = functools.partial(Quiet, directory=os.path.abspath(frappe.get_site_path("..")))
	server = socketserver.TCPServer(("127.0.0.1", 0), handler)
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		with patch.dict(frappe.local.conf, {"host_name": f"http://127.0.0.1:{server.server_address[1]}"}):
			yield
	finally:
		server.shutdown()
		server.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
	def log_message(self, *args):
		pass


def makers_on_papers(on: bool) -> None:
	frappe.db.set_value("Company", f.COMPANY, "st_maker_serials_on_papers", int(on))
	frappe.clear_cache(doctype="Company")


class TestPapers(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world()

	def tearDown(self):
		makers_on_papers(False)

	def units(self, count: int = 10):
		item = serialized_item()
		f.purchase_receipt(item.name, count, rate=50, makers=MAKERS[:count])
		return item.name, f.serials_of(item.name)

	def test_a_delivery_note_and_its_invoice_print_their_serials_compactly(self):
		item, serials = self.units(11)
		chosen = [*serials[:9], serials[10]]  # nine in a row, and one more
		note = f.delivery_note(item, 10, serials=chosen)
		ranges = f"{serials[0]} .. 0009 (9), {serials[10]}"
		html = printed("Delivery Note", note.name)
		self.assertIn(ranges, html)
		self.assertNotIn("MK-0001", html, "makers' serials only where the company chooses")

		makers_on_papers(True)
		html = printed("Delivery Note", note.name)
		self.assertIn("Maker serials: MK-0001 .. 0009 (9), MK-0011", html)
		with print_language("de"):
			german = printed("Delivery Note", note.name)
		self.assertIn("Hersteller-Seriennummern: MK-0001 .. 0009 (9), MK-0011", german)
		self.assertIn("Seriennummern", german, "the column's label too")

		# The PDF an e-mail attaches (its styles fetched from the site, served here from the bench's files).
		import fitz

		with site_served():
			attached = frappe.attach_print("Delivery Note", note.name, print_letterhead=False)
		self.assertTrue(attached["fname"].endswith(".pdf"))
		pdf = fitz.open(stream=attached["fcontent"], filetype="pdf")
		text = "".join("".join(page.get_text().split()) for page in pdf)  # the column wraps its lines
		self.assertIn(f"{serials[0]}..0009(9)", text)
		self.assertIn("MK-0001..0009(9),MK-0011", text)

		# Its invoice (no stock moved by it): the delivery line's units.
		invoice = make_sales_invoice(note.name)
		invoice.insert()
		invoice.submit()
		self.assertIn(f"{serials[0]} .. 0009 (9)", printed("Sales Invoice", invoice.name))

		# The Jinja method for custom formats.
		rendered = frappe.render_template("{{ serials_of_line(doc.items[0], doc) }}", {"doc": note})
		self.assertEqual(rendered, f"{ranges}\nMaker serials: MK-0001 .. 0009 (9), MK-0011")

	def test_an_invoice_that_moves_stock_and_a_packing_slip(self):
		item, serials = self.units(4)
		invoice = f.sales_invoice(item, 4, serials=serials)
		self.assertIn(f"{serials[0]} .. 0004 (4)", printed("Sales Invoice", invoice.name))

		item, serials = self.units(3)
		note = f.delivery_note(item, 3, serials=serials, submit=False)
		slip = make_packing_slip(note.name)
		slip.from_case_no = 1
		slip.insert()
		slip.submit()
		self.assertEqual(slip.items[0].st_serials, f"{serials[0]} .. 0003 (3)")
		self.assertIn(f"{serials[0]} .. 0003 (3)", printed("Packing Slip", slip.name))

	def test_a_product_bundles_line_shows_its_packed_items_units(self):
		drill, drills = self.units(2)
		battery, batteries = self.units(2)
		kit = f.make_item(is_stock_item=0).name
		frappe.get_doc(
			{
				"doctype": "Product Bundle",
				"new_item_code": kit,
				"items": [{"item_code": drill, "qty": 1}, {"item_code": battery, "qty": 2}],
			}
		).insert()
		note = f.delivery_note(kit, 1, submit=False)
		for packed in note.packed_items:
			packed.use_serial_batch_fields = 1
			packed.serial_no = "\n".join(drills[:1] if packed.item_code == drill else batteries)
		note.save()
		note.submit()
		html = printed("Delivery Note", note.name)
		self.assertIn(f"{drill}: {drills[0]}", html)
		self.assertIn(f"{battery}: {batteries[0]}, {batteries[1]}", html)
		self.assertEqual(
			frappe.db.get_value("Delivery Note Item", {"parent": note.name}, "st_serials"),
			f"{drill}: {drills[0]}\n{battery}: {batteries[0]}, {batteries[1]}",
		)

	def test_erpnext_16s_own_formats_print_the_serials_under_each_item_name(self):
		"""ERPNext 16's fixed-column formats (its default "... with Item Image", and "... Standard") print no
		Serials column: the serials go under the line's item name. Frappe's generated Standard format prints
		them once, in their column (ERPNext 15's default)."""
		item, serials = self.units(3)
		note = f.delivery_note(item, 3, serials=serials)
		units = f"{serials[0]} .. 0003 (3)"
		standard = printed("Delivery Note", note.name, print_format="Standard")
		self.assertEqual(standard.count(units), 1)
		self.assertNotIn(f"Serials: {units}", standard)
		self.assertFalse(compat.prints_fixed_columns(), "outside a print")
		for name in compat.FIXED_COLUMN_PRINT_FORMATS:
			print_format = frappe.get_doc("Print Format", name)
			self.assertIn("{{ item.item_name }}", print_format.html, f"{name} prints the line's item name")
			if print_format.doc_type == "Delivery Note":
				html = printed("Delivery Note", note.name, print_format=name)
				self.assertIn(f"Serials: {units}</small>", html, name)
				with print_language("de"):
					german = printed("Delivery Note", note.name, print_format=name)
				self.assertIn(f"Seriennummern: {units}", german, name)
		if compat.ERPNEXT_MAJOR >= 16:
			self.assertIn("Delivery Note with Item Image", compat.FIXED_COLUMN_PRINT_FORMATS)

	def test_a_warranty_claim_prints_its_units_maker_serial_where_chosen(self):
		item, serials = self.units(1)
		f.delivery_note(item, 1, serials=serials)
		claim = frappe.get_doc("Warranty Claim", h.claim(serials[0]))
		self.assertIsNone(claim.st_maker_serial)
		self.assertIn(serials[0], printed("Warranty Claim", claim.name))
		makers_on_papers(True)
		claim.save()
		self.assertEqual(claim.st_maker_serial, "MK-0001")
		self.assertIn("MK-0001", printed("Warranty Claim", claim.name))


class TestPOSReceipt(h.AtTheTill, FrappeTestCase):
	def test_the_pos_receipt_prints_the_serials_compactly(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 3, rate=50)
		serials = f.serials_of(item.name)
		opening = open_session()
		try:
			invoice = pos_invoice(item.name, serials, rate=80)
			html = printed("POS Invoice", invoice.name, print_format="POS Invoice")
			self.assertIn(f"{serials[0]} .. 0003 (3)", html)
			self.assertEqual(
				frappe.db.get_value("POS Invoice Item", {"parent": invoice.name}, "serial_no") or "", ""
			)
			invoice.cancel()
		finally:
			opening.reload()
			opening.cancel()
		self.assertTrue(nowdate())
