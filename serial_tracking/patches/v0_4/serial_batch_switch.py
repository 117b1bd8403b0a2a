"""Sites that installed the app before it turned on ERPNext 16's "Enable Serial / Batch No for Item"
(Stock Settings): turn it on now, as a new install does. Nothing on ERPNext 15."""

from serial_tracking.install import enable_serial_batch


def execute():
	enable_serial_batch()
