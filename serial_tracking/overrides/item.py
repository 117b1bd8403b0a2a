from serial_tracking.maintenance import plans
from serial_tracking.series import tracking_mode


def before_validate(doc, method=None):
	tracking_mode.apply_to_item(doc)
	plans.apply_to_item(doc)
