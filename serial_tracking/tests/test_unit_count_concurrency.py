"""Two people scanning into the same count at once, each on a database connection of their own (as
two requests on two web workers): no scan is lost, and a unit both of them scan is counted once."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api import unit_count as api
from serial_tracking.counting.core import count_rules as c
from serial_tracking.tests import count_helpers as h
from serial_tracking.tests import factories as f

UNITS = 60


def scan_in_own_connection(site, sites_path, count, serials, outcome, key, start: threading.Barrier):
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	verdicts = []
	try:
		start.wait()
		for serial in serials:
			verdicts.append(api.scan(count, serial)["verdict"])
			frappe.db.commit()  # each scan is a request of its own
		outcome[key] = verdicts
	except Exception:
		frappe.db.rollback()
		outcome[key] = __import__("traceback").format_exc()
	finally:
		frappe.destroy()


class TestConcurrentScans(FrappeTestCase):
	def test_two_scanners_lose_no_scan(self):
		f.ensure_test_world()
		stores = h.place("Stores")
		_item, serials = h.units(UNITS, stores)
		count = h.start(stores)
		frappe.db.commit()

		both = serials[20:40]  # both people scan these 20 units, in the same order, at the same time
		first, second = both + serials[:20], both + serials[40:]
		outcome: dict = {}
		start = threading.Barrier(2)
		threads = [
			threading.Thread(
				target=scan_in_own_connection,
				args=(frappe.local.site, frappe.local.sites_path, count.name, part, outcome, key, start),
			)
			for key, part in (("first", first), ("second", second))
		]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=300)

		for key in ("first", "second"):
			self.assertIsInstance(outcome.get(key), list, outcome.get(key))
		frappe.db.rollback()  # a fresh snapshot: see what the two connections committed
		scans = frappe.get_all("Unit Count Scan", {"unit_count": count.name}, ["serial_no", "verdict"])
		self.assertEqual(len(scans), 80, "every scan of both people is there")
		expected = [s.serial_no for s in scans if s.verdict == c.EXPECTED]
		self.assertEqual(sorted(expected), sorted(serials), "each unit counted once")
		self.assertEqual(sum(1 for s in scans if s.verdict == c.ALREADY_SCANNED), 20)
		verdicts = outcome["first"] + outcome["second"]
		self.assertEqual((verdicts.count(c.EXPECTED), verdicts.count(c.ALREADY_SCANNED)), (60, 20))
		totals = h.counters(count.name)
		self.assertEqual((totals.scans, totals.found), (80, 60), "the running totals agree with the scans")

		closed = h.close(count)
		self.assertEqual((closed.found, closed.missing), (60, 0))
		frappe.delete_doc("Unit Count", count.name)
		frappe.db.commit()
