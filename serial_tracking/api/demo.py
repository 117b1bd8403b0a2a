"""Demo data from the desk (Serial Tracking Settings): only on a site in developer mode or with
allow_tests, only for a System Manager; loading and removing run as background jobs."""

import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.demo import job
from serial_tracking.demo import loader as demo


def allowed() -> bool:
	return bool(frappe.conf.developer_mode or frappe.conf.allow_tests)


def check_allowed() -> None:
	frappe.only_for("System Manager")
	if not allowed():
		frappe.throw(
			_("Demo data can be loaded from the desk only on a site in developer mode or with allow_tests."),
			frappe.PermissionError,
			title=_("Demo data"),
		)


@frappe.whitelist()
def status() -> dict:
	if not allowed() or "System Manager" not in frappe.get_roles():
		return {"allowed": False}
	return {"allowed": True, **demo.status()}


@frappe.whitelist(methods=["POST"])
def load(company: str | None = None) -> dict:
	check_allowed()
	if company := arguments.optional_record("Company", company):
		frappe.get_doc("Company", company).check_permission("read")
	job.enqueue("load", company)
	return {"queued": True}


@frappe.whitelist(methods=["POST"])
def remove() -> dict:
	check_allowed()
	job.enqueue("remove")
	return {"queued": True}
