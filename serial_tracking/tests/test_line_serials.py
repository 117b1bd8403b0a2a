"""A submitted voucher shows its serials on each line (issue 30, item 8): ``st_serials`` holds the line's
units as a short text (consecutive serials as a range, core.serial_ranges) and their makers' serials,
written once at submit for receipts, deliveries and stock entries alike, kept at cancel, and filled by
the upgrade for vouchers submitted before."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.patches.v0_5 import line_serials as patch
from serial_tracking.series import line_serials
from serial_tracking.series.core.serial_ranges import expand
from serial_tracking.tests import factories as f

FIELD = "st_serials"


def line_text(doctype: str, name: str) -> str:
	return frappe.db.get_value(f"{doctype} Item", {"parent": name}, FIELD)


class TestLineSerials(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		self.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name

	def test_a_receipt_line_shows_its_generated_serials_and_the_makers(self):
		makers = [f"MK-{n:03d}" for n in range(1, 5)]
		receipt = f.purchase_receipt(self.item, 4, makers=makers)
		text = line_text("Purchase Receipt", receipt.name)
		self.assertEqual(text, f"{self.item}-001 .. 004 (4)\nMaker: MK-001 .. 004 (4)")
		serials, _makers = text.split("\n")
		self.assertEqual(expand(serials), f.serials_of(self.item))
		self.assertEqual(receipt.items[0].get(FIELD), text, "the submitted document in memory shows it too")

	def test_a_delivery_lists_what_it_took_and_keeps_it_at_cancel(self):
		f.purchase_receipt(self.item, 5)
		a, b, c, _kept, e = f.serials_of(self.item)
		delivery = f.delivery_note(self.item, 4, serials=[a, b, c, e])
		self.assertEqual(line_text("Delivery Note", delivery.name), f"{a} .. 003 (3), {e}")
		delivery.cancel()
		self.assertEqual(line_text("Delivery Note", delivery.name), f"{a} .. 003 (3), {e}")

	def test_a_stock_entry_and_an_invoice_that_moves_stock(self):
		entry = f.receive(self.item, 3)
		text = frappe.db.get_value("Stock Entry Detail", {"parent": entry.name}, FIELD)
		self.assertEqual(text, f"{self.item}-001 .. 003 (3)")
		invoice = f.sales_invoice(self.item, 1, serials=[f"{self.item}-002"])
		self.assertEqual(line_text("Sales Invoice", invoice.name), f"{self.item}-002")

	def test_one_query_reads_every_line_of_a_voucher(self):
		receipt = f.voucher(
			"Purchase Receipt",
			[f.line(self.item, 2), f.line(self.item, 3)],
			supplier=f.SUPPLIER,
		)
		with self.assertQueryCount(2):  # one read of every line's serials, one write of every line
			line_serials.write("Purchase Receipt", receipt.name)
		texts = [row.get(FIELD) for row in frappe.get_doc("Purchase Receipt", receipt.name).items]
		self.assertEqual(texts, [f"{self.item}-001, {self.item}-002", f"{self.item}-003 .. 005 (3)"])

	def test_the_upgrade_fills_vouchers_submitted_before(self):
		receipt = f.purchase_receipt(self.item, 3)
		frappe.db.set_value("Purchase Receipt Item", {"parent": receipt.name}, FIELD, None)
		self.assertIn(receipt.name, line_serials.unfilled("Purchase Receipt"))
		patch.execute()
		self.assertEqual(line_text("Purchase Receipt", receipt.name), f"{self.item}-001 .. 003 (3)")
