from serial_tracking.services import maintenance, tracking_mode


def before_validate(doc, method=None):
	tracking_mode.apply_to_item(doc)
	maintenance.apply_to_item(doc)
