"""Whitelisted methods of the Unit Import form and list: import (now, or in the background when large),
go on with an interrupted import, the rows for the preview, and units exported back as a file."""

import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.platform import job_lock
from serial_tracking.unit_import import export, files, lookups, posting, preview
from serial_tracking.unit_import.core import columns, judge
from serial_tracking.units.core import lifecycle

IMPORT = preview.IMPORT


@frappe.whitelist(methods=["POST"])
def start(name: str) -> dict:
	"""Import a checked Unit Import: now when small, as a background job with a progress bar when large."""
	doc = frappe.get_doc(IMPORT, name)
	doc.check_permission("submit")
	if doc.docstatus != 0 or doc.status != judge.CHECKED:
		frappe.throw(_("Save the import to check its file first; an import runs once."))
	if posting.runs_in_background(doc):
		doc.db_set({"status": judge.QUEUED, "error": None})
		enqueue(name)
		return {"queued": True}
	doc.submit()
	return {"queued": False}


@frappe.whitelist(methods=["POST"])
def resume(name: str) -> dict:
	"""Go on with an import a failed part or a dead worker interrupted, from its next part."""
	doc = frappe.get_doc(IMPORT, name)
	doc.check_permission("submit")
	if doc.docstatus != 1 or doc.status not in (judge.QUEUED, judge.INTERRUPTED):
		frappe.throw(_("Only an import that stopped half-way can go on."))
	with job_lock.exclusive(posting.lock_name(name)) as free:
		if not free:
			frappe.throw(_("The import is still running: its progress shows on the form."))
	doc.db_set({"status": judge.QUEUED, "error": None})
	enqueue(name)
	return {"queued": True}


def enqueue(name: str) -> None:
	frappe.enqueue(
		"serial_tracking.unit_import.posting.run",
		queue="long",
		timeout=7200,
		name=name,
		user=frappe.session.user,
		enqueue_after_commit=True,
	)


@frappe.whitelist()
@frappe.read_only()
def rows(name: str, verdict: str | None = None, start: int = 0, limit: int = 100) -> dict:
	"""A page of the import's rows (of one verdict, when given), problems first, for the preview."""
	frappe.get_doc(IMPORT, name).check_permission("read")
	if verdict and verdict not in judge.VERDICTS:
		frappe.throw(_("Unknown verdict {0}.").format(verdict), frappe.ValidationError)
	filters = {"unit_import": name, **({"verdict": verdict} if verdict else {})}
	found = frappe.get_all(
		preview.ROW,
		filters,
		[
			"row_no",
			"verdict",
			"serial_no",
			"unit",
			"item_code",
			"warehouse",
			"status",
			"condition",
			"cost",
			"message",
		],
		order_by="row_no asc",
		start=max(int(start), 0),
		limit=min(max(int(limit), 1), 500),
	)
	return {"rows": found, "total": frappe.db.count(preview.ROW, filters), "colours": judge.VERDICT_COLOURS}


@frappe.whitelist()
@frappe.read_only()
def export_units(
	company: str,
	warehouse: str | None = None,
	item_code: str | None = None,
	item_group: str | None = None,
	customer: str | None = None,
	status: str | None = None,
	everything: int = 0,
	preset: str | None = None,
	file_format: str = files.CSV,
	template: int = 0,
):
	"""The company's units on hand (``everything``: every unit it had; ``customer``, ``status``: those)
	as a file in a preset's columns; ``template``: the columns and an example row, to fill in."""
	company = arguments.record("Company", company)
	warehouse = arguments.optional_record("Warehouse", warehouse)
	item_code = arguments.optional_record("Item", item_code)
	item_group = arguments.optional_record("Item Group", item_group)
	customer = arguments.optional_record("Customer", customer)
	everything, template = (
		arguments.number(int(v) if isinstance(v, str) and v.isdigit() else v, label, 0, 1) or 0
		for v, label in ((everything, _("Also Units No Longer on Hand")), (template, _("Download Template")))
	)
	frappe.has_permission("Serial No", "read", throw=True)
	frappe.has_permission("Company", "read", doc=company, throw=True)
	chosen = columns.PRESETS.get(preset or columns.APP.name) if isinstance(preset or "", str) else None
	if not chosen or file_format not in files.FORMATS:
		frappe.throw(
			_("Choose a preset and a format (CSV or Excel) the export knows."), frappe.ValidationError
		)
	if status:
		arguments.one_of(status, lifecycle.STATUSES, _("Lifecycle Status"))
	attributes = lookups.attributes()
	if template:
		found = [export.example(company, attributes)]
	else:
		found = export.units(
			company, warehouse, item_code, item_group, customer, status, not everything, attributes
		)
	content, extension = export.sheet(found, chosen, file_format, attributes)
	name = "unit-template" if template else "units"
	frappe.local.response.filename = f"{name}-{frappe.scrub(company)}.{extension}"
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
