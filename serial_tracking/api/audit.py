import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.audit import checkpoints, verifier
from serial_tracking.audit.core.checkpoint import parse
from serial_tracking.platform.messages import rules_as_messages

CHECKPOINT_SIZE = 100_000  # an exported checkpoint is well under 2,000 characters
CHECKPOINTS = 2**31 - 1  # checkpoint numbers (Int)


@frappe.whitelist()
@frappe.read_only()
def verify(serial_no: str | None = None, checkpoint: str | None = None) -> dict:
	"""Verify one unit's audit chain now, or every unit's in a background job (the outcome is pushed to
	the desk when it is done: event ``st_verify_done``); ``checkpoint``: an exported checkpoint (JSON)
	to verify against instead of the latest."""
	frappe.has_permission("Serial Audit Event", "read", throw=True)
	serial_no = arguments.optional_record("Serial No", serial_no)
	if checkpoint := arguments.text(checkpoint, _("Checkpoint"), limit=CHECKPOINT_SIZE):
		with rules_as_messages():
			parse(checkpoint)  # a clear error now, not in the background job
	if serial_no:
		result = verifier.verify_trail([serial_no], against=checkpoint)
		return verifier.report(result)
	job = frappe.enqueue(
		"serial_tracking.audit.verifier.run",
		queue="long",
		timeout=7200,
		job_id="serial_tracking_verify",
		deduplicate=True,
		user=frappe.session.user,
		against=checkpoint,
	)
	return {"queued": bool(job), "message": None if job else _("A verification is already running.")}


@frappe.whitelist(methods=["POST"])
def write_checkpoint() -> dict:
	"""Write a checkpoint of every unit's chain now."""
	frappe.only_for(("System Manager", "Stock Manager"))
	with rules_as_messages():
		return checkpoints.write()


@frappe.whitelist()
@frappe.read_only()
def export_checkpoint(number: int | None = None) -> dict:
	"""A checkpoint (the latest by default) as the JSON an auditor keeps outside the system."""
	frappe.has_permission("Serial Audit Checkpoint", "read", throw=True)
	return checkpoints.export(arguments.number(number, _("Checkpoint"), 1, CHECKPOINTS))


@frappe.whitelist()
@frappe.read_only()
def unit_proof(serial_no: str, number: int | None = None) -> dict:
	"""The proof that ``serial_no``'s chain head is in a checkpoint (the latest by default)."""
	frappe.has_permission("Serial Audit Checkpoint", "read", throw=True)
	serial_no = arguments.record("Serial No", serial_no)
	return checkpoints.proof(serial_no, arguments.number(number, _("Checkpoint"), 1, CHECKPOINTS))
