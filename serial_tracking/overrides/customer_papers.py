"""The customer's papers (Delivery Note, Sales Invoice, POS Invoice, Packing Slip, Warranty Claim) print
each line's units in the print's language (customers/papers.py)."""

from serial_tracking.customers import papers


def before_print(doc, method=None, settings=None):
	papers.before_print(doc)


def on_submit(doc, method=None):
	papers.fill_bundle_lines(doc)


def validate_packing_slip(doc, method=None):
	papers.fill_packing_slip(doc)
