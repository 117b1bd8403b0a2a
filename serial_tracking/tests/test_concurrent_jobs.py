"""Background jobs run twice at the same moment (two RQ workers given the same job) write once."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from serial_tracking.api.unit import act
from serial_tracking.audit import backfill
from serial_tracking.tasks import daily
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import EVENT_DOCTYPE, serial_row, stock_entry
from serial_tracking.units.core import lifecycle as lc


def twice_at_once(method: str, **kwargs) -> list[Exception]:
	"""Run ``method`` in two threads, each with its own connection as a worker has; returns errors."""
	site, user, errors = frappe.local.site, frappe.session.user, []
	start = threading.Barrier(2)

	def worker():
		frappe.init(site=site)
		frappe.connect()
		frappe.set_user(user)
		try:
			start.wait()
			frappe.get_attr(method)(**kwargs)
			frappe.db.commit()
		except Exception as error:
			errors.append(error)
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=worker) for _ in range(2)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return errors


class TestConcurrentJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_two_backfills_at_once_write_each_history_once(self):
		item = f.make_item(has_serial_no=1, serial_no_series=f"CJ{frappe.generate_hash(length=5)}-.####")
		with f.app_hooks(False):
			f.purchase_receipt(item.name, 4)
			units = f.serials_of(item.name)
			stock_entry(
				"Material Transfer",
				[
					serial_row(
						item.name, units[:2], s_warehouse=f.warehouse(), t_warehouse=f.warehouse("Shop")
					)
				],
			)
		frappe.db.commit()
		self.assertEqual(
			twice_at_once("serial_tracking.audit.backfill.backfill_all", batch_size=2, progress=False),
			[],
		)
		events = frappe.get_all(EVENT_DOCTYPE, {"serial_no": ("in", units)}, ["serial_no", "seq"])
		self.assertEqual(len(events), 6, "2 receipts+transfers and 2 receipts, once each")
		self.assertEqual(len({(e.serial_no, e.seq) for e in events}), len(events), "no seq written twice")
		self.assertEqual(backfill.backfill_all(progress=False), 0)

	def test_two_daily_jobs_at_once_make_each_reminder_once(self):
		item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}")
		f.purchase_receipt(item.name, 2)
		units = f.serials_of(item.name)
		act(
			units,
			lc.CHECK_OUT,
			custodian_type="Customer",
			custodian=f.CUSTOMER,
			due_date=add_days(nowdate(), -3),
		)
		frappe.db.commit()
		self.assertEqual(twice_at_once("serial_tracking.tasks.daily"), [])
		for unit in units:
			self.assertEqual(
				frappe.db.count("ToDo", {"reference_name": unit, "status": "Open"}),
				1,
				"one reminder per unit",
			)
		daily()
		self.assertEqual(frappe.db.count("ToDo", {"reference_name": ("in", units), "status": "Open"}), 2)
