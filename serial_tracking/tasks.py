"""Scheduled work (hooks: scheduler_events)."""

import frappe

from serial_tracking.actions import checkout_reminders
from serial_tracking.audit import checkpoints
from serial_tracking.counting import cadence
from serial_tracking.maintenance import visit_reminders
from serial_tracking.platform.job_lock import exclusive


def daily():
	"""Reminders (check-outs, maintenance visits, unit counts) and overdue flags, then the day's audit
	checkpoint; a second scheduler running it at the same time does nothing."""
	with exclusive("daily") as got:
		if not got:
			return
		checkout_reminders.remind_overdue_checkouts()
		visit_reminders.flag_overdue_visits()
		visit_reminders.remind_due_visits()
		cadence.remind_due_counts()
		frappe.db.commit()  # before the lock goes: the next holder sees these reminders
		checkpoints.daily()
