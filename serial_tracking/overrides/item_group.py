from serial_tracking.maintenance import plans
from serial_tracking.series import tracking_mode


def validate(doc, method=None):
	tracking_mode.check_group_template(doc)
	plans.check_group(doc)
