"""The RMA's steps for the desk: each checks that the user may change the RMA (and its claim), then
does the step through ERPNext documents (see customers/steps.py)."""

import frappe
from frappe import _

from serial_tracking.customers import rma, steps
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.units.core import lifecycle


def writable(name: str):
	"""The RMA, which the user may change; a 404 for one that does not exist."""
	if not name or not frappe.db.exists("RMA", name):
		frappe.throw(_("RMA {0} does not exist.").format(name or ""), frappe.DoesNotExistError)
	doc = frappe.get_doc("RMA", name)
	doc.check_permission("write")
	return doc


@frappe.whitelist(methods=["POST"])
def make_rma(warranty_claim: str) -> str:
	"""Open an RMA for a Warranty Claim (or find its open one)."""
	if not warranty_claim or not frappe.db.exists("Warranty Claim", warranty_claim):
		frappe.throw(
			_("Warranty Claim {0} does not exist.").format(warranty_claim or ""), frappe.DoesNotExistError
		)
	frappe.get_doc("Warranty Claim", warranty_claim).check_permission("read")
	frappe.has_permission("RMA", "create", throw=True)
	return rma.make_from_claim(warranty_claim).name


@frappe.whitelist(methods=["POST"])
def receive(name: str) -> str:
	writable(name)
	return steps.receive(name)


@frappe.whitelist(methods=["POST"])
def diagnose(name: str, condition: str, notes: str | None = None) -> None:
	writable(name)
	if condition not in lifecycle.CONDITIONS:
		frappe.throw(
			_("Condition must be one of {0}.").format(", ".join(_(c) for c in lifecycle.CONDITIONS)),
			frappe.ValidationError,
		)
	steps.diagnose(name, condition, notes)


@frappe.whitelist(methods=["POST"])
def make_repair_visit(name: str) -> dict:
	"""A Maintenance Visit for the repair, to fill in and submit (not saved yet)."""
	writable(name)
	return steps.repair_visit(name).as_dict()


@frappe.whitelist(methods=["POST"])
def give_back(name: str) -> str:
	writable(name)
	return steps.give_back(name)


@frappe.whitelist(methods=["POST"])
def exchange(name: str, replacement: str) -> str:
	writable(name)
	if not replacement or not frappe.db.exists("Serial No", replacement):
		frappe.throw(_("Unit {0} does not exist.").format(replacement or ""), frappe.DoesNotExistError)
	frappe.get_doc("Serial No", replacement).check_permission("read")
	return steps.exchange(name, replacement)


@frappe.whitelist()
def vendor_cover(name: str) -> dict:
	"""The defective unit's vendor warranty today: whether a return to the supplier needs a warning."""
	doc = writable(name)
	cover = steps.vendor_cover(doc)
	warning = None if cover.status == visit_dates.UNDER else steps.out_of_warranty(doc, cover)
	return {"expiry": cover.expiry, "status": cover.status, "supplier": cover.receipt[0], "warning": warning}


@frappe.whitelist(methods=["POST"])
def to_supplier(name: str, confirm_out_of_warranty: bool = False) -> str:
	writable(name)
	return steps.to_supplier(name, confirm_out_of_warranty=bool(confirm_out_of_warranty))


@frappe.whitelist(methods=["POST"])
def undo_last_step(name: str) -> None:
	writable(name)
	rma.undo_last(name)
