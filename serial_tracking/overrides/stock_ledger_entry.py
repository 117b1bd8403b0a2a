from serial_tracking.services import serial_intake


def after_insert(doc, method=None):
	serial_intake.attach_bundle(doc)
