"""The desk as a user meets it (issue 30): every screen opened cold works and guides. Reports with no
filters say where to start instead of throwing, keep no hidden window, explain empty results and show
people by name; the Serial No form leads with what matters; every doctype of the app opens from its
URL; charts draw the same at every load. (The browser tier's cold-open crawl opens each screen.)"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate
from frappe.utils.user import UserPermissions

from serial_tracking.actions import unit_actions
from serial_tracking.api import dashboard
from serial_tracking.serial_tracking.report.overdue_check_outs.overdue_check_outs import execute as overdue
from serial_tracking.serial_tracking.report.recall_trace.recall_trace import execute as recall_trace
from serial_tracking.serial_tracking.report.serial_integrity_check.serial_integrity_check import (
	execute as integrity,
)
from serial_tracking.serial_tracking.report.unit_history.unit_history import execute as unit_history
from serial_tracking.serial_tracking.report.unit_utilization.unit_utilization import execute as utilization
from serial_tracking.serial_tracking.report.units_due_for_count.units_due_for_count import (
	execute as units_due,
)
from serial_tracking.serial_tracking.report.upcoming_maintenance.upcoming_maintenance import chart
from serial_tracking.tests import factories as f
from serial_tracking.units.core import lifecycle

MODULE = "Serial Tracking"
STOCK_USER = "st-desk-stock-user@example.com"


def stock_user() -> str:
	if not frappe.db.exists("User", STOCK_USER):
		user = frappe.get_doc(
			{"doctype": "User", "email": STOCK_USER, "first_name": "ST Stock", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		user.add_roles("Stock User")
	return STOCK_USER


class TestDeskGuides(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def serialized(self) -> str:
		return f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name

	# 5 -------------------------------------------------------------------------------------------------

	def test_recall_trace_with_no_start_says_where_to_start(self):
		for filters in ({}, {"through_components": 1}, {"item_code": self.serialized()}):
			columns, rows, message = recall_trace(filters)
			self.assertTrue(columns)
			self.assertEqual(rows, [])
			self.assertIn("Supplier", message)

	def test_recall_trace_from_a_receipt_of_a_type(self):
		item = self.serialized()
		receipt = f.purchase_receipt(item, 2)
		rows = recall_trace({"receipt_type": "Purchase Receipt", "receipt": receipt.name})[1]
		self.assertEqual({r["serial_no"] for r in rows}, set(f.serials_of(item)))
		self.assertEqual(recall_trace({"receipt_type": "Stock Entry", "receipt": receipt.name})[1], [])

	def test_recall_trace_from_a_unit_with_no_receipt_says_so(self):
		_columns, rows, message = recall_trace({"serial_no": "NO-SUCH-UNIT-30"})
		self.assertEqual(rows, [])
		self.assertIn("NO-SUCH-UNIT-30", message)

	# 6 -------------------------------------------------------------------------------------------------

	def test_unit_history_keeps_no_hidden_window(self):
		item = self.serialized()
		old = add_days(nowdate(), -90)
		f.voucher(
			"Purchase Receipt",
			[f.line(item, 2)],
			supplier=f.SUPPLIER,
			posting_date=old,
			set_posting_time=1,
		)
		rows = unit_history({"item_code": item})[1]
		self.assertEqual({r["serial_no"] for r in rows}, set(f.serials_of(item)))
		self.assertEqual({getdate(r["posting"]) for r in rows}, {getdate(old)})
		self.assertEqual(unit_history({"item_code": item, "from_date": nowdate()})[1], [])

	def test_unit_history_says_when_it_shows_only_the_newest_events(self):
		item = self.serialized()
		f.purchase_receipt(item, 3)
		_columns, rows, message = unit_history({"item_code": item, "limit": "2"})
		self.assertEqual(len(rows), 2)
		self.assertIn("2", message)
		self.assertEqual(len(unit_history({"item_code": item, "limit": "All"})[1]), 3)

	def test_unit_history_components_without_a_unit_asks_for_one(self):
		_columns, rows, message = unit_history({"view": "Components"})
		self.assertEqual(rows, [])
		self.assertIn("Serial No", message)

	# 7 -------------------------------------------------------------------------------------------------

	def test_the_serial_no_form_leads_with_what_matters(self):
		fields = frappe.get_meta("Serial No").fields
		first_break = next(
			i for i, df in enumerate(fields) if i and df.fieldtype in ("Section Break", "Tab Break")
		)
		lead = [df.fieldname for df in fields[:first_break]]
		for fieldname in (
			"item_code",
			"warehouse",
			"status",
			"st_lifecycle_status",
			"st_custodian",
			"st_due_date",
		):
			self.assertIn(fieldname, lead)
		self.assertNotIn("st_maker_serial", lead)
		self.assertFalse(fields[0].collapsible)
		self.assertLess(lead.index("status"), lead.index("st_lifecycle_status"))

	# 10 ------------------------------------------------------------------------------------------------

	def test_overdue_check_outs_name_the_custodian(self):
		item = self.serialized()
		f.purchase_receipt(item, 1)
		[unit] = f.serials_of(item)
		employee = f.ensure_employee()
		unit_actions.act(
			[unit], lifecycle.CHECK_OUT, custodian_type="Employee", custodian=employee, due_date=nowdate()
		)
		[row] = [r for r in overdue({"overdue_only": 0, "item_code": item})[1]]
		self.assertEqual(row["custodian_name"], frappe.db.get_value("Employee", employee, "employee_name"))
		self.assertEqual(row["custodian"], employee)
		self.assertEqual(overdue({"overdue_only": 0, "custodian_type": "Customer", "item_code": item})[1], [])

	def test_upcoming_maintenance_chart_counts_whole_visits_and_no_past_weeks(self):
		today = getdate()
		rows = [{"next_visit": add_days(today, -40)}, {"next_visit": add_days(today, -1)}]
		rows += [{"next_visit": add_days(today, 9)}]
		drawn = chart(rows)
		labels, values = drawn["data"]["labels"], drawn["data"]["datasets"][0]["values"]
		self.assertEqual((labels[0], values[0]), ("Overdue", 2))
		self.assertEqual(sum(values), 3)
		self.assertTrue(all(isinstance(v, int) for v in values))
		self.assertTrue(all(label.startswith("Week of") for label in labels[1:]))
		self.assertTrue(drawn["whole_numbers"])

	def test_unit_utilization_shows_days_as_whole_numbers_and_a_sold_unit_as_sold(self):
		item = self.serialized()
		f.voucher(
			"Purchase Receipt",
			[f.line(item, 1)],
			supplier=f.SUPPLIER,
			posting_date=add_days(nowdate(), -200),
			set_posting_time=1,
		)
		[unit] = f.serials_of(item)
		f.voucher(
			"Delivery Note",
			[f.line(item, 1, serials=[unit])],
			customer=f.CUSTOMER,
			posting_date=add_days(nowdate(), -150),
			set_posting_time=1,
		)
		[row] = utilization({"item_code": item})[1]
		self.assertEqual(row["pattern"], "Sold")
		self.assertIsNone(row["utilization"])
		self.assertIsInstance(row["sold"], int)
		[by_item] = utilization({"item_code": item, "group_by_item": 1})[1]
		self.assertEqual((by_item["always_out"], by_item["sold_units"]), (0, 1))

	# 11 ------------------------------------------------------------------------------------------------

	def test_units_due_for_count_says_no_interval_is_set(self):
		warehouse, group = frappe.qb.DocType("Warehouse"), frappe.qb.DocType("Item Group")
		frappe.qb.update(warehouse).set(warehouse.st_count_every_days, 0).run()
		frappe.qb.update(group).set(group.st_count_every_days, 0).run()
		self.addCleanup(frappe.db.rollback)
		for view in ("Units", "Locations"):
			_columns, rows, message = units_due({"view": view})
			self.assertEqual(rows, [])
			self.assertIn("Count Units Every (Days)", message)

	def test_serial_integrity_check_with_nothing_to_repair_says_so(self):
		item = self.serialized()
		f.purchase_receipt(item, 1)
		_columns, rows, message = integrity({"item_code": item})
		self.assertEqual(rows, [])
		self.assertIn("nothing to repair", message)

	# the cold-open crawl's findings ------------------------------------------------------------------

	def test_every_doctype_of_the_app_opens_from_its_url(self):
		"""Frappe routes /app/<doctype> only for doctypes in the user's can_read, which leaves out those
		marked "User Cannot Search" (read_only): their lists and workspace links were Page Not Found."""
		doctypes = frappe.get_all("DocType", {"module": MODULE, "istable": 0, "issingle": 0}, pluck="name")
		for user in ("Administrator", stock_user()):
			permissions = UserPermissions(user)
			permissions.build_permissions()
			missing = [d for d in doctypes if d not in permissions.can_read]
			self.assertEqual(missing, [], user)

	def test_the_workspace_chart_lists_statuses_in_their_own_order(self):
		drawn = dashboard.units_by_status()
		order = [lifecycle.STATUSES.index(label) for label in drawn["labels"]]
		self.assertEqual(order, sorted(order))
		self.assertTrue(all(drawn["datasets"][0]["values"]))
		chart_doc = frappe.get_doc("Dashboard Chart", "Units by Status")
		self.assertEqual((chart_doc.chart_type, chart_doc.source), ("Custom", "Units by Status"))
