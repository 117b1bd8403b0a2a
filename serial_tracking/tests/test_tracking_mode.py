import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.item import mode_switch_blocker
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests.factories import ensure_test_world, make_item, receive, stock_qty


class TestTrackingMode(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_world()

	def test_fields_installed(self):
		meta = frappe.get_meta("Item")
		for fieldname in ("st_tracking_mode", "st_serial_source", "st_series_template"):
			self.assertTrue(meta.has_field(fieldname), fieldname)
		self.assertEqual(meta.get_field("has_serial_no").read_only, 1)
		self.assertEqual(meta.get_field("st_tracking_mode").in_standard_filter, 1)

	def test_new_item_defaults_to_quantity(self):
		item = make_item()
		self.assertEqual(item.st_tracking_mode, "Quantity")
		self.assertEqual(item.has_serial_no, 0)

	def test_serialized_item_sets_has_serial_no(self):
		item = make_item(st_tracking_mode="Serialized")
		self.assertEqual(item.has_serial_no, 1)
		self.assertEqual(item.st_serial_source, "Enter or scan")
		self.assertEqual(frappe.db.get_value("Item", item.name, "has_serial_no"), 1)

	def test_item_created_the_erpnext_way_is_serialized(self):
		item = make_item(has_serial_no=1, serial_no_series="STX-.#####")
		self.assertEqual(item.st_tracking_mode, "Serialized")
		self.assertEqual(item.st_serial_source, "Generate when left blank")

	def test_switch_both_ways_without_transactions(self):
		item = make_item()
		item.st_tracking_mode = "Serialized"
		item.save()
		self.assertEqual(frappe.db.get_value("Item", item.name, "has_serial_no"), 1)
		item.st_tracking_mode = "Quantity"
		item.save()
		self.assertEqual(
			frappe.db.get_value("Item", item.name, ["st_tracking_mode", "has_serial_no"]), ("Quantity", 0)
		)

	def test_has_serial_no_set_directly_moves_the_mode(self):
		item = make_item()
		item.has_serial_no = 1
		item.save()
		self.assertEqual(frappe.db.get_value("Item", item.name, "st_tracking_mode"), "Serialized")

	def test_both_modes_live_side_by_side(self):
		soup = make_item(st_tracking_mode="Quantity")
		laptop = make_item(st_tracking_mode="Serialized")
		receive(soup.name, 96, rate=1.5)
		receive(laptop.name, 2, rate=900, serials=[f"{laptop.name}-A", f"{laptop.name}-B"])
		self.assertEqual(stock_qty(soup.name), 96)
		self.assertEqual(stock_qty(laptop.name), 2)
		self.assertEqual(
			frappe.db.count("Serial No", {"item_code": laptop.name, "warehouse": ("is", "set")}), 2
		)
		self.assertEqual(frappe.db.count("Serial No", {"item_code": soup.name}), 0)

	def test_switch_with_transactions_is_refused_and_nothing_changes(self):
		item = make_item()
		entry = receive(item.name, 10)
		item.reload()
		item.st_tracking_mode = "Serialized"
		with self.assertRaises(SerialTrackingError) as refused:
			item.save()
		message = str(refused.exception)
		self.assertIn("Tracking Mode Change", message)
		self.assertIn(entry.name, message)
		self.assertNotIn("Linked with submitted documents", message)
		self.assertEqual(
			frappe.db.get_value("Item", item.name, ["st_tracking_mode", "has_serial_no"]), ("Quantity", 0)
		)

	def test_form_is_told_before_saving(self):
		item = make_item()
		self.assertIsNone(mode_switch_blocker(item.name, "Serialized"))
		receive(item.name, 1)
		self.assertIn("Tracking Mode Change", mode_switch_blocker(item.name, "Serialized"))

	def test_non_stock_item_cannot_be_serialized(self):
		with self.assertRaises(SerialTrackingError) as refused:
			make_item(is_stock_item=0, st_tracking_mode="Serialized")
		self.assertIn("does not maintain stock", str(refused.exception))

	def test_generating_source_needs_a_series(self):
		with self.assertRaises(SerialTrackingError) as refused:
			make_item(st_tracking_mode="Serialized", st_serial_source="Generate from series")
		self.assertIn("no Series Template", str(refused.exception))

	def test_variants_follow_their_template(self):
		attribute = ensure_attribute()
		template = make_item(
			has_variants=1,
			st_tracking_mode="Serialized",
			attributes=[{"attribute": attribute}],
		)
		from erpnext.controllers.item_variant import create_variant

		variant = create_variant(template.name, {attribute: "ST Red"})
		variant.insert()
		self.assertEqual(variant.st_tracking_mode, "Serialized")
		self.assertEqual(variant.has_serial_no, 1)

		variant.st_tracking_mode = "Quantity"
		with self.assertRaises(SerialTrackingError) as refused:
			variant.save()
		self.assertIn("Variants follow their template", str(refused.exception))

		template.reload()
		template.st_tracking_mode = "Quantity"
		template.save()
		self.assertEqual(
			frappe.db.get_value("Item", variant.name, ["st_tracking_mode", "has_serial_no"]), ("Quantity", 0)
		)

	def test_template_switch_refused_when_a_variant_has_stock(self):
		attribute = ensure_attribute()
		template = make_item(has_variants=1, attributes=[{"attribute": attribute}])
		from erpnext.controllers.item_variant import create_variant

		variant = create_variant(template.name, {attribute: "ST Blue"})
		variant.insert()
		receive(variant.name, 3)
		template.reload()
		template.st_tracking_mode = "Serialized"
		with self.assertRaises(SerialTrackingError) as refused:
			template.save()
		self.assertIn(variant.name, str(refused.exception))
		self.assertEqual(frappe.db.get_value("Item", template.name, "st_tracking_mode"), "Quantity")


def ensure_attribute() -> str:
	name = "ST Colour"
	if not frappe.db.exists("Item Attribute", name):
		frappe.get_doc(
			{
				"doctype": "Item Attribute",
				"attribute_name": name,
				"item_attribute_values": [
					{"attribute_value": "ST Red", "abbr": "R"},
					{"attribute_value": "ST Blue", "abbr": "B"},
				],
			}
		).insert()
	return name
