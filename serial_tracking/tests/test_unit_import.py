"""A Unit Import end to end on the real bench: a shop's spreadsheet read and checked, its units brought
into stock through ERPNext Material Receipts (one per supplier, opening stock), what the file says of
them recorded in their audit trails, the same file recognised when imported again, units exported and
read back with one change, rows that cannot be imported refused with the reason, large imports in the
background, and cancelling (everything taken back, or refused while a unit moved since)."""

import csv
import io
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.api import unit_import as api
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f
from serial_tracking.tests import import_helpers as h
from serial_tracking.tests.refusals import refused
from serial_tracking.tests.trail import kinds
from serial_tracking.unit_import import posting
from serial_tracking.unit_import.core import judge
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc

HEADER = [
	"Serial Number",
	"Product",
	"Location",
	"Maker Serial",
	"Status",
	"Condition",
	"Unit Cost",
	"Purchased",
	"Warranty Months",
	"Vendor",
	"Checked Out To",
	"Due Date",
]


def uid(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=6).upper()}"


class TestUnitImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.employee = f.ensure_employee()
		cls.stores, cls.shop = f.warehouse("Stores"), f.warehouse("Shop")

	def shop_file(self):
		"""A shop's spreadsheet: laptops by serial (two suppliers, one on loan, one in repair), a drill
		without a serial (its item generates them), European dates and amounts."""
		laptop = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		drill = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{####}").name
		serials = [uid("LAP") for _ in range(3)]
		due = getdate(add_days(nowdate(), 10)).strftime("%d/%m/%Y")
		lines = [
			[
				serials[0],
				laptop,
				"Stores",
				"MK-" + serials[0],
				"In Stock",
				"Good",
				"1.250,50",
				"31/01/2025",
				"24",
				f.SUPPLIER,
				"",
				"",
			],
			[serials[1], laptop, "Stores", "", "", "Fair", "999", "15/03/2025", "", "", self.employee, due],
			[
				serials[2],
				laptop,
				"Shop",
				"",
				"In Repair",
				"Needs Repair",
				"1.100,00",
				"",
				"",
				f.SUPPLIER,
				"",
				"",
			],
			["", drill, "Shop", "DR-" + serials[0], "", "New", "80", "", "", "", "", ""],
		]
		content = ";".join(HEADER) + "\n" + "\n".join(";".join(line) for line in lines) + "\n"
		return content, laptop, drill, serials

	def test_a_shops_units_come_in_with_what_the_file_says_and_a_second_run_changes_nothing(self):
		content, laptop, drill, serials = self.shop_file()
		doc = h.new_import(content)
		self.assertEqual(doc.status, judge.CHECKED)
		self.assertEqual((doc.total_rows, doc.new_units, doc.errors), (4, 4, 0), h.verdicts(doc))
		self.assertEqual({c.header: c.field for c in doc.columns}["Vendor"], "Supplier")

		self.assertEqual(api.start(doc.name), {"queued": False})
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status), (1, judge.IMPORTED))
		self.assertEqual(sorted((e.party or "", e.units) for e in doc.entries), [("", 2), (f.SUPPLIER, 2)])
		for entry in doc.entries:
			se = frappe.get_doc("Stock Entry", entry.voucher)
			self.assertEqual(
				(se.docstatus, se.purpose, se.is_opening, se.st_unit_intent),
				(1, "Material Receipt", "Yes", ledger.IMPORTED),
			)

		first, loaned, repaired = (h.unit(s) for s in serials)
		self.assertEqual(
			(first.warehouse, first.st_lifecycle_status, first.st_condition),
			(self.stores, lc.IN_STOCK, "Good"),
		)
		self.assertEqual(first.st_maker_serial, "MK-" + serials[0])
		self.assertEqual(str(first.st_vendor_warranty_expiry), "2027-01-31")
		self.assertEqual(str(first.st_first_received)[:10], "2025-01-31")
		self.assertEqual((loaned.st_lifecycle_status, loaned.st_custodian), (lc.ON_LOAN, self.employee))
		self.assertEqual(repaired.st_lifecycle_status, lc.IN_REPAIR)
		self.assertEqual(kinds(serials[0]), [ledger.IMPORTED, ledger.CONDITION_CHANGED])
		self.assertEqual(kinds(serials[1]), [ledger.IMPORTED, ledger.CHECKED_OUT])
		self.assertEqual(kinds(serials[2]), [ledger.IMPORTED, ledger.SENT_TO_REPAIR])
		generated = h.row_unit(doc, 5)
		self.assertTrue(generated.startswith(drill + "-"), generated)
		self.assertEqual(h.unit(generated).st_maker_serial, "DR-" + serials[0])
		rates = frappe.get_all(
			"Stock Ledger Entry",
			{"voucher_no": ("in", [e.voucher for e in doc.entries]), "item_code": laptop},
			pluck="incoming_rate",
		)
		self.assertEqual(sorted(rates), [999.0, 1100.0, 1250.5])
		event = frappe.get_all(
			"Serial Audit Event", {"serial_no": serials[0], "event": ledger.IMPORTED}, ["party_type", "party"]
		)[0]
		self.assertEqual((event.party_type, event.party), ("Supplier", f.SUPPLIER))
		self.assertEqual(verify_chains([*serials, generated]), [])

		again = h.new_import(content)
		self.assertEqual(again.imported_before, doc.name)
		self.assertEqual(
			{row: verdict for row, (verdict, _m) in h.verdicts(again).items()},
			dict.fromkeys((2, 3, 4, 5), judge.UNCHANGED),  # the drill without a serial: known by its maker's
		)
		self.assertIn(f"Already imported by {doc.name}.", h.verdicts(again)[2][1])

	def test_units_exported_and_read_back_change_only_what_was_edited(self):
		item = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		serials = [uid("EXP") for _ in range(3)]
		f.receive(item, 3, rate=40, serials=serials)
		api.export_units(f.COMPANY, item_code=item, preset="Serial Tracking", file_format="CSV")
		exported = frappe.local.response.filecontent.decode("utf-8-sig")
		table = list(csv.reader(io.StringIO(exported)))
		self.assertEqual(table[0][:3], ["Serial No", "Item", "Warehouse"])
		self.assertEqual(sorted(line[0] for line in table[1:]), sorted(serials))
		self.assertEqual({line[6] for line in table[1:]}, {"40.00"})

		table[1][table[0].index("Condition")] = "Fair"
		table[2][table[0].index("Maker Serial")] = "MAKER-NEW"
		buffer = io.StringIO()
		csv.writer(buffer).writerows(table)
		doc = h.new_import(buffer.getvalue(), mode=judge.UPDATE)
		self.assertEqual((doc.updates, doc.unchanged, doc.errors), (2, 1, 0), h.verdicts(doc))
		api.start(doc.name)
		fair, renamed = table[1][0], table[2][0]
		self.assertEqual(h.unit(fair).st_condition, "Fair")
		self.assertEqual(h.unit(renamed).st_maker_serial, "MAKER-NEW")
		self.assertEqual(kinds(fair)[-1], ledger.CONDITION_CHANGED)
		self.assertEqual(kinds(renamed)[-1], ledger.UPDATED)
		self.assertEqual(verify_chains(serials), [])

		doc.reload()
		doc.cancel()
		self.assertIsNone(h.unit(fair).st_condition)
		self.assertIsNone(h.unit(renamed).st_maker_serial)
		self.assertEqual(kinds(renamed)[-1], ledger.CANCELLED)
		self.assertEqual(verify_chains(serials), [])

	def test_rows_that_cannot_be_imported_say_why_and_stop_the_import_unless_skipped(self):
		laptop = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		checked = f.make_item(
			st_tracking_mode="Serialized",
			st_serial_source="Generate when left blank",
			st_series_template="7{####}{CHECK:LUHN}",
		).name
		soup = f.make_item().name
		on_hand = uid("HAND")
		f.receive(laptop, 1, serials=[on_hand], wh=self.shop)
		other = frappe.db.get_value("Warehouse", {"company": ("!=", f.COMPANY), "is_group": 0}, "name")
		twice, fine = uid("TWO"), uid("OK")
		bad = [
			[on_hand, laptop, "Stores", "10", "", "", "", ""],  # on hand in Shop
			[twice, laptop, "Stores", "10", "", "", "", ""],
			[twice, laptop, "Shop", "10", "", "", "", ""],  # the same unit in two places
			[uid("Q"), soup, "Stores", "10", "", "", "", ""],  # tracked by quantity
			[uid("X"), "No Such Item", "Stores", "10", "", "", "", ""],
			[uid("D"), laptop, "Stores", "10", add_days(nowdate(), 3), "", "", ""],  # bought in the future
			[uid("C"), laptop, "Stores", "abc", "", "", "", ""],
			[uid("N"), laptop, "Stores", "-5", "", "", "", ""],
			["712340", checked, "Stores", "10", "", "", "", ""],  # a wrong check digit (Luhn of 71234 is 9)
			[uid("W"), laptop, other, "10", "", "", "", ""],  # a warehouse of another company
			[uid("L"), laptop, "Stores", "10", "", "", "Nobody Of That Name", ""],
			[uid("M"), laptop, "Stores", "10", "", "", "", "MK-SAME"],
			[uid("M"), laptop, "Stores", "10", "", "", "", "mk-same"],  # one maker serial, two units
			[
				uid("E"),
				laptop,
				"Stores",
				"10",
				"2025-06-01",
				"2025-01-01",
				"",
				"",
			],  # warranty before purchase
		]
		content = h.csv_of(
			[
				"Serial No",
				"Item",
				"Warehouse",
				"Cost",
				"Purchase Date",
				"Vendor Warranty Expiry",
				"Custodian",
				"Maker Serial",
			],
			*bad,
			[fine, laptop, "Stores", "10", "", "", "", ""],
		)
		units_before = frappe.db.count("Serial No")
		entries_before = frappe.db.count("Stock Entry")
		doc = h.new_import(content)
		found = h.verdicts(doc)
		self.assertEqual([v for v, _m in found.values()], [judge.ERROR] * len(bad) + [judge.NEW], found)
		for row, words in {
			2: "is in " + self.shop + " by the books",
			3: "two places",
			5: "tracked by quantity",
			6: "Item: No Item is called No Such Item",
			7: "Purchase Date: The purchase date",
			8: "Cost: Cannot read the cost abc",
			9: "negative",
			10: "check",
			11: f"belongs to company {frappe.db.get_value('Warehouse', other, 'company')}",
			12: "Custodian: No Custodian is called Nobody Of That Name",
			13: "one maker serial is one unit",
			15: "Vendor Warranty Expiry: Vendor Warranty Expiry 2025-01-01 is before",
		}.items():
			self.assertIn(words, found[row][1], (row, found[row]))
		refused(
			self, SerialTrackingError, lambda: api.start(doc.name), f"Rows with errors: {len(bad)}", "row 2"
		)
		self.assertEqual(
			(frappe.db.count("Serial No"), frappe.db.count("Stock Entry")), (units_before, entries_before)
		)
		doc.reload()
		doc.skip_errors = 1
		doc.save()
		api.start(doc.name)
		self.assertEqual(h.unit(fine).warehouse, self.stores)
		self.assertIsNone(frappe.db.exists("Serial No", twice))
		self.assertEqual(h.unit(on_hand).warehouse, self.shop)

	def test_cancel_takes_everything_back_or_refuses_while_a_unit_moved_since(self):
		content, laptop, _drill, serials = self.shop_file()
		doc = h.new_import(content)
		api.start(doc.name)
		doc.reload()
		f.delivery_note(laptop, 1, serials=[serials[0]], wh=self.stores)
		refused(self, SerialTrackingError, doc.cancel, serials[0], "Delivered", rollback=True)

		content, laptop, _drill, serials = self.shop_file()
		doc = h.new_import(content)
		api.start(doc.name)
		doc.reload()
		doc.cancel()
		for serial in serials:
			unit = h.unit(serial)
			self.assertEqual((unit.warehouse, unit.st_custodian), (None, None), serial)
		self.assertEqual(kinds(serials[1])[-2:], [ledger.CANCELLED, ledger.CANCELLED])
		self.assertTrue(
			all(frappe.db.get_value(e.voucher_type, e.voucher, "docstatus") == 2 for e in doc.entries)
		)
		self.assertEqual(verify_chains(serials), [])

	def test_a_large_import_runs_in_the_background_and_a_failure_changes_nothing(self):
		item = f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan").name
		serials = [uid("BG") for _ in range(3)]
		doc = h.new_import(
			h.csv_of(["Serial No", "Item", "Warehouse", "Cost"], *([s, item, "Stores", "5"] for s in serials))
		)
		with patch.object(posting, "BACKGROUND_OVER", 2), f.captured_jobs() as jobs:
			self.assertEqual(api.start(doc.name), {"queued": True})
			self.assertEqual(frappe.db.get_value(h.IMPORT, doc.name, "status"), judge.QUEUED)
			f.run_jobs(jobs)
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status), (1, judge.IMPORTED))
		self.assertEqual({h.unit(s).warehouse for s in serials}, {self.stores})

		late = [uid("LATE") for _ in range(3)]
		doc = h.new_import(
			h.csv_of(["Serial No", "Item", "Warehouse", "Cost"], *([s, item, "Stores", "5"] for s in late))
		)
		f.receive(item, 1, serials=[late[2]], wh=self.shop)  # arrives elsewhere after the check
		with patch.object(posting, "BACKGROUND_OVER", 2), f.captured_jobs() as jobs:
			api.start(doc.name)
			frappe.db.commit()  # what the requests before the job committed
			f.run_jobs(jobs)
		doc.reload()
		self.assertEqual((doc.docstatus, doc.status), (0, judge.CHECKED))
		self.assertIn(late[2], doc.error)
		self.assertFalse(frappe.db.exists("Serial No", late[0]))

	def test_bad_input_is_refused_with_a_reason(self):
		doc = h.new_import(h.csv_of(["Serial No", "Item"], ["A", "B"]))
		refused(self, frappe.ValidationError, lambda: api.rows(doc.name, verdict="Nonsense"), "Nonsense")
		refused(self, frappe.ValidationError, lambda: api.export_units(f.COMPANY, preset="Nope"), "preset")
		refused(
			self,
			frappe.ValidationError,
			lambda: h.new_import(
				b"\x00\x01", file_name="units.doc"
			),  # not a .pdf: Frappe 16 parses those on insert
			"CSV or Excel",
			rollback=True,
		)
		doc.columns[1].field = "Serial No"
		refused(self, SerialTrackingError, doc.save, "Two columns are mapped to", rollback=True)
