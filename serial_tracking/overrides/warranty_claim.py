from serial_tracking.customers import papers
from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import warranties
from serial_tracking.platform import field_checks


def validate(doc, method=None):
	field_checks.check(doc, part_swaps.SWAPS)
	warranties.fill_claim(doc)
	doc.st_maker_serial = papers.maker_serial(doc)
	part_swaps.validate(doc)


def on_update(doc, method=None):
	part_swaps.perform(doc)
