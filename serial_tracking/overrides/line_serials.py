"""Submitted vouchers that move units: each line shows its serials (after every other on_submit handler of
the voucher, once ERPNext made the bundles and the app generated the serials in them)."""

from serial_tracking.series import line_serials


def on_submit(doc, method=None):
	line_serials.fill(doc)
