"""The demo's clock: a year of business happens on its own days, not all at load time.

Stock vouchers take a posting date (set_posting_time), but much of what the demo shows records the
moment it happens: unit actions (check-out, repair), a Tracking Mode Change's stock entries, the
audit trail, creation times. So the loader lives through the year: the clock is moved to each step's
day and time (freezegun, the library Frappe's own tests use to freeze time) and ticks on from there,
so documents made on one day keep their order. It only ever moves forward, and never past today.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytz

import frappe
from frappe import _
from frappe.utils import get_system_timezone, getdate, now_datetime

# modules that keep the real time (network and job queue clients)
REAL_TIME = ["redis", "rq", "pymysql", "MySQLdb", "socketio", "werkzeug"]


class Clock:
	def __init__(self, factory, today: date, stop_at: datetime):
		self._factory = factory
		self.today = today
		self._stop_at = stop_at
		self._at = None

	def day(self, days_ago: int) -> date:
		return self.today - timedelta(days=days_ago)

	def go(self, days_ago: int, hour: int = 9, minute: int = 0) -> datetime:
		"""Move to ``days_ago`` days before today at hour:minute (later than now if the clock is there)."""
		target = datetime.combine(self.day(days_ago), time(hour, minute))
		now = now_datetime()
		if self._at and target <= now:
			target = now + timedelta(seconds=1)
		# Half a second past: ERPNext 15 compares posting times through Frappe's format_timedelta, which
		# writes a time within 100 microseconds past a whole minute in scientific notation
		# ("14:00:6.9e-05"); MariaDB reads that as no time, and ERPNext values the serialized units of
		# such a voucher at 0 (its SerialNoValuation finds no earlier receipt). A clock that ticks on
		# from a whole minute would post every voucher in that window.
		target = min(target.replace(microsecond=500_000), self._stop_at)
		self._factory.move_to(to_utc(target))
		self._at = target
		return target


def to_utc(moment: datetime) -> datetime:
	return pytz.timezone(get_system_timezone()).localize(moment).astimezone(pytz.utc)


@contextmanager
def living_through_the_past():
	"""A :class:`Clock` set before today; on leaving, time is real again."""
	try:
		from freezegun import freeze_time
	except ImportError:
		frappe.throw(
			_(
				"The demo data needs the Python package freezegun, which moves its clock through the past "
				"year. Install it with: bench setup requirements --dev serial_tracking"
			),
			title=_("Demo data"),
		)
	real_now = now_datetime()
	today = getdate(real_now)
	freezer = freeze_time(to_utc(real_now - timedelta(days=366)), tick=True, ignore=REAL_TIME)
	factory = freezer.start()
	try:
		yield Clock(factory, today, stop_at=real_now - timedelta(minutes=5))
	finally:
		freezer.stop()
