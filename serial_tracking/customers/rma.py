"""The RMA record: opened from a Warranty Claim on a unit the claim's customer bought, its log of steps,
and the undo of a step (cancelling the ERPNext documents it made takes the RMA back).

The steps themselves (the documents each makes) are :mod:`~serial_tracking.customers.steps`.
"""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from serial_tracking.actions import unit_actions
from serial_tracking.customers import ownership
from serial_tracking.customers.core import rma as core
from serial_tracking.maintenance import warranties
from serial_tracking.platform.messages import rules_as_messages

DOCTYPE = "RMA"
# A claim's status follows its RMA's.
CLAIM_STATUS = {core.AUTHORIZED: "Open", **dict.fromkeys(core.OPEN - {core.AUTHORIZED}, "Work In Progress")}
CLAIM_STATUS.update(dict.fromkeys(core.CLOSED, "Closed"))


def make_from_claim(claim: str) -> Document:
	"""The claim's open RMA, or a new one."""
	if existing := frappe.db.get_value(DOCTYPE, {"warranty_claim": claim, "status": ("in", list(core.OPEN))}):
		return frappe.get_doc(DOCTYPE, existing)
	doc = frappe.new_doc(DOCTYPE)
	doc.warranty_claim = claim
	return doc.insert()


def validate(doc: Document) -> None:
	if doc.is_new():
		fill_from_claim(doc)
		doc.status = core.AUTHORIZED
		doc.opened_on = now_datetime()
		with rules_as_messages():
			core.check_claimable(ownership.unit(doc.serial_no, doc.customer), doc.customer)
	with rules_as_messages():
		core.check_not_on_another(doc.serial_no, ownership.open_rma(doc.serial_no, but=doc.name))
	if doc.replacement:
		doc.replacement_item = frappe.db.get_value("Serial No", doc.replacement, "item_code")


def fill_from_claim(doc: Document) -> None:
	claim = frappe.db.get_value(
		"Warranty Claim",
		doc.warranty_claim,
		["serial_no", "customer", "company", "item_code", "docstatus", "status"],
		as_dict=True,
	)
	if not claim:
		frappe.throw(
			_("Warranty Claim {0} does not exist.").format(doc.warranty_claim), frappe.DoesNotExistError
		)
	if not claim.serial_no:
		frappe.throw(
			_("Warranty Claim {0} names no unit: choose its Serial No first.").format(
				frappe.bold(doc.warranty_claim)
			),
			title=_("RMA"),
		)
	if claim.docstatus == 2 or claim.status == "Cancelled":
		frappe.throw(
			_("Warranty Claim {0} is cancelled.").format(frappe.bold(doc.warranty_claim)), title=_("RMA")
		)
	unit = frappe.db.get_value(
		"Serial No",
		claim.serial_no,
		["item_code", "company", "warranty_expiry_date", "amc_expiry_date", "st_vendor_warranty_expiry"],
		as_dict=True,
	)
	doc.serial_no, doc.customer = claim.serial_no, claim.customer
	doc.company = claim.company or unit.company
	doc.item_code = unit.item_code
	doc.customer_warranty_expiry, doc.customer_amc_expiry = unit.warranty_expiry_date, unit.amc_expiry_date
	doc.vendor_warranty_expiry = unit.st_vendor_warranty_expiry
	doc.supplier, doc.receipt_type, doc.receipt = warranties.supplier_receipt(claim.serial_no) or (
		None,
		None,
		None,
	)


def after_insert(doc: Document) -> None:
	frappe.db.set_value("Warranty Claim", doc.warranty_claim, "st_rma", doc.name, update_modified=False)
	follow_claim(doc)


def follow_claim(doc: Document) -> None:
	"""The claim's status says where its RMA stands."""
	status = CLAIM_STATUS.get(doc.status)
	values = {"status": status}
	if status == "Closed":
		values.update(resolution_date=now_datetime(), resolved_by=frappe.session.user)
	frappe.db.set_value("Warranty Claim", doc.warranty_claim, values, update_modified=False)


def on_trash(doc: Document) -> None:
	if any(not step.undone for step in doc.steps):
		frappe.throw(
			_("{0} has steps in force: undo them first, then delete it.").format(doc.name), title=_("RMA")
		)
	frappe.db.set_value("Warranty Claim", doc.warranty_claim, "st_rma", None, update_modified=False)


# --- the log ---------------------------------------------------------------------------------------


def locked(name: str) -> Document:
	"""The RMA, its row locked until the transaction ends (one step at a time); refused when another
	transaction changed it since this one began (its step was done meanwhile)."""
	now = frappe.db.get_value(DOCTYPE, name, ["status", "modified"], for_update=True, as_dict=True)
	if not now:
		frappe.throw(_("RMA {0} does not exist.").format(name), frappe.DoesNotExistError)
	doc = frappe.get_doc(DOCTYPE, name)
	if (doc.status, doc.modified) != (now.status, now.modified):
		frappe.throw(
			_("{0} was just changed by someone else: it is {1} now. Nothing was changed.").format(
				doc.name, _(now.status)
			),
			title=_("RMA"),
		)
	return doc


def begin(doc: Document, step: str) -> str:
	"""The status ``step`` leads to, or a refusal naming why not."""
	with rules_as_messages():
		return core.next_status(doc.status, step, rma=doc.name)


def log(doc: Document, step: str, to: str, document=None, notes=None, condition_before=None, details=None):
	"""Record a step done and move the RMA to ``to`` (saved)."""
	doctype, name = document or (None, None)
	doc.append(
		"steps",
		{
			"step": step,
			"status_before": doc.status,
			"document_type": doctype,
			"document": name,
			"done_on": now_datetime(),
			"done_by": frappe.session.user,
			"notes": notes,
			"condition_before": condition_before,
			"details": json.dumps(details) if details else None,
		},
	)
	doc.status = to
	if to in core.CLOSED and not doc.closed_on:
		doc.closed_on = now_datetime()
	doc.flags.ignore_permissions = True
	doc.save()
	follow_claim(doc)


def done(doc: Document) -> list[core.Done]:
	return [core.Done(s.step, s.status_before, bool(s.undone), s.document or s.name) for s in doc.steps]


def last_step(doc: Document):
	"""The latest step in force (its row), or None."""
	live = [s for s in doc.steps if not s.undone]
	return live[-1] if live else None


def details(step) -> dict:
	return json.loads(step.details) if step.details else {}


def documents(step) -> list[tuple[str, str]]:
	"""Every document of a step, the one it is known by first."""
	found = [(step.document_type, step.document)] if step.document else []
	return found + [tuple(pair) for pair in details(step).get("documents", [])]


# --- undo ------------------------------------------------------------------------------------------


def step_of(name: str, doctype: str, document: str):
	"""The RMA's step row that made ``document`` (as its own or one of its other documents)."""
	doc = frappe.get_doc(DOCTYPE, name)
	for step in doc.steps:
		if not step.undone and (doctype, document) in documents(step):
			return doc, step
	return doc, None


def before_document_cancel(source: Document) -> None:
	"""Cancelling a step's document undoes the step: only the latest step in force, and a step of several
	documents only through the RMA's own Undo (which cancels them in order)."""
	if not source.get("st_rma"):
		return
	doc, step = step_of(source.st_rma, source.doctype, source.name)
	if not step:
		return
	with rules_as_messages():
		core.check_undo(done(doc), step.document or step.name, rma=doc.name)
	if len(documents(step)) > 1 and frappe.flags.st_rma_undo != doc.name:
		frappe.throw(
			_(
				"{0} {1} is one of the documents of the {2} step of {3}: undo that step on the RMA, which cancels them in order."
			).format(_(source.doctype), source.name, _(step.step), doc.name),
			title=_("RMA"),
		)


def document_cancelled(source: Document) -> None:
	"""The step whose own document ``source`` is ends: the RMA goes back to the status before it."""
	if not source.get("st_rma"):
		return
	doc, step = step_of(source.st_rma, source.doctype, source.name)
	if not step or (step.document_type, step.document) != (source.doctype, source.name):
		return
	undone(doc, step)
	step.undone = 1
	doc.status = step.status_before
	if doc.status not in core.CLOSED:
		doc.closed_on = None
	doc.flags.ignore_permissions = True
	doc.save()
	follow_claim(doc)


def undo_last(name: str) -> None:
	"""Undo the latest step in force: cancel its documents, latest first (a diagnosis, which made none,
	is taken back)."""
	doc = locked(name)
	step = last_step(doc)
	if not step:
		frappe.throw(_("{0} has no step to undo.").format(name), title=_("RMA"))
	if not step.document:
		undone(doc, step)
		step.undone = 1
		doc.status = step.status_before
		doc.flags.ignore_permissions = True
		doc.save()
		follow_claim(doc)
		return
	frappe.flags.st_rma_undo = name
	try:
		for doctype, document in reversed(documents(step)):
			source = frappe.get_doc(doctype, document)
			if source.docstatus == 1:
				source.flags.ignore_permissions = True
				source.cancel()
	finally:
		frappe.flags.st_rma_undo = None


def undo_all(name: str) -> None:
	"""Undo every step of the RMA, latest first (the demo's removal)."""
	while last_step(frappe.get_doc(DOCTYPE, name)):
		undo_last(name)


def undone(doc: Document, step) -> None:
	"""What a step changed beside its documents, put back once they are cancelled."""
	if step.step == core.RECEIVE:
		doc.received_on = None
		keep_theirs(doc)
	elif step.step == core.DIAGNOSE:
		if step.condition_before and step.condition_before != doc.condition:
			unit_actions.set_condition([doc.serial_no], step.condition_before, remarks=f"{doc.name}")
		earlier = [s for s in doc.steps if s.step == core.DIAGNOSE and not s.undone and s is not step]
		doc.condition = earlier[-1].condition_before if earlier else None
		doc.diagnosis = earlier[-1].notes if earlier else None
	elif step.step == core.REPAIR:
		doc.maintenance_visit, doc.repair_cost = None, 0
	elif step.step == core.RETURN:
		keep_theirs(doc)
	elif step.step == core.EXCHANGE:
		keep_theirs(doc)
		restore_visits(details(step).get("ended_visits") or [])
		frappe.db.set_value("Serial No", doc.serial_no, "amc_expiry_date", doc.customer_amc_expiry)
		doc.exchange_delivery, doc.replacement_warranty_end, doc.salvage_value = None, None, 0
	elif step.step == core.TO_SUPPLIER:
		doc.supplier_return_type, doc.supplier_return = None, None


def keep_theirs(doc: Document) -> None:
	"""The unit stays its customer's while it is with us, with its warranty (ERPNext clears both when a
	Stock Entry moves a unit, and dates a fresh warranty when a delivery gives it back)."""
	frappe.db.set_value(
		"Serial No",
		doc.serial_no,
		{"customer": doc.customer, "warranty_expiry_date": doc.customer_warranty_expiry},
		update_modified=False,
	)


def restore_visits(visits: list[str]) -> None:
	"""Maintenance visits an exchange ended are due again."""
	if visits:
		detail = frappe.qb.DocType("Maintenance Schedule Detail")
		frappe.qb.update(detail).set(detail.st_ended, 0).set(detail.st_missed, 0).where(
			detail.name.isin(visits)
		).run()
