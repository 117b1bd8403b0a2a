from serial_tracking.maintenance import schedules
from serial_tracking.series import tracking_mode


def validate(doc, method=None):
	tracking_mode.check_group_template(doc)
	schedules.check_group(doc)
