import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.maintenance import visit_reminders
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f

PLAN = {
	"st_tracking_mode": "Serialized",
	"st_series_template": "{ITEM}-{###}",
	"st_maintenance_periodicity": "Monthly",
	"st_maintenance_visits": 3,
	"st_customer_warranty_days": 365,
	"st_vendor_warranty_days": 180,
}


def schedules_of(serial):
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	return (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(
			parent.name,
			parent.docstatus,
			parent.customer,
			detail.scheduled_date,
			detail.st_ended,
			detail.st_overdue,
			detail.st_missed,
		)
		.where(detail.serial_no == serial)
		.orderby(detail.scheduled_date)
	).run(as_dict=True)


def backdated(doctype, rows, days_ago, **fields):
	return f.voucher(doctype, rows, posting_date=add_days(nowdate(), -days_ago), set_posting_time=1, **fields)


class TestMaintenance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.holiday_list = ensure_holiday_list()

	def test_delivery_creates_a_schedule_per_unit_with_dates_off_holidays(self):
		item = f.make_item(**PLAN)
		self.assertEqual(
			item.warranty_period, "365", "ERPNext's warranty period follows the customer warranty"
		)
		receipt = f.purchase_receipt(item.name, 2)
		a, b = f.serials_of(item.name)
		self.assertEqual(
			getdate(frappe.db.get_value("Serial No", a, "st_vendor_warranty_expiry")),
			getdate(add_days(receipt.posting_date, 180)),
		)
		holiday = visit_dates.add_months(getdate(nowdate()), 1)
		add_holiday(self.holiday_list, holiday)

		delivery = f.delivery_note(item.name, 2, serials=[a, b])
		start = getdate(delivery.posting_date)
		expected = visit_dates.visit_dates(visit_dates.Plan("Monthly", 3), start, lambda d: d == holiday)
		self.assertNotIn(holiday, expected)
		for unit in (a, b):
			visits = schedules_of(unit)
			self.assertEqual([v.scheduled_date for v in visits], expected)
			self.assertEqual({(v.docstatus, v.customer) for v in visits}, {(1, f.CUSTOMER)})
			warranty, contract = frappe.db.get_value(
				"Serial No", unit, ["warranty_expiry_date", "amc_expiry_date"]
			)
			self.assertEqual(getdate(warranty), getdate(add_days(start, 365)))
			self.assertEqual(getdate(contract), visit_dates.end_date(visit_dates.Plan("Monthly", 3), start))
		self.assertEqual(
			len({v.name for v in schedules_of(a)} | {v.name for v in schedules_of(b)}),
			2,
			"one schedule per unit",
		)

		delivery.cancel()
		self.assertEqual(
			{v.docstatus for v in schedules_of(a) + schedules_of(b)},
			{2},
			"cancelling the delivery cancels them",
		)
		self.assertEqual(
			frappe.get_all("Serial No", {"name": ("in", [a, b])}, pluck="amc_expiry_date"),
			[None, None],
			"and their service contracts with them",
		)

	def test_a_return_ends_the_units_schedule(self):
		item = f.make_item(**PLAN)
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		delivery = f.delivery_note(item.name, 1, serials=[unit])
		back = make_return_doc("Delivery Note", delivery.name)
		back.insert()
		back.submit()
		self.assertEqual({v.st_ended for v in schedules_of(unit)}, {1})
		self.assertEqual(
			getdate(frappe.db.get_value("Serial No", unit, "amc_expiry_date")), getdate(back.posting_date)
		)

	def test_a_returned_unit_owes_no_visit_it_missed_before_the_return(self):
		item = f.make_item(**PLAN)
		backdated("Purchase Receipt", [f.line(item.name, 1)], 60, supplier=f.SUPPLIER)
		[unit] = f.serials_of(item.name)
		delivery = backdated("Delivery Note", [f.line(item.name, 1, serials=[unit])], 45, customer=f.CUSTOMER)
		visit_reminders.flag_overdue_visits()
		visit_reminders.remind_due_visits(days=31)
		missed = schedules_of(unit)[0]
		self.assertEqual((missed.st_overdue, missed.st_ended), (1, 0), "a visit is overdue before the return")

		back = make_return_doc("Delivery Note", delivery.name)
		back.insert()
		back.submit()

		visits = schedules_of(unit)
		self.assertEqual({v.st_ended for v in visits}, {1}, "no visit of a returned unit is due")
		self.assertEqual([v.st_missed for v in visits], [1, 0, 0], "the visit due before stays on record")
		self.assertEqual({v.st_overdue for v in visits}, {0})
		self.assertNotIn(unit, {v.serial_no for v in visit_reminders.overdue_visits()})
		visit_reminders.flag_overdue_visits()
		self.assertEqual({v.st_overdue for v in schedules_of(unit)}, {0}, "the daily job agrees")
		open_reminders = frappe.get_all(
			"ToDo",
			{"reference_type": "Maintenance Schedule", "reference_name": missed.name, "status": "Open"},
		)
		self.assertEqual(open_reminders, [], "no reminder asks for a visit to a unit back with us")

		from serial_tracking.serial_tracking.report.upcoming_maintenance.upcoming_maintenance import execute

		self.assertNotIn(unit, {row["serial_no"] for row in execute({"item_code": item.name})[1]})

	def test_daily_job_flags_overdue_visits_and_reminds_of_due_ones(self):
		item = f.make_item(**PLAN)
		backdated("Purchase Receipt", [f.line(item.name, 1)], 60, supplier=f.SUPPLIER)
		[unit] = f.serials_of(item.name)
		backdated("Delivery Note", [f.line(item.name, 1, serials=[unit])], 45, customer=f.CUSTOMER)
		visits = schedules_of(unit)
		self.assertLess(visits[0].scheduled_date, getdate(nowdate()))
		self.assertGreaterEqual(visit_reminders.flag_overdue_visits(), 1)
		self.assertEqual([v.st_overdue for v in schedules_of(unit)], [1, 0, 0])
		made = visit_reminders.remind_due_visits(days=31)
		self.assertGreaterEqual(made, 1)
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_type": "Maintenance Schedule", "reference_name": visits[1].name}
			)
		)
		self.assertEqual(visit_reminders.remind_due_visits(days=31), 0, "one reminder per visit")

		from serial_tracking.serial_tracking.report.upcoming_maintenance.upcoming_maintenance import execute

		_columns, data, _msg, chart = execute({"item_code": item.name})
		[row] = data
		self.assertEqual((row["serial_no"], row["customer"]), (unit, f.CUSTOMER))
		self.assertGreater(row["overdue_days"], 0)
		self.assertEqual(row["warranty_status"], visit_dates.UNDER)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1])

	def test_claim_inside_the_vendor_window_names_supplier_and_receipt(self):
		item = f.make_item(**PLAN)
		receipt = f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[unit])
		claim = frappe.get_doc(
			{
				"doctype": "Warranty Claim",
				"customer": f.CUSTOMER,
				"serial_no": unit,
				"item_code": item.name,
				"complaint": "Does not start",
				"company": f.COMPANY,
				"complaint_date": nowdate(),
			}
		).insert()
		self.assertEqual(claim.warranty_amc_status, "Under Warranty")
		self.assertEqual(claim.st_vendor_warranty_status, visit_dates.UNDER)
		self.assertEqual(
			(claim.st_vendor, claim.st_vendor_receipt_type, claim.st_vendor_receipt),
			(f.SUPPLIER, "Purchase Receipt", receipt.name),
		)

		claim.complaint_date = add_days(nowdate(), 200)  # after the vendor window
		claim.save()
		self.assertEqual(claim.st_vendor_warranty_status, visit_dates.EXPIRED)
		self.assertIsNone(claim.st_vendor)

	def test_visit_records_cost_and_condition_per_unit(self):
		item = f.make_item(**PLAN)
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		f.delivery_note(item.name, 1, serials=[unit])
		visit = f.maintenance_visit(item.name, unit, st_labour_cost=40, st_parts_cost=25, st_condition="Good")
		self.assertEqual(frappe.db.get_value("Serial No", unit, "st_condition"), "Good")
		last = frappe.get_all(
			"Serial Audit Event", {"serial_no": unit}, ["event", "remarks"], order_by="seq desc", limit=1
		)[0]
		self.assertEqual((last.event, last.remarks), ("Condition Changed", f"Maintenance Visit {visit.name}"))
		cost = frappe.get_all(
			"Maintenance Visit Purpose",
			{"serial_no": unit, "docstatus": 1},
			["st_labour_cost", "st_parts_cost"],
		)[0]
		self.assertEqual((cost.st_labour_cost, cost.st_parts_cost), (40, 25))

	def test_bad_plans_are_refused_and_nothing_is_written(self):
		cases = [
			({**PLAN, "st_maintenance_visits": 0}, "neither"),
			(
				{
					**PLAN,
					"st_maintenance_visits": 0,
					"st_maintenance_periodicity": "Yearly",
					"st_maintenance_months": 6,
				},
				"does not fit in 6 months",
			),
			({"st_tracking_mode": "Quantity", "st_vendor_warranty_days": 90}, "only serialized items"),
			(
				{
					"st_tracking_mode": "Quantity",
					"st_maintenance_periodicity": "Monthly",
					"st_maintenance_visits": 2,
				},
				"only serialized items",
			),
		]
		for fields, message in cases:
			code = f"ST-BAD-{frappe.generate_hash(length=6)}"
			with self.subTest(message=message):
				with self.assertRaises(SerialTrackingError) as refused:
					f.make_item(code, **fields)
				self.assertIn(message, frappe.utils.strip_html(str(refused.exception)))
				self.assertFalse(frappe.db.exists("Item", code))

	def test_item_group_customer_warranty_dates_delivered_units(self):
		group = f"_ST Warranty {frappe.generate_hash(length=5)}"
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": group,
				"parent_item_group": "All Item Groups",
				"st_customer_warranty_days": 90,
			}
		).insert()
		item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}", item_group=group)
		self.assertFalse(item.warranty_period, "the item has no warranty of its own")
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		delivery = f.delivery_note(item.name, 1, serials=[unit])
		self.assertEqual(
			getdate(frappe.db.get_value("Serial No", unit, "warranty_expiry_date")),
			getdate(add_days(delivery.posting_date, 90)),
		)

	def test_erpnext_warranty_period_set_directly_moves_the_customer_warranty(self):
		item = f.make_item(**PLAN)
		item.warranty_period = "730"
		item.save()
		self.assertEqual(frappe.db.get_value("Item", item.name, "st_customer_warranty_days"), 730)


def ensure_holiday_list() -> str:
	name = "_ST Holidays"
	if not frappe.db.exists("Holiday List", name):
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": "2020-01-01",
				"to_date": "2035-12-31",
			}
		).insert()
	frappe.db.set_value("Company", f.COMPANY, "default_holiday_list", name)
	return name


def add_holiday(holiday_list: str, day) -> None:
	doc = frappe.get_doc("Holiday List", holiday_list)
	if getdate(day) not in {getdate(h.holiday_date) for h in doc.holidays}:
		doc.append("holidays", {"holiday_date": day, "description": "ST test holiday"})
		doc.save()
