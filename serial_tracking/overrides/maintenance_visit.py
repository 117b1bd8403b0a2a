from serial_tracking import field_checks
from serial_tracking.services import maintenance, part_swaps


def validate(doc, method=None):
	field_checks.check(doc, part_swaps.SWAPS)
	part_swaps.validate(doc)


def on_submit(doc, method=None):
	maintenance.on_visit(doc)
	part_swaps.perform(doc)


def on_cancel(doc, method=None):
	part_swaps.cancel(doc)
