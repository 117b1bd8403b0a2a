"""Lines of vouchers submitted before the app wrote each line's serials get them (``st_serials``)."""

import frappe

from serial_tracking.custom_fields.line_serials import VOUCHERS
from serial_tracking.install import apply_customizations
from serial_tracking.services import line_serials


def execute():
	apply_customizations()  # patches run before after_migrate creates the new fields
	for doctype in VOUCHERS:
		for done, name in enumerate(line_serials.unfilled(doctype), 1):
			line_serials.write(doctype, name)
			if done % 500 == 0:
				frappe.db.commit()
	frappe.db.commit()
