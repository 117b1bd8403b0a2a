from serial_tracking import field_checks
from serial_tracking.services import maintenance, part_swaps


def validate(doc, method=None):
	field_checks.check(doc, part_swaps.SWAPS)
	maintenance.fill_claim(doc)
	part_swaps.validate(doc)


def on_update(doc, method=None):
	part_swaps.perform(doc)
