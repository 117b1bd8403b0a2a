from serial_tracking.maintenance import schedules
from serial_tracking.services import part_swaps


def validate(doc, method=None):
	schedules.fill_claim(doc)
	part_swaps.validate(doc)


def on_update(doc, method=None):
	part_swaps.perform(doc)
