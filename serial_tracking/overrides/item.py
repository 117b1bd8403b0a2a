from serial_tracking.series import tracking_mode
from serial_tracking.services import maintenance


def before_validate(doc, method=None):
	tracking_mode.apply_to_item(doc)
	maintenance.apply_to_item(doc)
