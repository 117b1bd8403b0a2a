from serial_tracking.series import tracking_mode
from serial_tracking.services import maintenance


def validate(doc, method=None):
	tracking_mode.check_group_template(doc)
	maintenance.check_group(doc)
