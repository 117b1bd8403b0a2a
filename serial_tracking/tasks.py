"""Scheduled work (hooks: scheduler_events)."""

from serial_tracking.services import reminders


def daily():
	reminders.remind_overdue_checkouts()
	reminders.flag_overdue_visits()
	reminders.remind_due_visits()
