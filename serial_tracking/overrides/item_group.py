from serial_tracking.services import maintenance, tracking_mode


def validate(doc, method=None):
	tracking_mode.check_group_template(doc)
	maintenance.check_group(doc)
