"""Lines of vouchers submitted before the app wrote each line's serials get them (``st_serials``)."""

import frappe

from serial_tracking.install import apply_customizations
from serial_tracking.series import line_serials


def execute():
	apply_customizations()  # patches run before after_migrate creates the new fields
	for doctype in line_serials.VOUCHERS:
		for done, name in enumerate(line_serials.unfilled(doctype), 1):
			line_serials.write(doctype, name)
			if done % 500 == 0:
				frappe.db.commit()
	frappe.db.commit()
