import frappe

from serial_tracking.platform.append_only import AppendOnly
from serial_tracking.platform.core.i18n import _


class SerialAuditEvent(AppendOnly):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		condition: DF.Data | None
		custodian: DF.DynamicLink | None
		custodian_type: DF.Link | None
		due_date: DF.Date | None
		episode: DF.Int
		event: DF.Literal[
			"Received",
			"Manufactured",
			"Transferred",
			"Delivered",
			"Returned to Supplier",
			"Returned from Customer",
			"Consumed",
			"Reconciled",
			"Adjusted",
			"Cancelled",
			"Mode Changed",
			"Checked Out",
			"Checked In",
			"Sent to Repair",
			"Back from Repair",
			"Reserved",
			"Unreserved",
			"Lost",
			"Found",
			"Retired",
			"Condition Changed",
			"Became Part Of",
			"Made Of",
			"Fitted Into",
			"Part Fitted",
			"Removed From",
			"Part Removed",
			"Counted",
			"Imported",
			"Updated",
		]
		from_warehouse: DF.Link | None
		hash: DF.Data | None
		item_code: DF.Link | None
		party: DF.DynamicLink | None
		party_type: DF.Link | None
		posting: DF.Datetime | None
		previous_hash: DF.Data | None
		rate_in: DF.Currency
		rate_out: DF.Currency
		recorded_at: DF.Datetime | None
		recorded_by: DF.Link | None
		remarks: DF.SmallText | None
		reverses: DF.Link | None
		seq: DF.Int
		serial_no: DF.Link | None
		status_after: DF.Literal[
			"",
			"In Stock",
			"Reserved",
			"On Loan",
			"In Repair",
			"Delivered",
			"Returned to Supplier",
			"Consumed",
			"Lost",
			"Retired",
			"Collapsed",
		]
		status_before: DF.Literal[
			"",
			"In Stock",
			"Reserved",
			"On Loan",
			"In Repair",
			"Delivered",
			"Returned to Supplier",
			"Consumed",
			"Lost",
			"Retired",
			"Collapsed",
		]
		to_warehouse: DF.Link | None
		voucher_detail_no: DF.Data | None
		voucher_no: DF.DynamicLink | None
		voucher_type: DF.Link | None
	# end: auto-generated types
	"""An immutable event of a unit's history. Events are written only by the app, in bulk; no user or
	role may create, change or delete one through the desk, REST or frappe.client."""

	refusal = _(
		"Audit events are written only by stock transactions and unit actions, and can never be changed or deleted."
	)
	refusal_title = _("Audit trail")


def on_doctype_update():
	frappe.db.add_unique("Serial Audit Event", ["serial_no", "seq"], constraint_name="unique_serial_seq")
	frappe.db.add_index("Serial Audit Event", ["voucher_no", "voucher_type"])
