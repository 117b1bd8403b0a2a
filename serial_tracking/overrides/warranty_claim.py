from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import schedules


def validate(doc, method=None):
	schedules.fill_claim(doc)
	part_swaps.validate(doc)


def on_update(doc, method=None):
	part_swaps.perform(doc)
