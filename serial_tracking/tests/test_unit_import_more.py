"""A Unit Import beyond units on hand: the installed base (delivered to its customers, with warranty,
contract and maintenance schedules), Snipe-IT's and ERPNext's exports through their presets, updates of
loans, notes and unit attributes (and their cancel), units dated on their purchase, the template, and a
large import in parts that goes on after a failed part or a dead worker."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.actions import unit_actions
from serial_tracking.api import unit_import as api
from serial_tracking.audit.verifier import verify_chains
from serial_tracking.tests import factories as f
from serial_tracking.tests import import_helpers as h
from serial_tracking.tests.test_maintenance import PLAN, ensure_holiday_list, schedules_of
from serial_tracking.tests.trail import kinds
from serial_tracking.unit_import import posting
from serial_tracking.unit_import.core import judge, plan
from serial_tracking.units.core import ledger
from serial_tracking.units.core import lifecycle as lc


def uid(prefix: str) -> str:
	return f"{prefix}-{frappe.generate_hash(length=6).upper()}"


def day(days: int) -> str:
	return str(getdate(add_days(nowdate(), days)))


SNIPE_IT_HEADERS = [
	"Asset Tag",
	"Serial",
	"Model",
	"Status",
	"Checked Out To",
	"Location",
	"Purchase Date",
	"Purchase Cost",
	"Supplier",
	"Warranty",
	"Order Number",
	"Notes",
]


class Killed(BaseException):
	"""A worker that dies: nothing of it handles the end, as when its process is killed."""


class TestUnitImportMore(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		ensure_holiday_list()
		cls.employee = f.ensure_employee()
		cls.stores = f.warehouse("Stores")

	def serialized(self, **fields):
		return f.make_item(st_tracking_mode="Serialized", st_serial_source="Enter or scan", **fields).name

	def test_the_installed_base_goes_to_its_customers_with_warranty_contract_and_schedules(self):
		item = f.make_item(**PLAN).name
		sold = [f"{item}-{n:03d}" for n in (901, 902)]
		content = h.csv_of(
			[
				"Serial No",
				"Item",
				"Customer",
				"Delivery Date",
				"Customer Warranty Expiry",
				"AMC Expiry",
				"Cost",
			],
			[sold[0], item, f.CUSTOMER, day(-200), day(400), day(700), "300"],
			[sold[1], item, f.CUSTOMER, day(-100), "", "", ""],
		)
		doc = h.new_import(content, rows_warehouse=self.stores)
		self.assertEqual((doc.new_units, doc.errors), (2, 0), h.verdicts(doc))
		self.assertIn("zero value", h.verdicts(doc)[2][1])
		api.start(doc.name)
		doc.reload()
		notes = [e for e in doc.entries if e.voucher_type == "Delivery Note"]
		self.assertEqual((len(notes), {e.party for e in notes}), (2, {f.CUSTOMER}))
		first = h.unit(sold[0])
		self.assertEqual((first.st_lifecycle_status, first.warehouse), (lc.DELIVERED, None))
		self.assertEqual(frappe.db.get_value("Serial No", sold[0], "customer"), f.CUSTOMER)
		dates = frappe.db.get_value("Serial No", sold[0], ["warranty_expiry_date", "amc_expiry_date"])
		self.assertEqual([str(d) for d in dates], [day(400), day(700)])
		self.assertEqual(kinds(sold[0]), [ledger.IMPORTED, ledger.DELIVERED])
		receipt = frappe.db.get_value(
			"Serial Audit Event", {"serial_no": sold[0], "event": ledger.IMPORTED}, "posting"
		)
		self.assertEqual(str(getdate(receipt)), day(-200))  # in no later than it went out
		self.assertTrue(schedules_of(sold[0]) and schedules_of(sold[1]))
		self.assertEqual({s.customer for s in schedules_of(sold[0])}, {f.CUSTOMER})
		rates = frappe.get_all(
			"Stock Ledger Entry",
			{"voucher_no": ("in", [e.voucher for e in doc.entries])},
			pluck="incoming_rate",
		)
		self.assertEqual(set(rates), {0.0})

		again = h.new_import(content, rows_warehouse=self.stores)
		self.assertEqual((again.unchanged, again.new_units), (2, 0), h.verdicts(again))

		doc.cancel()
		self.assertEqual({s.docstatus for s in schedules_of(sold[0])}, {2})
		self.assertIsNone(h.unit(sold[0]).warehouse)
		self.assertEqual(verify_chains(sold), [])

	def test_snipe_it_and_erpnext_exports_come_in_through_their_presets(self):
		laptop = self.serialized(item_name=uid("Laptop Model"))
		name = frappe.db.get_value("Item", laptop, "item_name")
		person = frappe.db.get_value("Employee", self.employee, "employee_name")
		tags = [uid("TAG") for _ in range(3)]
		snipe = h.csv_of(
			SNIPE_IT_HEADERS,
			[
				tags[0],
				"SN-" + tags[0],
				name,
				"Ready to Deploy",
				"",
				"Stores",
				"2025-03-01",
				"1,200.00",
				f.SUPPLIER,
				"36",
				"PO-7",
				"spare",
			],
			[
				tags[1],
				"SN-" + tags[1],
				name,
				"Deployed",
				person,
				"Stores",
				"2025-03-01",
				"1,100.00",
				f.SUPPLIER,
				"36",
				"PO-7",
				"",
			],
			[
				tags[2],
				"SN-" + tags[2],
				name,
				"Archived",
				"",
				"Stores",
				"2020-03-01",
				"0.00",
				"",
				"",
				"",
				"broken screen",
			],
		)
		doc = h.new_import(snipe)
		self.assertEqual((doc.preset, doc.ignored_columns), ("Snipe-IT", "Notes"))
		self.assertEqual((doc.new_units, doc.errors), (3, 0), h.verdicts(doc))
		self.assertIn("no reminder", h.verdicts(doc)[3][1])
		api.start(doc.name)
		spare, lent, archived = (h.unit(t) for t in tags)
		self.assertEqual(
			(spare.st_maker_serial, str(spare.st_vendor_warranty_expiry)), ("SN-" + tags[0], "2028-03-01")
		)
		self.assertEqual((lent.st_lifecycle_status, lent.st_custodian), (lc.ON_LOAN, self.employee))
		self.assertEqual((archived.st_lifecycle_status, archived.warehouse), (lc.RETIRED, None))
		self.assertEqual(kinds(tags[2]), [ledger.IMPORTED, ledger.RETIRED])
		remarks = frappe.db.get_value(
			"Serial Audit Event", {"serial_no": tags[0], "event": ledger.IMPORTED}, "remarks"
		)
		self.assertIn(doc.name, remarks)
		self.assertIn("PO-7", remarks)

		ids = [uid("ERP") for _ in range(2)]
		erpnext = h.csv_of(
			[
				"ID",
				"Item Code",
				"Warehouse",
				"Status",
				"Warranty Expiry Date",
				"AMC Expiry Date",
				"Customer",
				"Creation Document No",
			],
			[ids[0], laptop, self.stores, "Active", "", "", "", "MAT-PRE-1"],
			[ids[1], laptop, self.stores, "Delivered", day(300), day(600), f.CUSTOMER, "MAT-PRE-1"],
		)
		doc = h.new_import(erpnext)
		self.assertEqual(
			(doc.preset, doc.new_units, doc.errors), ("ERPNext Serial No", 2, 0), h.verdicts(doc)
		)
		api.start(doc.name)
		self.assertEqual(h.unit(ids[0]).st_lifecycle_status, lc.IN_STOCK)
		self.assertEqual(h.unit(ids[1]).st_lifecycle_status, lc.DELIVERED)

	def test_an_update_lends_returns_and_notes_units_and_cancel_puts_them_back(self):
		colour = ensure_attribute(self)
		item = self.serialized()
		lend, back, note = (uid("UPD") for _ in range(3))
		f.receive(item, 3, serials=[lend, back, note])
		unit_actions.act(
			[back], lc.CHECK_OUT, custodian_type="Employee", custodian=self.employee, due_date=day(5)
		)
		content = h.csv_of(
			[
				"Serial No",
				"Item",
				"Status",
				"Custodian Type",
				"Custodian",
				"Due Back",
				"Maker Serial",
				"Location Note",
				"Colour Code",
			],
			[lend, item, "On Loan", "Customer", f.CUSTOMER, day(14), "", "", ""],
			[back, item, "In Stock", "", "", "", "", "", ""],
			[note, item, "In Stock", "", "", "", "MK-" + note, "Shelf 3", "Red"],
		)
		doc = h.new_import(content, mode=judge.UPDATE)
		self.assertEqual((doc.updates, doc.errors), (3, 0), h.verdicts(doc))
		api.start(doc.name)
		self.assertEqual(
			(h.unit(lend).st_lifecycle_status, h.unit(lend).st_custodian), (lc.ON_LOAN, f.CUSTOMER)
		)
		self.assertEqual((h.unit(back).st_lifecycle_status, h.unit(back).st_custodian), (lc.IN_STOCK, None))
		self.assertEqual(h.unit(note).st_maker_serial, "MK-" + note)
		self.assertEqual(
			frappe.db.get_value("Serial No", note, ["st_location_note", colour]), ("Shelf 3", "Red")
		)
		self.assertEqual(kinds(lend)[-1], ledger.CHECKED_OUT)
		self.assertEqual(kinds(back)[-1], ledger.CHECKED_IN)
		self.assertEqual(kinds(note)[-1], ledger.UPDATED)

		doc.reload()
		doc.cancel()
		self.assertEqual((h.unit(lend).st_lifecycle_status, h.unit(lend).st_custodian), (lc.IN_STOCK, None))
		self.assertEqual(
			(h.unit(back).st_lifecycle_status, h.unit(back).st_custodian), (lc.ON_LOAN, self.employee)
		)
		self.assertEqual(
			frappe.db.get_value("Serial No", note, ["st_maker_serial", "st_location_note", colour]),
			(None, None, None),
		)
		self.assertEqual(verify_chains([lend, back, note]), [])

	def test_units_come_in_on_their_purchase_dates_and_the_template_has_an_example(self):
		item = self.serialized()
		old, older = uid("OLD"), uid("OLDER")
		content = h.csv_of(
			["Serial No", "Item", "Warehouse", "Cost", "Purchase Date"],
			[old, item, "Stores", "5", day(-30)],
			[older, item, "Stores", "5", day(-60)],
		)
		doc = h.new_import(content, post_on=judge.POST_ON[1])
		api.start(doc.name)
		doc.reload()
		dates = sorted(
			str(frappe.db.get_value("Stock Entry", e.voucher, "posting_date")) for e in doc.entries
		)
		self.assertEqual(dates, [day(-60), day(-30)])

		api.export_units(f.COMPANY, template=1)
		template = frappe.local.response.filecontent.decode("utf-8-sig").splitlines()
		self.assertEqual(len(template), 2)
		self.assertTrue(template[0].startswith("Serial No,Item,Warehouse"))
		self.assertIn("LAPTOP-0001", template[1])

	def test_a_file_that_is_no_workbook_or_of_another_kind_is_refused_and_nothing_is_kept(self):
		for content, name, words in (
			(b"PK not a workbook", "units.xlsx", "cannot be read as an Excel workbook"),
			("Serial No,Item\n", "units.ods", "neither"),
		):
			doc = frappe.get_doc({"doctype": h.IMPORT, "company": f.COMPANY}).insert()
			with self.assertRaises(frappe.ValidationError) as raised:
				h.attach(doc, content, name)
			self.assertIn(words, str(raised.exception))
			self.assertEqual(frappe.db.count("Unit Import Row", {"unit_import": doc.name}), 0)

	def test_a_large_import_goes_in_parts_and_goes_on_after_a_dead_worker_or_a_failed_part(self):
		item = self.serialized()
		serials = [uid("PART") for _ in range(5)]
		doc = h.new_import(
			h.csv_of(["Serial No", "Item", "Warehouse", "Cost"], *([s, item, "Stores", "5"] for s in serials))
		)
		original, calls = posting.post_part, []

		def dies_in_part_two(doc, records, part, attributes):
			calls.append(part)
			if part == 2 and len(calls) == 2:
				raise Killed
			return original(doc, records, part, attributes)

		with (
			patch.object(posting, "BACKGROUND_OVER", 1),
			patch.object(plan, "PART", 2),
			f.captured_jobs() as jobs,
		):
			api.start(doc.name)
			frappe.db.commit()  # what the requests before the job committed
			with patch.object(posting, "post_part", dies_in_part_two), self.assertRaises(Killed):
				f.run_jobs(jobs)
			frappe.db.rollback()  # the dead worker's open part is lost with its connection
			doc.reload()
			self.assertEqual((doc.docstatus, doc.status, doc.parts_done), (1, judge.QUEUED, 1))
			self.assertEqual(sum(1 for s in serials if frappe.db.exists("Serial No", s)), 2)

			self.assertEqual(api.resume(doc.name), {"queued": True})
			f.run_jobs(jobs)
		doc.reload()
		self.assertEqual((doc.status, doc.parts_done), (judge.IMPORTED, 3))
		self.assertEqual({h.unit(s).warehouse for s in serials}, {self.stores})
		self.assertEqual(verify_chains(serials), [])

		more = [uid("PART") for _ in range(4)]
		doc = h.new_import(
			h.csv_of(["Serial No", "Item", "Warehouse", "Cost"], *([s, item, "Stores", "5"] for s in more))
		)
		with (
			patch.object(posting, "BACKGROUND_OVER", 1),
			patch.object(plan, "PART", 2),
			f.captured_jobs() as jobs,
		):
			api.start(doc.name)
			frappe.db.commit()
			receipt, made = posting.receipt, []

			def refused_in_part_two(*args, **kwargs):  # as ERPNext refuses a receipt
				made.append(1)
				if len(made) == 2:
					frappe.throw(f"Serial {more[3]} was taken meanwhile.")
				return receipt(*args, **kwargs)

			with patch.object(posting, "receipt", refused_in_part_two):
				f.run_jobs(jobs)
			doc.reload()
			self.assertEqual((doc.docstatus, doc.status, doc.parts_done), (1, judge.INTERRUPTED, 1))
			self.assertIn(more[3], doc.error)
			doc.cancel()  # takes back the part imported
		self.assertIsNone(h.unit(more[0]).warehouse)


def ensure_attribute(test) -> str:
	"""A unit attribute of the business (a custom field of Serial No), for one test."""
	name = "Serial No-colour_code"
	if not frappe.db.exists("Custom Field", name):
		frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Serial No",
				"fieldname": "colour_code",
				"label": "Colour Code",
				"fieldtype": "Data",
				"insert_after": "st_attributes_section",
			}
		).insert()
	test.addCleanup(lambda: frappe.delete_doc("Custom Field", name, force=True))
	return "colour_code"
