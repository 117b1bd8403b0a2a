"""Stock Reservation Entry: units ERPNext reserves by serial are Reserved in their lifecycle."""

from serial_tracking.actions import reservations


def on_submit(doc, method=None):
	reservations.sync(doc)


def on_update_after_submit(doc, method=None):
	reservations.sync(doc)


def on_cancel(doc, method=None):
	reservations.sync(doc)
