"""A Unit Count end to end: start (snapshot), scan every kind of unit, movements during the count, close,
approve (Material Transfer, Mark Lost, Stock Reconciliation, Counted events, last counted dates,
conditions), receive unknown serials, and cancel (everything posted undone, or refused with the reason)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from serial_tracking.api import unit_count as api
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.counting.core import count_rules as c
from serial_tracking.tests import count_helpers as h
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import kinds, lifecycle_status, serial_row, stock_entry
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


def where(serial):
	return frappe.db.get_value(
		"Serial No",
		serial,
		["warehouse", "st_lifecycle_status", "st_condition", "st_last_counted"],
		as_dict=True,
	)


class TestUnitCountFlow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_a_count_from_start_to_cancel(self):
		stores, shop = h.place("Stores"), h.place("Shop")
		makers = [f"MK-{frappe.generate_hash(length=6)}" for _ in range(6)]
		item, (a1, a2, a3, a4, a5, a6) = h.units(6, stores, rate=100, makers=makers)
		_item, (s1, _s2) = h.units(2, shop, rate=100, item=item)
		_item, (d1,) = h.units(1, stores, rate=100, item=item)
		f.delivery_note(item, 1, serials=[d1], wh=stores)  # sold long before the count
		a2_condition = where(a2).st_condition
		nobody = f"ZZ-NOBODY-{frappe.generate_hash(length=6).upper()}"  # a serial that no unit has

		count = h.start(stores)
		self.assertEqual((count.status, count.expected_units), (c.OPEN, 6))
		f.delivery_note(item, 1, serials=[a6], wh=stores)  # sold while the count runs

		answers = {
			"a1": h.scan(count, a1),
			"a1 again": h.scan(count, a1),
			"a2": h.scan(count, a2, condition="Fair"),
			"a3 by maker serial": h.scan(count, makers[2]),
			"a4 by label link": h.scan(count, f"https://example.com/app/serial-no/{a4}"),
			"s1": h.scan(count, s1),
			"d1": h.scan(count, d1),
			"unknown": h.scan(count, nobody),
		}
		self.assertEqual(
			{k: a["verdict"] for k, a in answers.items()},
			{
				"a1": c.EXPECTED,
				"a1 again": c.ALREADY_SCANNED,
				"a2": c.EXPECTED,
				"a3 by maker serial": c.EXPECTED,
				"a4 by label link": c.EXPECTED,
				"s1": c.MISPLACED,
				"d1": c.NOT_ON_HAND,
				"unknown": c.UNKNOWN,
			},
		)
		self.assertEqual(answers["a3 by maker serial"]["serial_no"], a3)
		self.assertIn(shop, answers["s1"]["message"])
		self.assertIn("Delivered", answers["d1"]["message"])
		self.assertEqual(answers["unknown"]["totals"]["scans"], 8)
		self.assertEqual(answers["unknown"]["totals"]["found"], 4)
		recent = api.recent(count.name)
		self.assertEqual(recent["scans"][0]["code"], nobody)
		self.assertEqual(recent["totals"]["unknown"], 1)

		count = h.close(count)
		self.assertEqual(count.status, c.CLOSED)
		self.assertEqual(
			h.counters(count.name),
			{
				"scans": 8,
				"found": 4,
				"missing": 1,
				"misplaced": 1,
				"moved": 1,
				"unexpected": 1,
				"unknown": 1,
				"conditions_noted": 1,
			},
		)
		self.assertEqual(
			{(r.serial_no or r.code): (r.result, r.action) for r in count.results},
			{
				a2: (c.FOUND, None),  # shown for its condition
				a5: (c.MISSING, c.MARK_LOST),
				s1: (c.MISPLACED, c.TRANSFER),
				d1: (c.NOT_ON_HAND, None),
				nobody: (c.UNKNOWN, c.NO_ACTION),
				a6: (c.MOVED, None),
			},
		)
		self.assertEqual(h.line(count, s1).book_warehouse, shop)
		self.assertEqual(h.line(count, a2).condition, "Fair")
		h.line(count, nobody).update({"action": c.RECEIVE, "item_code": item})
		count.save()
		qty_before = f.stock_qty(item)

		count.submit()
		count.reload()
		self.assertEqual(count.status, c.APPROVED)
		self.assertTrue(count.transfer_entry and count.lost_entry)
		self.assertFalse(count.reconciliation)
		self.assertEqual(where(s1).warehouse, stores, "the misplaced unit was transferred here")
		self.assertEqual(where(a5).st_lifecycle_status, lc.LOST)
		self.assertEqual(f.stock_qty(item), qty_before - 1)
		self.assertEqual(where(a2).st_condition, "Fair")
		today = getdate(count.closed_at)
		for serial in (a1, a2, a3, a4, a5, s1, d1):
			self.assertEqual(kinds(serial).count(ledger.COUNTED), 1, serial)
			self.assertEqual(where(serial).st_last_counted, today, serial)
		self.assertNotIn(ledger.COUNTED, kinds(a6), "a unit moved during the count was not counted")
		self.assertEqual(kinds(a5)[-2:], [ledger.COUNTED, ledger.LOST])
		self.assertEqual(kinds(s1)[-2:], [ledger.COUNTED, ledger.TRANSFERRED])
		self.assertEqual(lifecycle_status(d1), lc.DELIVERED, "a count moves no unit's status")
		self.assertEqual(frappe.db.get_value("Warehouse", stores, "st_last_counted"), today)
		h.refused(self, lambda: h.scan(count, a1), "is Approved", "scans are refused")

		# unknown serials: a draft receipt made from the count
		receipt = api.make_receipt(count.name)
		self.assertEqual(
			[(r.item_code, r.qty, r.serial_no, r.t_warehouse) for r in receipt.items],
			[(item, 1, nobody, stores)],
		)
		receipt.items[0].basic_rate = 90
		receipt.insert()
		receipt.submit()
		self.assertEqual(where(nobody).warehouse, stores)

		# cancel: what it posted is cancelled, its events reversed, the dates and condition restored
		count.cancel()
		count.reload()
		self.assertEqual(count.status, c.CANCELLED)
		for doctype, name in (("Stock Entry", count.transfer_entry), ("Stock Entry", count.lost_entry)):
			self.assertEqual(frappe.db.get_value(doctype, name, "docstatus"), 2)
		self.assertEqual(where(s1).warehouse, shop)
		self.assertEqual(where(a5).st_lifecycle_status, lc.IN_STOCK)
		self.assertEqual(f.stock_qty(item), qty_before + 1, "a5 back; the received unknown stays")
		self.assertEqual(where(a2).st_condition, a2_condition)
		self.assertIsNone(where(a1).st_last_counted)
		self.assertIsNone(frappe.db.get_value("Warehouse", stores, "st_last_counted"))
		self.assertEqual(kinds(a1)[-2:], [ledger.COUNTED, ledger.CANCELLED])
		self.assertEqual(lifecycle_status(a1), lc.IN_STOCK)
		self.assertEqual(lifecycle_status(d1), lc.DELIVERED, "the reversal of a count moves no status")
		self.assertEqual(verify_chains([a1, a2, a3, a4, a5, a6, s1, d1]), [])

		again = h.start(stores)  # the warehouse can be counted again
		self.assertEqual(again.expected_units, 6)  # a1-a5 and the received unknown

	def test_missing_units_by_stock_reconciliation(self):
		stores = h.place("Stores")
		item, serials = h.units(4, stores, rate=100)
		other, (gone,) = h.units(1, stores, rate=50)  # every unit of this item is missing
		stock_entry("Material Receipt", [serial_row(item, [f"{item}-X"], t_warehouse=stores, basic_rate=140)])
		value = f.stock_value(item)  # 540 for 5 units
		count = h.start(stores, missing_action=c.RECONCILE)
		for serial in serials[:3]:
			h.scan(count, serial)
		count = h.close(count)
		self.assertEqual(count.missing, 3)
		self.assertEqual(
			{r.serial_no: r.action for r in count.results if r.result == c.MISSING},
			{serials[3]: c.RECONCILE, f"{item}-X": c.RECONCILE, gone: c.RECONCILE},
		)
		h.line(count, gone).action = c.MARK_LOST  # per line
		count.save()
		count.submit()
		count.reload()
		self.assertTrue(count.reconciliation and count.lost_entry)
		self.assertEqual(f.stock_qty(item, stores), 3)
		self.assertAlmostEqual(f.stock_value(item), round(value / 5 * 3, 2), places=1)
		for serial in (serials[3], f"{item}-X", gone):
			self.assertEqual(lifecycle_status(serial), lc.LOST, serial)
		self.assertEqual(kinds(serials[3])[-2:], [ledger.COUNTED, ledger.RECONCILED])
		self.assertEqual(f.stock_qty(other), 0)

		count.cancel()
		self.assertEqual(f.stock_qty(item, stores), 5)
		self.assertAlmostEqual(f.stock_value(item), value, places=2)
		for serial in (serials[3], f"{item}-X", gone):
			self.assertEqual(lifecycle_status(serial), lc.IN_STOCK, serial)

	def test_cancel_refused_when_a_later_movement_depends_on_it(self):
		stores, shop = h.place("Stores"), h.place("Shop")
		item, (a1,) = h.units(1, stores)
		_item, (s1,) = h.units(1, shop, item=item)
		count = h.start(stores)
		h.scan(count, a1)
		h.scan(count, s1)
		count = h.close(count)
		count.submit()
		count.reload()
		sale = f.delivery_note(item, 1, serials=[s1], wh=stores)
		message = h.refused(
			self, count.cancel, s1, "Delivery Note", sale.name, "cancel that first", rollback=True
		)
		self.assertIn("moved after the count was approved", message)
		self.assertEqual(
			frappe.db.get_value("Unit Count", count.name, ["docstatus", "status"]), (1, c.APPROVED)
		)
		self.assertEqual(frappe.db.get_value("Stock Entry", count.transfer_entry, "docstatus"), 1)

	def test_a_large_count_is_approved_in_the_background(self):
		settings = "Serial Tracking Settings"
		before = frappe.db.get_single_value(settings, "count_background_threshold")
		frappe.db.set_single_value(settings, "count_background_threshold", 2)
		try:
			stores = h.place("Stores")
			item, (a1, a2, a3) = h.units(3, stores)
			count = h.start(stores)
			h.scan(count, a1)
			h.scan(count, a2)
			h.close(count)
			with f.captured_jobs() as jobs:
				self.assertEqual(api.approve(count.name), {"queued": True})
			self.assertEqual(frappe.db.get_value("Unit Count", count.name, "status"), c.QUEUED)
			h.refused(self, lambda: h.scan(count, a3), "is Approving", "scans are refused")
			f.run_jobs(jobs)
			self.assertEqual(
				frappe.db.get_value("Unit Count", count.name, ["docstatus", "status"]), (1, c.APPROVED)
			)
			self.assertEqual(lifecycle_status(a3), lc.LOST)

			# a job that fails leaves nothing behind, and the count says why
			second = h.place("Stores")
			_item, (b1, b2, b3) = h.units(3, second, item=item)
			count = h.start(second)
			h.scan(count, b1)
			h.scan(count, b2)
			h.close(count)
			with f.captured_jobs() as jobs:
				api.approve(count.name)
			sale = f.delivery_note(item, 1, serials=[b1], wh=second)  # moves after the count closed
			frappe.db.commit()  # what the requests before the job committed
			f.run_jobs(jobs)
			state = frappe.db.get_value(
				"Unit Count", count.name, ["docstatus", "status", "error"], as_dict=True
			)
			self.assertEqual((state.docstatus, state.status), (0, c.CLOSED))
			self.assertIn(sale.name, state.error)
			self.assertEqual(lifecycle_status(b3), lc.IN_STOCK, "nothing was posted")
		finally:
			frappe.db.set_single_value(settings, "count_background_threshold", before)
			frappe.db.commit()
