from serial_tracking.customers import steps
from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import warranties
from serial_tracking.platform import field_checks


def validate(doc, method=None):
	field_checks.check(doc, part_swaps.SWAPS)
	part_swaps.validate(doc)
	steps.check_visit(doc)


def on_submit(doc, method=None):
	warranties.on_visit(doc)
	part_swaps.perform(doc)
	steps.visit_submitted(doc)


def on_cancel(doc, method=None):
	part_swaps.cancel(doc)
