"""Problems reported on a unit's public page: a Warranty Claim for the customer who owns the unit (logged
in), an Issue for anyone else (a guest gives an email address). Throttled per visitor by Frappe's rate
limiter (``api/gs1.report_problem``); the answer says nothing of the unit beyond what the page shows."""

import frappe
from frappe.utils import escape_html, nowdate, validate_email_address

from serial_tracking.gs1 import resolver
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _
from serial_tracking.platform.messages import render, rules_as_messages

MAX_LENGTH = 2000


def customer_of_user(user: str) -> str | None:
	"""The Customer a website user stands for (its Contact's link), None for a guest or staff."""
	if user == "Guest":
		return None
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(contact)
		.join(link)
		.on((link.parent == contact.name) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.where((contact.user == user) & (link.link_doctype == "Customer"))
		.limit(1)
	).run()
	return rows[0][0] if rows else None


def report(path: str, description: str, email: str | None = None) -> str:
	with rules_as_messages():
		if not frappe.db.get_single_value("Serial Tracking Settings", "gs1_public_page"):
			raise GS1Error(_("Problems cannot be reported here."))
		description = (description or "").strip()
		if not description or len(description) > MAX_LENGTH:
			raise GS1Error(_("Say in up to {limit} characters what is wrong."), limit=MAX_LENGTH)
		serial_no, item_code = resolver.unit_of_path((path or "").strip("/ "))
		if not serial_no:
			raise GS1Error(_("This code names no unit known here."))
		user = frappe.session.user
		customer = customer_of_user(user)
		if user == "Guest":
			email = (email or "").strip()
			if not validate_email_address(email):
				raise GS1Error(_("Give an email address we can answer to."))
		else:
			email = user
	text = escape_html(description)
	unit = frappe.db.get_value("Serial No", serial_no, ["customer", "company"], as_dict=True)
	if customer and unit.customer == customer:
		doc = frappe.get_doc(
			{
				"doctype": "Warranty Claim",
				"status": "Open",
				"complaint_date": nowdate(),
				"customer": customer,
				"serial_no": serial_no,
				"item_code": item_code,
				"complaint": text,
				"complaint_raised_by": email,
				"company": unit.company or frappe.defaults.get_global_default("company"),
			}
		)
	else:
		doc = frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": render(_("Problem reported on unit {serial}"), {"serial": serial_no}, bold=False)[
					:140
				],
				"raised_by": email,
				"customer": customer,
				"description": text,
			}
		)
	doc.flags.ignore_permissions = True
	doc.insert()
	return render(_("Thank you: your report was received."))
