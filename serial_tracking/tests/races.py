"""Racing transactions for real: each contender runs in a thread with its own database connection, as
a request on a web worker of its own, and all start at the same instant. Each first reads (so its
transaction's snapshot is taken before anyone commits, as a request's is), then acts and commits."""

import threading
import traceback
from collections.abc import Callable

import frappe
from frappe.utils import strip_html

from serial_tracking.audit import verifier
from serial_tracking.tests import factories as f
from serial_tracking.units import voucher_moves

WON = "won"


def contender(site, sites_path, name, act: Callable, outcome: dict, start: threading.Barrier, look_at):
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		frappe.db.get_value("Serial No", look_at, "warehouse")  # the snapshot: taken before anyone acts
		start.wait()
		act()
		frappe.db.commit()
		outcome[name] = WON
	except Exception as error:
		frappe.db.rollback()
		status = getattr(error, "http_status_code", 500)
		outcome[name] = (type(error).__name__, status, strip_html(str(error)), traceback.format_exc())
	finally:
		frappe.destroy()


def race(contenders: dict[str, Callable], look_at: str, timeout: int = 600) -> dict:
	"""Run the contenders at once; ``{name: "won" or (error type, HTTP status, message, trace)}``."""
	frappe.db.commit()  # what they race for is there for every connection
	outcome: dict = {}
	start = threading.Barrier(len(contenders))
	threads = [
		threading.Thread(
			target=contender,
			args=(frappe.local.site, frappe.local.sites_path, name, act, outcome, start, look_at),
		)
		for name, act in contenders.items()
	]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=timeout)
	return outcome


class RaceAssertions:
	"""Mixed into a FrappeTestCase."""

	def assert_one_winner(self, outcome: dict, serials: list[str], contenders: int) -> str:
		"""Exactly one contender won; every other was refused with a clear 4xx message naming a unit."""
		self.assertEqual(len(outcome), contenders, outcome)
		winners = [name for name, result in outcome.items() if result == WON]
		self.assertEqual(len(winners), 1, {k: v if v == WON else v[:3] for k, v in outcome.items()})
		for name, result in outcome.items():
			if result == WON:
				continue
			kind, status, message, trace = result
			self.assertTrue(400 <= status < 500, f"{name}: {kind} {status} {message}\n{trace}")
			self.assertTrue(any(serial in message for serial in serials), f"{name}: {message}")
		return winners[0]

	def assert_consistent(self, item_code: str, serials: list[str]) -> None:
		"""Bins hold the units on hand, each movement is one live event, every chain verifies."""
		frappe.db.rollback()  # a fresh snapshot: what the contenders committed
		units = frappe.get_all("Serial No", {"item_code": item_code}, ["name", "warehouse"])
		on_hand: dict = {}
		for unit in units:
			if unit.warehouse:
				on_hand[unit.warehouse] = on_hand.get(unit.warehouse, 0) + 1
		bins = {
			b.warehouse: b.actual_qty
			for b in frappe.get_all("Bin", {"item_code": item_code}, ["warehouse", "actual_qty"])
			if b.actual_qty
		}
		self.assertEqual(bins, on_hand, "each bin holds the units on hand in its warehouse")
		self.assertEqual(f.stock_qty(item_code), sum(on_hand.values()))
		for serial in serials:
			moved = frappe.db.sql_list(
				"""select distinct b.voucher_no from `tabSerial and Batch Entry` e
				join `tabSerial and Batch Bundle` b on b.name = e.parent
				where e.serial_no = %s and b.docstatus = 1 and b.is_cancelled = 0""",
				serial,
			)
			live = frappe.db.sql_list(
				"""select voucher_no from `tabSerial Audit Event` e where serial_no = %s and voucher_type in %s
				and event != 'Cancelled' and not exists (select 1 from `tabSerial Audit Event` r
				where r.serial_no = e.serial_no and r.reverses = e.name)""",
				(serial, voucher_moves.MOVING),
			)
			self.assertEqual(sorted(live), sorted(moved), f"{serial}: one live event per movement")
		self.assertEqual(verifier.verify_chains(serials), [])
