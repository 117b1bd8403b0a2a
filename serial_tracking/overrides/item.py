from serial_tracking.maintenance import schedules
from serial_tracking.series import tracking_mode


def before_validate(doc, method=None):
	tracking_mode.apply_to_item(doc)
	schedules.apply_to_item(doc)
