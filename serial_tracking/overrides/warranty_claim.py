from serial_tracking.services import maintenance


def validate(doc, method=None):
	maintenance.fill_claim(doc)
