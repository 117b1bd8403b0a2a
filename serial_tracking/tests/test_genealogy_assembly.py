"""Assembly on Manufacture and Repack entries: which component unit goes into which finished unit,
single- and multi-level, by default and by the user's assignment; cancel takes it apart again."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api.genealogy import assembly
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.genealogy import trace
from serial_tracking.genealogy.unit_links import LINK
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.assembly import links, made, manufacture, parts
from serial_tracking.tests.trail import (
	history,
	kinds,
	lifecycle_status,
	serial_row,
	serialized_item,
	stock_entry,
)
from serial_tracking.unit_form.unit_summary import summary
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


class TestAssembly(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_components_go_in_order_into_several_finished_units_with_events_on_both_sides(self):
		board, boards = parts([100, 110, 120, 130])
		kit = serialized_item().name
		entry = manufacture(kit, 2, [(board, boards)])
		k1, k2 = made(entry)
		b1, b2, b3, b4 = boards
		self.assertEqual(
			links(voucher_no=entry.name),
			[
				(b1, k1, "Assembly", True, 0),
				(b2, k1, "Assembly", True, 0),
				(b3, k2, "Assembly", True, 0),
				(b4, k2, "Assembly", True, 0),
			],
		)
		self.assertEqual(kinds(b1)[-2:], [ledger.CONSUMED, ledger.BECAME_PART_OF])
		self.assertEqual(history(b1)[-1].party, k1)
		self.assertEqual(kinds(k1), [ledger.MANUFACTURED, ledger.MADE_OF, ledger.MADE_OF])
		made_of = frappe.get_all(
			"Serial Audit Event",
			{"serial_no": k1, "event": ledger.MADE_OF},
			["party_type", "party", "rate_in", "status_after"],
			order_by="seq",
		)
		self.assertEqual(
			[(e.party_type, e.party, e.rate_in, e.status_after) for e in made_of],
			[("Serial No", b1, 100, lc.IN_STOCK), ("Serial No", b2, 110, lc.IN_STOCK)],
		)
		self.assertEqual(lifecycle_status(b1), lc.CONSUMED)
		self.assertEqual(verify_chains([*boards, k1, k2]), [])
		tree = summary(k1)["tree"]
		self.assertEqual(
			[(c["depth"], c["serial_no"], c["current"]) for c in tree["components"]],
			[(0, k1, True), (1, b1, True), (1, b2, True)],
		)
		self.assertEqual(summary(b3)["tree"]["top"], k2, "a component's form shows the unit it is in")

	def test_the_users_assignment_by_serial_or_position_is_followed(self):
		board, boards = parts([10, 10, 10])
		kit = serialized_item().name
		draft = manufacture(kit, 2, [(board, boards)], submit=False)
		plan = assembly(draft.name)
		self.assertEqual([u["ref"] for u in plan["finished"]], ["#1", "#2"], "serials come at submit")
		self.assertEqual([r["unit"] for r in plan["rows"]], ["#1", "#1", "#2"])
		draft.st_component_assignment = frappe.as_json(
			[
				{"component": boards[0], "unit": "#2"},
				{"component": boards[1], "unit": ""},
				{"component": boards[2], "unit": "#2"},
			]
		)
		draft.save()
		self.assertTrue(assembly(draft.name)["saved"])
		draft.submit()
		k1, k2 = made(draft)
		self.assertEqual(
			links(voucher_no=draft.name),
			[(boards[0], k2, "Assembly", True, 0), (boards[2], k2, "Assembly", True, 0)],
		)
		self.assertEqual(kinds(boards[1])[-1], ledger.CONSUMED, "left out: consumed, part of nothing")
		self.assertEqual(kinds(k1), [ledger.MANUFACTURED])

	def test_a_wrong_assignment_is_refused_and_leaves_everything_as_it_was(self):
		board, boards = parts([10, 10])
		_other_item, others = parts([10])
		kit = serialized_item().name
		for assignment, message in (
			([{"component": others[0], "unit": "#1"}], "is not consumed by this entry"),
			([{"component": boards[0], "unit": "#1"}], "have no place in the assignment"),
			(
				[{"component": boards[0], "unit": "#1"}, {"component": boards[1], "unit": "#5"}],
				"makes 1 units",
			),
		):
			draft = manufacture(kit, 1, [(board, boards)], assignment=assignment, submit=False)
			frappe.db.commit()
			with self.assertRaises(SerialTrackingError) as raised:
				draft.submit()
			self.assertIn(message, frappe.utils.strip_html(str(raised.exception)))
			frappe.db.rollback()  # what Frappe does with a request that failed
			self.assertEqual(frappe.db.get_value("Stock Entry", draft.name, "docstatus"), 0)
			self.assertEqual(links(voucher_no=draft.name), [])
			self.assertEqual(f.stock_qty(board), 2)
			self.assertEqual([lifecycle_status(b) for b in boards], [lc.IN_STOCK, lc.IN_STOCK])
			self.assertFalse(frappe.db.exists("Serial Audit Event", {"voucher_no": draft.name}))
		bad = manufacture(kit, 1, [(board, boards)], submit=False)
		bad.st_component_assignment = '{"component": "x"}'
		refusals.refused(self, frappe.ValidationError, bad.save, "must list each component")

	def test_a_sub_assembly_goes_into_a_product_and_the_tree_has_every_level(self):
		cell, cells = parts([5, 5, 5, 5])
		frame, [frame1] = parts([50])
		pack_item, bike_item = serialized_item().name, serialized_item().name
		[pack] = made(manufacture(pack_item, 1, [(cell, cells)]))
		bike_entry = manufacture(bike_item, 1, [(pack_item, [pack]), (frame, [frame1])])
		[bike] = made(bike_entry)
		self.assertEqual(
			sorted(links(unit=bike)),
			sorted([(frame1, bike, "Assembly", True, 0), (pack, bike, "Assembly", True, 0)]),
		)
		tree = trace.unit_tree(cells[2])
		self.assertEqual(tree["top"], bike)
		rows = [(c["depth"], c["serial_no"], c["parent"], c.get("this")) for c in tree["components"]]
		self.assertEqual(rows[0], (0, bike, None, False))
		self.assertEqual(
			sorted(rows[1:]),
			sorted(
				[(1, pack, bike, False), (1, frame1, bike, False)]
				+ [(2, c, pack, c == cells[2]) for c in cells]
			),
		)
		at = [r[1] for r in rows].index(pack)
		self.assertEqual([r[1] for r in rows[at + 1 : at + 5]], cells, "a pack's cells come right under it")
		reached = trace.containing([cells[0]])
		self.assertEqual({u: r.depth for u, r in reached.items()}, {pack: 1, bike: 2})
		self.assertEqual(trace.outermost([cells[0], pack, bike]), {cells[0]: bike, pack: bike, bike: bike})
		self.assertEqual(kinds(pack)[-2:], [ledger.CONSUMED, ledger.BECAME_PART_OF])
		self.assertEqual(verify_chains([*cells, pack, bike, frame1]), [])

	def test_cancel_takes_the_units_apart_and_they_can_be_assembled_again(self):
		board, boards = parts([100, 110])
		kit = serialized_item().name
		entry = manufacture(kit, 1, [(board, boards)])
		[k1] = made(entry)
		entry.reload()
		entry.cancel()
		self.assertEqual(
			links(voucher_no=entry.name),
			[(boards[0], k1, "Assembly", False, 1), (boards[1], k1, "Assembly", False, 1)],
			"kept, marked undone",
		)
		self.assertEqual(kinds(boards[0])[-2:], [ledger.CANCELLED, ledger.CANCELLED])
		self.assertEqual(
			frappe.get_all(
				"Serial Audit Event",
				{"serial_no": boards[0], "event": ledger.CANCELLED},
				pluck="remarks",
				order_by="seq",
			),
			[ledger.BECAME_PART_OF, ledger.CONSUMED],
			"the link event is reversed first, then the movement",
		)
		self.assertEqual([lifecycle_status(b) for b in boards], [lc.IN_STOCK, lc.IN_STOCK])
		self.assertEqual(trace.containing(boards), {}, "an undone link is not traced")
		self.assertEqual(len(summary(k1)["tree"]["components"]), 1)
		self.assertEqual(verify_chains([*boards, k1]), [])

		again = manufacture(kit, 1, [(board, boards[::-1])])
		[k2] = made(again)
		self.assertEqual({u: r.depth for u, r in trace.containing(boards).items()}, {k2: 1})

	def test_a_repack_links_too_and_the_bom_decides_how_many_go_into_each(self):
		board, boards = parts([10, 10, 10, 10, 10])
		kit = serialized_item().name
		bom = frappe.get_doc(
			{
				"doctype": "BOM",
				"item": kit,
				"company": f.COMPANY,
				"quantity": 1,
				"rm_cost_as_per": "Valuation Rate",
				"items": [{"item_code": board, "qty": 2, "rate": 10}],
			}
		).insert()
		bom.submit()
		entry = manufacture(kit, 2, [(board, boards)], bom_no=bom.name, fg_completed_qty=2)
		k1, k2 = made(entry)
		self.assertEqual(
			[(c, u) for c, u, *_ in links(voucher_no=entry.name)],
			[(boards[0], k1), (boards[1], k1), (boards[2], k2), (boards[3], k2)],
			"two each, the fifth left over",
		)
		gadget, [g1, g2] = parts([5, 5])
		box = serialized_item().name
		repack = manufacture(box, 2, [(gadget, [g1, g2])], purpose="Repack")
		self.assertEqual(
			[(c, u) for c, u, *_ in links(voucher_no=repack.name)],
			list(zip([g1, g2], made(repack), strict=True)),
		)

	def test_a_disassemble_entry_takes_the_parts_out_and_its_cancel_puts_them_back(self):
		board, boards = parts([100, 110])
		kit = serialized_item().name
		[k1] = made(manufacture(kit, 1, [(board, boards)]))
		apart = stock_entry(
			"Disassemble",
			[
				serial_row(kit, [k1], s_warehouse=f.warehouse()),
				serial_row(board, boards, t_warehouse=f.warehouse(), basic_rate=105),
			],
		)
		self.assertEqual(
			links(unit=k1), [(boards[0], k1, "Assembly", False, 0), (boards[1], k1, "Assembly", False, 0)]
		)
		self.assertEqual(frappe.get_all(LINK, {"unit": k1}, pluck="ended_by", distinct=True), [apart.name])
		self.assertEqual(kinds(boards[0])[-2:], [ledger.MANUFACTURED, ledger.REMOVED_FROM])
		self.assertEqual(kinds(k1)[-3:], [ledger.CONSUMED, ledger.PART_REMOVED, ledger.PART_REMOVED])
		self.assertEqual(trace.containing(boards)[k1].now, False)
		apart.reload()
		apart.cancel()
		self.assertEqual(
			links(unit=k1), [(boards[0], k1, "Assembly", True, 0), (boards[1], k1, "Assembly", True, 0)]
		)
		self.assertEqual(verify_chains([*boards, k1]), [])

	def test_a_unit_inside_a_sold_unit_cannot_be_received_again_nor_go_into_a_second_unit(self):
		board, [b1] = parts([100])
		kit = serialized_item().name
		[k1] = made(manufacture(kit, 1, [(board, [b1])]))
		f.delivery_note(kit, 1, serials=[k1])  # the kit, with b1 inside, goes to a customer
		with self.assertRaises(SerialTrackingError) as refused:  # refused as soon as it is saved
			stock_entry(
				"Material Receipt", [serial_row(board, [b1], t_warehouse=f.warehouse(), basic_rate=50)]
			)
		self.assertIn(k1, str(refused.exception))
		self.assertFalse(frappe.db.get_value("Serial No", b1, "warehouse"), "b1 did not come back")
		self.assertEqual(trace.containing([b1])[k1].now, True, "b1 is in the sold kit only")
