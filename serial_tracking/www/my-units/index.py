"""/my-units: the units of the website user's customer (customers/portal.py)."""

import frappe
from frappe import _

from serial_tracking.customers import portal

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-units"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = True
	context.title = _("My Units")
	context.customers = portal.customers()
	context.units = portal.units(context.customers)
