from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import warranties


def validate(doc, method=None):
	part_swaps.validate(doc)


def on_submit(doc, method=None):
	warranties.on_visit(doc)
	part_swaps.perform(doc)


def on_cancel(doc, method=None):
	part_swaps.cancel(doc)
