"""Load, remove and describe the demo data: a small business with a year of history, built through ERPNext
documents so every report, chart, history and number card of the app shows something real; removable
again.

``bench --site <site> serial-tracking-demo [--company C] [--remove]``, or from Serial Tracking Settings
on a site in developer mode or with allow_tests (System Manager). Loading twice loads once; removal
works from the log of what the demo made (Serial Tracking Demo Record) and leaves the site's own
records alone.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from serial_tracking.demo import log, masters, removal
from serial_tracking.demo.clock import living_through_the_past
from serial_tracking.demo.story import Story
from serial_tracking.maintenance import visit_reminders


def default_company() -> str:
	company = frappe.defaults.get_global_default("company") or frappe.db.get_single_value(
		"Global Defaults", "default_company"
	)
	if not company:
		frappe.throw(
			_("The site has no default company: give one with --company, or complete the setup wizard."),
			title=_("Demo data"),
		)
	return company


def load(company: str | None = None, progress: bool = True) -> dict:
	"""Load the demo business into ``company`` (the site's default company when not given)."""
	if log.loaded():
		return {"loaded": False, "message": _("The demo data is already loaded.")}
	company = company or default_company()
	if not frappe.db.exists("Company", company):
		frappe.throw(_("Company {0} does not exist.").format(frappe.bold(company)), title=_("Demo data"))
	masters.check_free()
	report = reporter(progress)
	with living_through_the_past() as clock:
		clock.go(365)
		report(1, _("Creating the catalogue, parties and warehouses"))
		story = Story(masters.make(company, clock.day(366), clock.today), clock)
		steps = story.steps()
		for done, (days_ago, hour, step) in enumerate(steps, 1):
			clock.go(days_ago, hour)
			step()
			report(int(95 * done / len(steps)), _("{0} days ago").format(days_ago))
	visit_reminders.flag_overdue_visits()
	report(100, _("Done"))
	return {"loaded": True, "company": company, "records": log.counts(), "units": units()}


def remove(progress: bool = True) -> dict:
	"""Cancel and delete everything the demo made; refused when non-demo documents use it."""
	if not log.loaded():
		return {"removed": False, "message": _("No demo data is loaded.")}
	removed = removal.remove(reporter(progress))
	return {"removed": True, "records": removed}


def status() -> dict:
	return {"loaded": log.loaded(), "records": log.counts() if log.loaded() else {}}


def units() -> dict[str, int]:
	items = log.names("Item")
	serial_no = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(serial_no)
		.select(serial_no.st_lifecycle_status, Count(serial_no.name))
		.where(serial_no.item_code.isin(items or [""]))
		.groupby(serial_no.st_lifecycle_status)
	).run()
	return {status or "": n for status, n in rows}


def reporter(progress: bool):
	def report(percent: int, description: str) -> None:
		if progress:
			frappe.publish_progress(percent, title=_("Serial Tracking Demo"), description=description)

	return report
