import frappe
from frappe import _

from serial_tracking.actions import unit_actions
from serial_tracking.api import arguments
from serial_tracking.unit_form import unit_summary
from serial_tracking.units.core import ledger, lifecycle

CONDITION = ledger.CONDITION_CHANGED


@frappe.whitelist()
@frappe.read_only()
def summary(serial_no: str) -> dict:
	serial_no = arguments.record("Serial No", serial_no)
	frappe.get_doc("Serial No", serial_no).check_permission("read")
	return unit_summary.summary(serial_no)


@frappe.whitelist(methods=["POST"])
def act(
	serials: str | list[str],
	action: str,
	custodian_type: str | None = None,
	custodian: str | None = None,
	due_date: str | None = None,
	condition: str | None = None,
	remarks: str | None = None,
) -> dict:
	"""Apply a unit action to one or many units (from the form or in bulk from the list). ``serials``: a
	JSON list, one per line, or a single serial."""
	serials = arguments.existing_serials(serials, _("Units"))
	if custodian_type not in (None, ""):
		custodian_type = arguments.one_of(custodian_type, lifecycle.CUSTODIAN_TYPES, _("Custodian Type"))
		custodian = arguments.optional_record(custodian_type, custodian, _("Custodian"))
	elif custodian not in (None, ""):
		arguments.refuse(_("Name the Custodian Type (Employee or Customer) of the custodian."))
	due_date = arguments.date(due_date, _("Due Date"))
	remarks = arguments.text(remarks, _("Remarks"))
	check_write_permission(serials)
	if action == CONDITION:
		unit_actions.set_condition(serials, condition, remarks)
		return {}
	return unit_actions.act(
		serials,
		action,
		custodian_type=custodian_type,
		custodian=custodian,
		due_date=due_date,
		condition=condition,
		remarks=remarks,
	)


def check_write_permission(serials: list[str]) -> None:
	"""The user may change Serial Nos, and each of these (user permissions): one query for all."""
	frappe.has_permission("Serial No", "write", throw=True)
	allowed = set(frappe.get_list("Serial No", filters={"name": ("in", serials)}, pluck="name"))
	if refused := [serial for serial in serials if serial not in allowed]:
		frappe.throw(
			_("You are not permitted to change unit {0}.").format(frappe.bold(refused[0])),
			frappe.PermissionError,
		)
