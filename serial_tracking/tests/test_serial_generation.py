import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.platform import compat
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.series import series_counter
from serial_tracking.series.core import check_digits, series_rules
from serial_tracking.tests import factories as f


def serialized_item(template="{ITEM}-{YY}-{#####}", source="Generate when left blank", **fields):
	return f.make_item(
		st_tracking_mode="Serialized", st_serial_source=source, st_series_template=template, **fields
	)


class TestSerialGeneration(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_purchase_receipt_generates_exactly_the_received_quantity(self):
		item = serialized_item()
		receipt = f.purchase_receipt(item.name, 5, rate=250)
		serials = f.serials_of(item.name)
		self.assertEqual(len(serials), 5)
		template = series_rules.parse(item.st_series_template)
		self.assertTrue(all(series_rules.matches(template, s) for s in serials))
		row = frappe.get_doc("Purchase Receipt Item", receipt.items[0].name)
		bundle = frappe.get_doc("Serial and Batch Bundle", row.serial_and_batch_bundle)
		self.assertEqual(bundle.docstatus, 1)
		self.assertEqual(sorted(e.serial_no for e in bundle.entries), serials)
		self.assertEqual(bundle.total_amount, 1250)
		self.assertEqual(f.stock_qty(item.name), 5)
		# every unit Active in the warehouse, recorded as created by the receipt (as ERPNext records it)
		units = frappe.get_all(
			"Serial No",
			{"item_code": item.name, **compat.created_by_filters(receipt.doctype, receipt.name)},
			["status", "warehouse"],
			as_list=True,
		)
		self.assertEqual([tuple(unit) for unit in units], [("Active", f.warehouse())] * 5)

	def test_counter_is_frappes_series_reserved_in_one_step(self):
		item = serialized_item(template="{ITEM}-{#####}")
		key = f"{item.name}-"
		f.purchase_receipt(item.name, 4)
		self.assertEqual(series_counter.current(key), 4)
		f.purchase_receipt(item.name, 3)
		self.assertEqual(series_counter.current(key), 7)
		self.assertEqual(f.serials_of(item.name)[-1], f"{item.name}-00007")

	def test_item_group_template_is_the_default(self):
		group = f"_ST Group {frappe.generate_hash(length=5)}"
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": group,
				"parent_item_group": "All Item Groups",
				"st_series_template": "GRP-{YY}{MM}-{####}{CHECK:MOD37_36}",
			}
		).insert()
		item = f.make_item(st_tracking_mode="Serialized", item_group=group)
		self.assertEqual(item.st_serial_source, "Generate when left blank")
		f.purchase_receipt(item.name, 3)
		for serial in f.serials_of(item.name):
			self.assertTrue(serial.startswith("GRP-"))
			self.assertTrue(check_digits.is_valid(serial, check_digits.MOD37_36))

	def test_entered_serials_are_kept_as_given(self):
		item = serialized_item()
		given = [f"{item.name}-MAKER-A", f"{item.name}-MAKER-B"]
		f.purchase_receipt(item.name, 2, serials=given)
		self.assertEqual(f.serials_of(item.name), sorted(given))

	def test_other_inward_transactions_generate_too(self):
		item = serialized_item(template="{ITEM}-{WH}-{#####}")
		f.purchase_invoice(item.name, 2)
		f.receive(item.name, 3)
		f.opening_stock(item.name, 4, wh=f.warehouse("Shop"))
		self.assertEqual(len(f.serials_of(item.name)), 9)
		self.assertEqual(f.stock_qty(item.name), 9)
		self.assertEqual(len([s for s in f.serials_of(item.name) if "-SHO-" in s]), 4)

	def test_cancel_leaves_serials_inactive_and_numbers_are_never_reissued(self):
		item = serialized_item(template="{ITEM}-{#####}")
		receipt = f.purchase_receipt(item.name, 2)
		receipt.cancel()
		self.assertEqual(f.serials_of(item.name), [])
		statuses = frappe.get_all("Serial No", {"item_code": item.name}, pluck="status")
		self.assertEqual(statuses, ["Inactive", "Inactive"])
		f.purchase_receipt(item.name, 1)
		self.assertEqual(f.serials_of(item.name), [f"{item.name}-00003"])

	def test_erpnext_series_still_works_without_a_template(self):
		item = f.make_item(has_serial_no=1, serial_no_series=f"NAT{frappe.generate_hash(length=4)}-.#####")
		f.purchase_receipt(item.name, 2)
		self.assertEqual(len(f.serials_of(item.name)), 2)


class TestSerialIntakeRefusals(FrappeTestCase):
	"""Every bad input: a clear message, and nothing written (no units, no stock, counter unchanged)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def assertRefused(self, make, *fragments, item):
		"""``make`` fails with a message holding ``fragments`` and, once the request's transaction is
		rolled back as Frappe does after an error, nothing of it remains: no unit, no stock, no counter."""
		frappe.db.commit()
		counters = series_counter.snapshot()
		with self.assertRaises(SerialTrackingError) as refused:
			make()
		frappe.db.rollback()
		message = frappe.utils.strip_html(str(refused.exception))
		for fragment in fragments:
			self.assertIn(fragment, message)
		self.assertEqual(frappe.db.count("Serial No", {"item_code": item}), 0, "no unit written")
		self.assertEqual(f.stock_qty(item), 0, "no stock written")
		self.assertEqual(series_counter.snapshot(), counters, "no counter moved")
		return message

	def test_fractional_quantity(self):
		item = serialized_item(stock_uom="Kg")
		self.assertRefused(lambda: f.purchase_receipt(item.name, 2.5), "whole number", "2.5", item=item.name)

	def test_check_digit_mismatch_on_an_entered_serial(self):
		item = serialized_item(template="77{####}{CHECK:LUHN}", source="Generate from series")
		good = series_rules.format_serials(series_rules.parse("77{####}{CHECK:LUHN}"), None, 12, 1)[0]
		bad = good[:-1] + str((int(good[-1]) + 1) % 10)
		self.assertRefused(
			lambda: f.purchase_receipt(item.name, 1, serials=[bad]), bad, "check digit", item=item.name
		)

	def test_serial_not_from_the_series(self):
		item = serialized_item(source="Generate from series")
		self.assertRefused(
			lambda: f.purchase_receipt(item.name, 1, serials=["FREEFORM-1"]),
			"FREEFORM-1",
			"not from series",
			item=item.name,
		)

	def test_serial_already_on_hand(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1, serials=[f"{item.name}-X1"])
		other = serialized_item()
		with self.assertRaises(SerialTrackingError) as refused:
			f.purchase_receipt(item.name, 1, serials=[f"{item.name}-X1"])
		self.assertIn("is already on hand in", frappe.utils.strip_html(str(refused.exception)))
		self.assertEqual(f.stock_qty(item.name), 1)
		self.assertRefused(
			lambda: f.purchase_receipt(other.name, 1, serials=[f"{item.name}-X1"]),
			"already belongs to item",
			item.name,
			item=other.name,
		)

	def test_wrong_number_of_serials(self):
		item = serialized_item()
		self.assertRefused(
			lambda: f.purchase_receipt(item.name, 3, serials=[f"{item.name}-1", f"{item.name}-2"]),
			"2 serials entered for 3 units of",
			item=item.name,
		)

	def test_manual_item_with_blank_serials(self):
		item = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan")
		self.assertRefused(lambda: f.purchase_receipt(item.name, 2), "enter or scan", item=item.name)

	def test_counter_too_short(self):
		item = serialized_item(template="{ITEM}-{###}")
		self.assertRefused(lambda: f.purchase_receipt(item.name, 1000), "runs out at 999", item=item.name)

	def test_invalid_templates_on_the_item(self):
		for template, fragment in (
			("{ITEM}-{YY}", "no counter"),
			("{ITEM}-{SERIAL}-{#####}", "Unknown token"),
			("{ITEM}-{##}", "has 2 digits; use at least 3"),
		):
			with self.assertRaises(SerialTrackingError) as refused:
				serialized_item(template=template)
			self.assertIn(fragment, frappe.utils.strip_html(str(refused.exception)))
