"""Heavy read paths write nothing, so they can run on a read replica (``read_from_replica``): each runs
here inside a READ ONLY transaction, where any write fails."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api import audit, dashboard, genealogy, item, series, unit, unit_count, unit_import
from serial_tracking.audit import verifier
from serial_tracking.serial_tracking.report.units_due_for_count import units_due_for_count
from serial_tracking.tests import count_helpers, import_helpers
from serial_tracking.tests import factories as f


class TestReadOnlyPaths(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}")
		f.purchase_receipt(cls.item.name, 2)
		cls.serial = f.serials_of(cls.item.name)[0]
		cls.draft = f.receive(cls.item.name, 1, submit=False).name
		cls.count = count_helpers.start(count_helpers.place("Read Only")).name
		cls.unit_import = import_helpers.new_import(import_helpers.csv_of(["Serial No"], [cls.serial])).name
		frappe.db.commit()

	def read_only(self, call):
		frappe.db.rollback()
		frappe.db.begin(read_only=True)
		try:
			return call()
		finally:
			frappe.db.rollback()

	def test_whitelisted_reads_write_nothing(self):
		calls = {
			"unit.summary": lambda: unit.summary(self.serial),
			"dashboard.warranty_expiring": dashboard.warranty_expiring,
			"dashboard.maintenance_overdue": dashboard.maintenance_overdue,
			"series.preview": lambda: series.preview("{ITEM}-{YY}-{#####}", self.item.name),
			"item.mode_switch_blocker": lambda: item.mode_switch_blocker(self.item.name, "Quantity"),
			"audit.verify (one unit)": lambda: audit.verify(self.serial),
			"genealogy.unit_tree": lambda: genealogy.unit_tree(self.serial),
			"genealogy.assembly": lambda: genealogy.assembly(self.draft),
			"audit_verify.report (all units)": lambda: verifier.report(verifier.verify_chains()),
			"unit_count.recent": lambda: unit_count.recent(self.count),
			"Units Due for Count": lambda: units_due_for_count.execute({"view": "Units", "days_ahead": 365}),
			"Units Due for Count (locations)": lambda: units_due_for_count.execute({"view": "Locations"}),
			"unit_import.rows": lambda: unit_import.rows(self.unit_import),
			"unit_import.export_units": lambda: unit_import.export_units(f.COMPANY, item_code=self.item.name),
			"unit_import.export_units (template)": lambda: unit_import.export_units(f.COMPANY, template=1),
		}
		for name, call in calls.items():
			with self.subTest(name):
				self.read_only(call)

	def test_a_write_in_a_read_only_transaction_fails(self):
		"""The check above is real: MariaDB refuses writes in a READ ONLY transaction."""
		with self.assertRaisesRegex(
			Exception, "READ ONLY|read only"
		):  # the driver's error, or Frappe's word for it
			self.read_only(lambda: frappe.db.set_value("Serial No", self.serial, "st_condition", "Good"))
