from serial_tracking.services import tracking_mode


def before_validate(doc, method=None):
	tracking_mode.apply_to_item(doc)
