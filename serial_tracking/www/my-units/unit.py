"""/my-units/<serial>: one of the website user's customer's units, its visits and claims, and a form to
report a problem with it (website_route_rules in hooks.py)."""

import frappe
from frappe import _

from serial_tracking.customers import portal

no_cache = 1


def get_context(context):
	serial = frappe.form_dict.serial_no
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to=/my-units/{serial or ''}"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = True
	context.unit = portal.unit(serial, portal.customers())
	context.title = _("Unit {0}").format(context.unit.serial_no)
	context.parents = [{"route": "my-units", "title": _("My Units")}]
