from serial_tracking.services import tracking_mode


def validate(doc, method=None):
	tracking_mode.check_group_template(doc)
