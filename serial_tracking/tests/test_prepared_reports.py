"""The heavy reports run as Frappe prepared reports when the setting says so: queued, computed by the
worker's own job (run here as the worker would), and read back by the desk."""

import json
from unittest.mock import patch

import frappe
from frappe.core.doctype.prepared_report.prepared_report import generate_report, make_prepared_report
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from serial_tracking.platform import prepared_reports
from serial_tracking.tests import factories as f


class TestPreparedReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		cls.item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}").name
		f.purchase_receipt(cls.item, 2, rate=300)

	def setUp(self):
		# generate_report commits (Frappe's update_job_id): leave the site as it was, committed too
		self.addCleanup(frappe.db.commit)
		self.addCleanup(set_prepared, 0)

	def test_the_setting_marks_the_heavy_reports_prepared(self):
		set_prepared(1)
		for name in prepared_reports.HEAVY:
			self.assertEqual(frappe.db.get_value("Report", name, "prepared_report"), 1, name)
		set_prepared(0)
		for name in prepared_reports.HEAVY:
			self.assertEqual(frappe.db.get_value("Report", name, "prepared_report"), 0, name)

	def test_each_heavy_report_computes_in_the_background(self):
		set_prepared(1)
		filters = {
			"Serial Profitability": {"company": f.COMPANY, "item_code": self.item},
			"Serial Integrity Check": {"item_code": self.item},
			"Unit Utilization": {"company": f.COMPANY, "item_code": self.item},
			"Recall Trace": {"supplier": f.SUPPLIER},
		}
		for name in prepared_reports.HEAVY:
			# Frappe queues the job after the next commit, and generate_report commits: a worker serving
			# this bench would run the same job at the same time. The job is kept here and run as the
			# worker would.
			with self.subTest(report=name), patch(f"{generate_report.__module__}.enqueue") as enqueue:
				queued = run(name, filters=filters[name])
				self.assertTrue(queued.get("prepared_report"), f"{name} ran inside the request")
				prepared = make_prepared_report(name, filters[name])["name"]
				self.assertEqual(enqueue.call_args.kwargs["prepared_report"], prepared)
				generate_report(prepared)  # the worker's job
				doc = frappe.get_doc("Prepared Report", prepared)
				self.assertEqual(doc.status, "Completed", doc.error_message)
				data = json.loads(doc.get_prepared_data())
				self.assertIn("columns", data)
				self.assertIn("result", data)


def set_prepared(enabled: int) -> None:
	settings = frappe.get_single("Serial Tracking Settings")
	settings.prepared_reports = enabled
	settings.save()
