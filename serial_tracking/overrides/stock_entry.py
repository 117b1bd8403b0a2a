"""Stock Entry: the units a Manufacture or Repack entry assembles, a repair's entry swaps and a
Disassemble entry takes apart are linked once the entry's movements are in each unit's history."""

from serial_tracking.audit import trail
from serial_tracking.services import genealogy


def validate(doc, method=None):
	genealogy.validate(doc)


def on_submit(doc, method=None):
	trail.flush(doc)  # the movements first: each unit's link events follow them
	genealogy.on_submit(doc)


def on_cancel(doc, method=None):
	genealogy.on_cancel(doc)
