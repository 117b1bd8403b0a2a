"""Repairs that swap parts on a Maintenance Visit or a Warranty Claim: the part taken out and the one
put in move through ERPNext Stock Entries, both histories and the tree change, the part taken out can
go back to its supplier; and what an assembled, repaired unit cost, against hand-computed figures."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, nowdate

from serial_tracking.audit.verifier import verify_chains
from serial_tracking.genealogy import part_swaps, trace
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.serial_tracking.report.serial_profitability.serial_profitability import (
	execute as profitability,
)
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.assembly import links, made, manufacture, parts
from serial_tracking.tests.trail import history, kinds, lifecycle_status, serialized_item
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

BENCH = f.warehouse("Repair Bench")


def visit(unit_item, unit, swaps):
	doc = frappe.get_doc(
		{
			"doctype": "Maintenance Visit",
			"customer": f.CUSTOMER,
			"company": f.COMPANY,
			"mntc_date": nowdate(),
			"completion_status": "Fully Completed",
			"maintenance_type": "Unscheduled",
			"purposes": [
				{
					"item_code": unit_item,
					"serial_no": unit,
					"description": "Repair",
					"work_done": "Swapped a board",
					"service_person": f.ensure_sales_person(),
				}
			],
			"st_part_swaps": swaps,
		}
	).insert()
	doc.submit()
	return doc


def claim(unit, swaps):
	return frappe.get_doc(
		{
			"doctype": "Warranty Claim",
			"complaint_date": nowdate(),
			"customer": f.CUSTOMER,
			"company": f.COMPANY,
			"serial_no": unit,
			"complaint": "It does not start.",
			"status": "Open",
			"st_part_swaps": swaps,
		}
	).insert()


def bought_boards(rates):
	"""A board item under a year's vendor warranty, one unit bought from the supplier at each rate."""
	board = serialized_item(st_vendor_warranty_days=365).name
	for rate in rates:
		f.purchase_receipt(board, 1, rate=rate)
	return board, f.serials_of(board)


class TestPartSwaps(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_a_visit_swaps_a_board_and_cancelling_it_puts_everything_back(self):
		board, (b1, b2, b5) = bought_boards([100, 110, 140])
		kit = serialized_item().name
		[k1] = made(manufacture(kit, 1, [(board, [b1, b2])]))
		f.delivery_note(kit, 1, serials=[k1])

		mv = visit(
			kit, k1, [{"part_removed": b1, "removed_to": BENCH, "part_fitted": b5}]
		)  # the visit's unit
		[row] = mv.st_part_swaps
		self.assertEqual(row.status, "Done")
		self.assertEqual((row.vendor, row.vendor_warranty_status), (f.SUPPLIER, "Under Warranty"))
		self.assertEqual(
			frappe.db.get_value("Stock Entry", row.receipt_entry, "st_unit_intent"), ledger.REMOVED_FROM
		)
		self.assertEqual(
			sorted(links(unit=k1)),
			sorted(
				[(b1, k1, "Assembly", False, 0), (b2, k1, "Assembly", True, 0), (b5, k1, "Repair", True, 0)]
			),
		)
		removed = history(b1)[-1]
		self.assertEqual(
			(removed.event, removed.party, removed.to_warehouse, removed.status_after, removed.episode),
			(ledger.REMOVED_FROM, k1, BENCH, lc.IN_STOCK, 2),
		)
		fitted = history(b5)[-1]
		self.assertEqual(
			(fitted.event, fitted.party, fitted.from_warehouse, fitted.status_after),
			(ledger.FITTED_INTO, k1, f.warehouse(), lc.CONSUMED),
		)
		self.assertEqual(kinds(k1)[-2:], [ledger.PART_REMOVED, ledger.PART_FITTED])
		self.assertEqual([e.party for e in history(k1)[-2:]], [b1, b5])
		tree = trace.unit_tree(k1)["components"]
		self.assertEqual(
			sorted((c["serial_no"], c["current"]) for c in tree[1:]),
			sorted([(b1, False), (b2, True), (b5, True)]),
		)
		self.assertEqual(trace.unit_tree(b1)["was_part_of"][0]["serial_no"], k1)
		self.assertFalse(trace.containing([b1])[k1].now, "k1 held b1, not any more")
		self.assertTrue(trace.containing([b5])[k1].now)
		self.assertEqual(verify_chains([b1, b2, b5, k1]), [])

		mv.reload()
		mv.cancel()
		self.assertEqual(frappe.db.get_value("Serial Part Swap", row.name, "status"), "Cancelled")
		self.assertEqual(frappe.db.get_value("Stock Entry", row.receipt_entry, "docstatus"), 2)
		self.assertEqual(
			sorted(links(unit=k1)),
			sorted(
				[(b1, k1, "Assembly", True, 0), (b2, k1, "Assembly", True, 0), (b5, k1, "Repair", False, 1)]
			),
		)
		self.assertEqual((lifecycle_status(b1), lifecycle_status(b5)), (lc.CONSUMED, lc.IN_STOCK))
		self.assertEqual(verify_chains([b1, b2, b5, k1]), [])

	def test_a_claim_takes_a_part_out_which_goes_back_to_its_supplier(self):
		board, (b1, b2, spare) = bought_boards([100, 110, 90])
		kit = serialized_item().name
		[k1] = made(manufacture(kit, 1, [(board, [b1, b2])]))
		frappe.db.commit()
		for swap, message in (
			({"part_removed": spare, "removed_to": BENCH}, "is not part of unit"),
			({"part_fitted": b2}, "only a part free in stock can be put in"),
			({"part_removed": b1}, "Choose the warehouse"),
		):
			with self.assertRaises(SerialTrackingError) as refused:
				claim(k1, [swap])
			self.assertIn(message, frappe.utils.strip_html(str(refused.exception)))
			frappe.db.rollback()
			self.assertFalse(frappe.db.exists("Stock Entry", {"st_assembly": k1}))

		wc = claim(k1, [{"part_removed": b1, "removed_to": BENCH}])
		[row] = wc.st_part_swaps
		self.assertEqual((row.unit, row.status, row.issue_entry), (k1, "Done", None))
		self.assertEqual(links(component=b1), [(b1, k1, "Assembly", False, 0)])
		row.removed_to = f.warehouse()
		refusals.refused(self, frappe.ValidationError, wc.save, "stays as it was")
		wc.reload()

		back = part_swaps.return_to_supplier(b1)
		self.assertEqual([(r.item_code, r.qty, r.serial_no) for r in back.items], [(board, -1, b1)])
		back.insert()
		back.submit()
		self.assertEqual(kinds(b1)[-1], ledger.RETURNED_TO_SUPPLIER)
		self.assertEqual(lifecycle_status(b1), lc.RETURNED)
		refusals.refused(
			self, frappe.ValidationError, lambda: part_swaps.return_to_supplier(b2), b2, "not in stock"
		)


class TestAssemblyCost(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_an_assembled_and_repaired_units_cost_adds_up_with_erpnexts_valuation(self):
		# Boards at 100, 110, 120, 130; 2 screws at 25; 20 of labour. ERPNext values each of the two
		# kits at (460 + 50 + 20) / 2 = 265. K1 holds the boards of 100 and 110 (210), K2 those of 120
		# and 130 (250): K1 costs 265 - 230 + 210 = 245, K2 265 - 230 + 250 = 285; 530 together.
		board, (b1, b2, b3, b4) = parts([100, 110, 120, 130])
		screw = f.make_item().name
		f.receive(screw, 2, rate=25)
		kit = serialized_item().name
		entry = manufacture(kit, 2, [(board, [b1, b2, b3, b4])], loose=[(screw, 2)], additional_costs=20)
		k1, k2 = made(entry)
		rates = frappe.get_all(
			"Serial and Batch Entry", {"serial_no": ("in", [k1, k2])}, pluck="incoming_rate"
		)
		self.assertEqual([flt(r, 2) for r in rates], [265, 265], "ERPNext's valuation of each kit")

		kits = rows(kit)
		self.assertEqual(
			{u: (r["acquisition_cost"], r["component_cost"]) for u, r in kits.items()},
			{k1: (245, 210), k2: (285, 250)},
		)
		self.assertEqual(sum(r["acquisition_cost"] for r in kits.values()), f.stock_value(kit))
		boards = rows(board)
		self.assertEqual(
			{u: (r["acquisition_cost"], r["passed_on"], r["margin"]) for u, r in boards.items()},
			{b1: (100, 100, 0), b2: (110, 110, 0), b3: (120, 120, 0), b4: (130, 130, 0)},
			"a board's cost went into its kit",
		)

		# A repair takes b1 out (back in stock at 30) and puts in b5 (140): K1 costs 140 - 30 more.
		[b5] = [s for s in parts([140])[1]]
		visit(
			kit,
			k1,
			[{"unit": k1, "part_removed": b1, "removed_to": BENCH, "removed_value": 30, "part_fitted": b5}],
		)
		repaired = rows(kit)[k1]
		self.assertEqual((repaired["acquisition_cost"], repaired["parts_cost"]), (245, 110))
		self.assertEqual((repaired["capital"], repaired["margin"]), (355, 0), "in stock: capital, no loss")
		after = rows(board)[b1]
		self.assertEqual(
			(after["acquisition_cost"], after["passed_on"], after["capital"], after["margin"]),
			(130, 100, 30, 0),
		)
		self.assertEqual(flt(f.stock_value(board)), 30, "b1 back in stock at 30, the others in kits")


def rows(item_code):
	_columns, data, *_ = profitability({"company": f.COMPANY, "item_code": item_code})
	return {row["serial_no"]: row for row in data}
