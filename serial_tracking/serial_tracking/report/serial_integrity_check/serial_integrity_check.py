"""Serial Integrity Check: units whose ERPNext Serial No state drifted from the stock ledger."""

from typing import TypedDict

import frappe
from frappe import _

from serial_tracking.actions import integrity
from serial_tracking.actions.core.integrity import PROBLEMS
from serial_tracking.platform.report_columns import column


class IntegrityFilters(TypedDict, total=False):
	item_code: str


def execute(filters: IntegrityFilters | None = None):
	filters = frappe._dict(filters or {})
	rows = integrity.drift(filters.item_code)
	for row in rows:
		row["problems"] = "; ".join(_(PROBLEMS[code]) for code in sorted(row["problems"]))
	if not rows:
		return columns(), rows, _("Every unit's record agrees with the stock ledger: nothing to repair.")
	return columns(), rows


def columns() -> list[dict]:
	return [
		column(_("Serial No"), "serial_no", "Link", "Serial No", 160),
		column(_("Item"), "item_code", "Link", "Item"),
		column(_("Problems"), "problems", width=260),
		column(_("Warehouse"), "warehouse", "Link", "Warehouse"),
		column(_("Ledger Warehouse"), "ledger_warehouse", "Link", "Warehouse"),
		column(_("Status"), "status", width=90),
		column(_("Ledger Status"), "ledger_status", width=100),
		column(_("Lifecycle Status"), "lifecycle_status", width=110),
		column(_("Expected Lifecycle"), "expected_lifecycle_status", width=120),
		column(_("Last Voucher Type"), "ledger_voucher_type", width=120),
		column(_("Last Voucher"), "ledger_voucher", "Dynamic Link", "ledger_voucher_type", 150),
	]
