import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import flt

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.api.mode_change import convert
from serial_tracking.api.unit import act
from serial_tracking.platform import compat
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.series import mode_change
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

STORES, SHOP = f.warehouse(), f.warehouse("Shop")


def bins(item_code):
	return {
		row.warehouse: (flt(row.actual_qty), flt(row.stock_value, 2))
		for row in frappe.get_all(
			"Bin",
			{"item_code": item_code, "actual_qty": ("!=", 0)},
			["warehouse", "actual_qty", "stock_value"],
		)
	}


def mode(item_code):
	return frappe.db.get_value("Item", item_code, ["st_tracking_mode", "has_serial_no"])


def change(item_code, to_mode, submit=True, serials=None):
	doc = frappe.get_doc(
		{"doctype": "Tracking Mode Change", "item_code": item_code, "company": f.COMPANY, "to_mode": to_mode}
	)
	doc.insert()
	if serials:
		for row in doc.warehouses:
			row.serials = "\n".join(serials.get(row.warehouse, []))
		doc.save()
	if submit:
		doc.submit()
	return doc


def net_gl(*vouchers):
	rows = frappe.get_all(
		"GL Entry", {"voucher_no": ("in", vouchers), "is_cancelled": 0}, ["account", "debit", "credit"]
	)
	totals = {}
	for row in rows:
		totals[row.account] = round(totals.get(row.account, 0) + row.debit - row.credit, 2)
	return totals


def mode_entries(item_code):
	"""Stock Entries a mode change made for the item."""
	detail = frappe.qb.DocType("Stock Entry Detail")
	entry = frappe.qb.DocType("Stock Entry")
	return (
		frappe.qb.from_(detail)
		.join(entry)
		.on(entry.name == detail.parent)
		.select(entry.name)
		.distinct()
		.where(
			(detail.item_code == item_code)
			& (entry.docstatus == 1)
			& (entry.st_unit_intent == ledger.MODE_CHANGED)
		)
	).run(pluck=True)


class TestTrackingModeChange(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def quantity_item_with_stock(self):
		item = f.make_item(st_series_template="{ITEM}-{####}").name
		f.receive(item, 1, rate=40, wh=STORES)
		f.receive(item, 2, rate=30, wh=STORES)  # 3 units worth 100.00: 33.33 each does not divide evenly
		f.receive(item, 4, rate=25.25, wh=SHOP)  # 4 units worth 101.00
		return item

	def test_quantity_to_serialized_keeps_quantity_and_value_in_every_warehouse(self):
		item = self.quantity_item_with_stock()
		sold = f.delivery_note(item, 1, rate=60, wh=SHOP)  # a sale while still tracked by quantity
		before = bins(item)
		self.assertEqual(before, {STORES: (3, 100.0), SHOP: (3, 75.75)})

		doc = change(item, "Serialized")
		self.assertEqual((doc.from_mode, doc.status), ("Quantity", "Completed"))
		self.assertEqual(mode(item), ("Serialized", 1))
		self.assertEqual(bins(item), before, "quantity and value per warehouse, to the cent")
		self.assertEqual(
			{row.warehouse: row.value_after for row in doc.warehouses}, {STORES: 100.0, SHOP: 75.75}
		)
		self.assertEqual(len(f.serials_of(item)), 6)
		self.assertEqual(frappe.db.count("Serial No", {"item_code": item, "warehouse": SHOP}), 3)
		gl = net_gl(doc.issue_entry, doc.receipt_entry)
		self.assertTrue(gl, "the switch is in the general ledger")
		self.assertEqual(set(gl.values()), {0}, "and nets to zero on every account")
		for unit in f.serials_of(item):
			first = frappe.get_all(
				"Serial Audit Event", {"serial_no": unit}, ["event", "voucher_no"], order_by="seq", limit=1
			)[0]
			self.assertEqual((first.event, first.voucher_no), (ledger.MODE_CHANGED, doc.receipt_entry))
			self.assertEqual(frappe.db.get_value("Serial No", unit, "st_lifecycle_status"), lc.IN_STOCK)

		# later transactions work normally in the new mode
		f.purchase_receipt(item, 2, rate=50, wh=STORES)
		self.assertEqual(len(f.serials_of(item)), 8)
		unit = f.serials_of(item)[0]
		f.delivery_note(item, 1, serials=[unit], wh=frappe.db.get_value("Serial No", unit, "warehouse"))
		back = make_return_doc("Delivery Note", sold.name)  # the sale made before the switch comes back
		back.insert()
		back.submit()
		self.assertEqual(len(f.serials_of(item)), 8)
		returned = frappe.get_all(
			"Serial No",
			{"item_code": item, **compat.created_by_filters(back.doctype, back.name)},
			pluck="name",
		)
		self.assertEqual(len(returned), 1, "the returned unit gets a serial")

	def test_serialized_to_quantity_keeps_value_and_history(self):
		item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{####}").name
		f.purchase_receipt(item, 2, rate=100, wh=STORES)
		f.purchase_receipt(item, 1, rate=120.5, wh=SHOP)
		sold_unit = f.serials_of(item)[0]
		sold = f.delivery_note(item, 1, serials=[sold_unit], wh=STORES, rate=300)
		units = f.serials_of(item)
		before = bins(item)

		doc = change(item, "Quantity")
		self.assertEqual(mode(item), ("Quantity", 0))
		self.assertEqual(bins(item), before)
		self.assertEqual(set(net_gl(doc.issue_entry, doc.receipt_entry).values()), {0})
		for unit in units:
			self.assertEqual(
				frappe.db.get_value("Serial No", unit, ["warehouse", "st_lifecycle_status"]),
				(None, lc.COLLAPSED),
			)
			events = frappe.get_all("Serial Audit Event", {"serial_no": unit}, pluck="event", order_by="seq")
			self.assertEqual(events, [ledger.RECEIVED, ledger.MODE_CHANGED], "history stays readable")

		f.receive(item, 3, rate=10, wh=STORES)
		f.delivery_note(item, 2, wh=STORES)
		back = make_return_doc("Delivery Note", sold.name)  # a serialized sale, returned as a quantity
		back.insert()
		back.submit()
		self.assertEqual(f.stock_qty(item, STORES), 1 + 3 - 2 + 1)

	def test_pasted_serials_must_match_the_stock_on_hand(self):
		item = self.quantity_item_with_stock()
		good = {STORES: [f"{item}-P{n}" for n in range(3)], SHOP: [f"{item}-Q{n}" for n in range(4)]}
		with self.assertRaises(SerialTrackingError) as refused:
			change(item, "Serialized", serials={STORES: good[STORES][:2], SHOP: good[SHOP]})
		self.assertIn("2 serials given for", frappe.utils.strip_html(str(refused.exception)))
		taken = f.serials_of(
			f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		)
		existing_item = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		f.receive(existing_item, 1, serials=[f"{item}-EXISTS"])
		with self.assertRaises(SerialTrackingError) as refused:
			change(
				item, "Serialized", serials={STORES: [*good[STORES][:2], f"{item}-EXISTS"], SHOP: good[SHOP]}
			)
		self.assertIn("already exists", str(refused.exception))
		self.assertEqual(mode(item), ("Quantity", 0))
		self.assertFalse(taken)

		change(item, "Serialized", serials=good)
		self.assertEqual(sorted(f.serials_of(item)), sorted(good[STORES] + good[SHOP]))

	def test_refusals_change_nothing(self):
		cases = []
		drafted = self.quantity_item_with_stock()
		f.purchase_receipt(drafted, 1, submit=False)
		cases.append((drafted, "Serialized", "is a draft"))

		negative = f.make_item(st_series_template="{ITEM}-{####}", allow_negative_stock=1).name
		f.receive(negative, 1, wh=STORES)
		with change_settings("Stock Settings", {"allow_negative_stock": 1}):
			f.delivery_note(negative, 3, wh=STORES)
		cases.append((negative, "Serialized", "negative stock"))

		batched = f.make_item(has_batch_no=1, create_new_batch=1, batch_number_series="STB-.####").name
		f.receive(batched, 2, wh=STORES)
		cases.append((batched, "Serialized", "batch"))

		loaned = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(loaned, 2)
		act(
			[f.serials_of(loaned)[0]],
			lc.CHECK_OUT,
			custodian_type="Customer",
			custodian=f.CUSTOMER,
			due_date=frappe.utils.nowdate(),
		)
		cases.append((loaned, "Quantity", "on loan"))

		no_series = f.make_item().name
		f.receive(no_series, 2, wh=STORES)
		cases.append((no_series, "Serialized", "set a Series Template"))

		for item, to_mode, message in cases:
			with self.subTest(message=message):
				stock, item_mode, entries = bins(item), mode(item), mode_entries(item)
				with self.assertRaises(SerialTrackingError) as refused:
					change(item, to_mode)
				self.assertIn(message, frappe.utils.strip_html(str(refused.exception)))
				self.assertEqual((bins(item), mode(item), mode_entries(item)), (stock, item_mode, entries))

	def test_variant_alone_is_refused_and_the_template_switches_all_variants(self):
		from erpnext.controllers.item_variant import create_variant

		from serial_tracking.tests.test_tracking_mode import ensure_attribute

		attribute = ensure_attribute()
		template = f.make_item(
			has_variants=1, attributes=[{"attribute": attribute}], st_series_template="{ITEM}-{####}"
		).name
		red = create_variant(template, {attribute: "ST Red"}).insert().name
		blue = create_variant(template, {attribute: "ST Blue"}).insert().name
		f.receive(red, 2, rate=10, wh=STORES)
		f.receive(blue, 1, rate=20, wh=SHOP)
		with self.assertRaises(SerialTrackingError) as refused:
			change(red, "Serialized")
		self.assertIn(f"Tracking Mode Change for {template}", frappe.utils.strip_html(str(refused.exception)))

		doc = change(template, "Serialized")
		self.assertEqual({(r.item_code, r.warehouse) for r in doc.warehouses}, {(red, STORES), (blue, SHOP)})
		self.assertEqual((mode(red), mode(blue)), (("Serialized", 1), ("Serialized", 1)))
		self.assertEqual((len(f.serials_of(red)), len(f.serials_of(blue))), (2, 1))

	def test_cancel_undoes_until_something_moves(self):
		item = self.quantity_item_with_stock()
		before = bins(item)
		doc = change(item, "Serialized")
		doc.cancel()
		self.assertEqual(mode(item), ("Quantity", 0))
		self.assertEqual(bins(item), before)
		self.assertEqual(frappe.db.get_value("Tracking Mode Change", doc.name, "status"), "Cancelled")

		again = change(item, "Serialized")
		unit = f.serials_of(item)[0]
		f.delivery_note(item, 1, serials=[unit], wh=frappe.db.get_value("Serial No", unit, "warehouse"))
		with self.assertRaises(SerialTrackingError) as refused:
			again.cancel()
		self.assertIn("has moved since the switch", frappe.utils.strip_html(str(refused.exception)))
		self.assertEqual(mode(item), ("Serialized", 1))

	def test_large_stock_converts_in_the_background_or_leaves_no_trace(self):
		threshold = frappe.db.get_single_value("Serial Tracking Settings", "mode_change_background_threshold")
		self.addCleanup(set_threshold, threshold)
		set_threshold(3)

		item = self.quantity_item_with_stock()
		before = bins(item)
		doc = change(item, "Serialized", submit=False)
		refusals.refused(
			self, frappe.ValidationError, doc.submit, "use Convert"
		)  # too large for a plain submit
		frappe.db.commit()

		original = mode_change.receipt_rows
		mode_change.receipt_rows = lambda doc: (_ for _ in ()).throw(RuntimeError("disk full"))
		try:
			with f.captured_jobs() as jobs:
				self.assertEqual(convert(doc.name), {"queued": True})
			self.assertEqual([method for method, _kw in jobs], ["serial_tracking.series.mode_change.run"])
			f.run_jobs(jobs)
		finally:
			mode_change.receipt_rows = original
		failed = frappe.get_doc("Tracking Mode Change", doc.name)
		self.assertEqual((failed.docstatus, failed.status), (0, "Failed"))
		self.assertIn("disk full", failed.error)
		self.assertEqual((bins(item), mode(item), mode_entries(item)), (before, ("Quantity", 0), []))

		with f.captured_jobs() as jobs:
			self.assertEqual(convert(doc.name), {"queued": True})
		f.run_jobs(jobs)
		done = frappe.get_doc("Tracking Mode Change", doc.name)
		self.assertEqual((done.docstatus, done.status), (1, "Completed"))
		self.assertEqual(bins(item), before)
		self.assertEqual(len(f.serials_of(item)), 7)


def set_threshold(units):
	frappe.db.set_single_value("Serial Tracking Settings", "mode_change_background_threshold", units)
	frappe.db.commit()
