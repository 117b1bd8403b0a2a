from serial_tracking.customers import papers
from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import warranties


def validate(doc, method=None):
	warranties.fill_claim(doc)
	doc.st_maker_serial = papers.maker_serial(doc)
	part_swaps.validate(doc)


def on_update(doc, method=None):
	part_swaps.perform(doc)
