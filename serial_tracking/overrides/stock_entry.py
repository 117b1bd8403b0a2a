"""Stock Entry: the units a Manufacture or Repack entry assembles, a repair's entry swaps and a
Disassemble entry takes apart are linked once the entry's movements are in each unit's history."""

from serial_tracking.audit import trail
from serial_tracking.genealogy import unit_links


def validate(doc, method=None):
	unit_links.validate(doc)


def on_submit(doc, method=None):
	trail.flush(doc)  # the movements first: each unit's link events follow them
	unit_links.on_submit(doc)


def on_cancel(doc, method=None):
	unit_links.on_cancel(doc)
