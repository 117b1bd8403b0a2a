from serial_tracking.services import maintenance


def on_submit(doc, method=None):
	maintenance.on_visit(doc)
