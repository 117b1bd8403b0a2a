import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from serial_tracking.serial_tracking.report.recall_trace.recall_trace import execute as recall_trace
from serial_tracking.serial_tracking.report.unit_history.unit_history import execute as unit_history
from serial_tracking.tests import factories as f


class TestTrailReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		cls.receipt = f.purchase_receipt(cls.item, 3, makers=["RT-M1", "RT-M2", "RT-M3"])
		cls.other_receipt = f.purchase_receipt(cls.item, 1)
		cls.units = f.serials_of(cls.item)
		cls.a, cls.b, cls.c, cls.d = cls.units
		cls.delivery = f.delivery_note(cls.item, 1, serials=[cls.a])
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Recall",
				"email_ids": [{"email_id": "recall@example.com", "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": f.CUSTOMER}],
			}
		).insert()
		frappe.db.set_value(
			"Customer",
			f.CUSTOMER,
			{"customer_primary_contact": contact.name, "email_id": "recall@example.com"},
		)

	def test_unit_history_across_items_with_every_filter(self):
		columns, rows = unit_history({"serial_no": self.a})
		self.assertEqual([r["event"] for r in reversed(rows)], ["Received", "Delivered"])
		self.assertIn("maker_serial", [c["fieldname"] for c in columns])
		self.assertEqual(rows[0]["maker_serial"], "RT-M1")
		cases = {
			"maker_serial": ({"maker_serial": "RT-M2"}, {self.b}),
			"item": ({"item_code": self.item}, set(self.units)),
			"party": ({"party_type": "Customer", "party": f.CUSTOMER, "item_code": self.item}, {self.a}),
			"voucher": ({"voucher_no": self.other_receipt.name}, {self.d}),
			"warehouse": ({"warehouse": f.warehouse(), "item_code": self.item}, set(self.units)),
			"event": ({"event": "Delivered", "item_code": self.item}, {self.a}),
			"dates": (
				{"item_code": self.item, "from_date": nowdate(), "to_date": nowdate()},
				set(self.units),
			),
			"past dates": ({"item_code": self.item, "to_date": add_days(nowdate(), -400)}, set()),
		}
		for name, (filters, expected) in cases.items():
			with self.subTest(name):
				self.assertEqual({r["serial_no"] for r in unit_history(filters)[1]}, expected)

	def test_recall_trace_from_a_defective_unit_lists_its_siblings_and_who_holds_them(self):
		_columns, rows = recall_trace({"serial_no": self.b})
		by_unit = {r["serial_no"]: r for r in rows}
		self.assertEqual(
			set(by_unit), {self.a, self.b, self.c}, "the unit and its siblings from the same receipt"
		)
		sold = by_unit[self.a]
		self.assertEqual(
			(sold["customer"], sold["delivery"], sold["email"], sold["supplier"], sold["receipt"]),
			(f.CUSTOMER, self.delivery.name, "recall@example.com", f.SUPPLIER, self.receipt.name),
		)
		self.assertEqual((by_unit[self.b]["warehouse"], by_unit[self.b]["customer"]), (f.warehouse(), None))

	def test_recall_trace_from_a_supplier_receipt_or_dates(self):
		by_receipt = {r["serial_no"] for r in recall_trace({"receipt": self.other_receipt.name})[1]}
		self.assertEqual(by_receipt, {self.d})
		by_supplier = {
			r["serial_no"] for r in recall_trace({"supplier": f.SUPPLIER, "item_code": self.item})[1]
		}
		self.assertEqual(by_supplier, set(self.units))
		by_dates = recall_trace({"from_date": nowdate(), "to_date": nowdate(), "item_code": self.item})[1]
		self.assertEqual(len(by_dates), 4)

	def test_recall_trace_needs_a_starting_point(self):
		_columns, rows, message = recall_trace({})  # and says so, rather than throwing (issue 30)
		self.assertEqual(rows, [])
		self.assertIn("Where does the trace start?", message)
