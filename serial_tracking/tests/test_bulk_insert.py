"""bulk_insert writes its values into the SQL text itself: every value must come back exactly as given,
whatever quotes, backslashes or placeholders it holds, on either database driver (PyMySQL on Frappe 15,
mysqlclient on 16)."""

from datetime import date, datetime
from decimal import Decimal

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.platform import bulk_insert

COLUMNS = ["name", "creation", "modified", "owner", "modified_by", "description", "reference_name", "date"]
TRICKY = [
	"it's",
	'say "hi"',
	"back\\slash \\' \\\\",
	"%s %(x)s %% 100%",
	"line\nbreak\ttab\rreturn",
	"zero\x00byte \x1a",
	"ünïcödé ✓ 🚚",
	"'); DROP TABLE `tabToDo`; --",
	"",
]


class TestBulkInsert(FrappeTestCase):
	def test_values_come_back_exactly(self):
		now = datetime(2026, 12, 3, 7, 45, 1, 123456)
		rows = [
			(
				f"_ST-BI-{i}",
				now,
				now,
				"Administrator",
				"Administrator",
				text,
				str(Decimal("12.50")),
				date(2026, 1, 2),
			)
			for i, text in enumerate(TRICKY)
		]
		bulk_insert.insert("ToDo", COLUMNS, rows)
		todo = frappe.qb.DocType("ToDo")
		got = dict(
			frappe.qb.from_(todo)
			.select(todo.name, todo.description)
			.where(todo.name.like("\\_ST-BI-%"))
			.run()
		)
		self.assertEqual(got, {f"_ST-BI-{i}": text for i, text in enumerate(TRICKY)})
		first = frappe.db.get_value("ToDo", "_ST-BI-0", ["creation", "reference_name", "date"], as_dict=True)
		self.assertEqual((first.creation, first.reference_name, first.date), (now, "12.50", date(2026, 1, 2)))
		self.assertTrue(frappe.db.table_exists("ToDo"))

	def test_none_int_and_float_values(self):
		rows = [("_ST-BN", None, None, None, None, None, 7, None)]
		bulk_insert.insert("ToDo", COLUMNS, rows)
		row = frappe.db.get_value("ToDo", "_ST-BN", ["description", "reference_name", "date"], as_dict=True)
		self.assertEqual((row.description, row.reference_name, row.date), (None, "7", None))
