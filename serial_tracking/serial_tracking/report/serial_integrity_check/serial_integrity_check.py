"""Serial Integrity Check: units whose ERPNext Serial No state drifted from the stock ledger."""

from typing import TypedDict

import frappe
from frappe import _

from serial_tracking.services import integrity


class IntegrityFilters(TypedDict, total=False):
	item_code: str


def execute(filters: IntegrityFilters | None = None):
	filters = frappe._dict(filters or {})
	return columns(), integrity.drift(filters.item_code)


def columns() -> list[dict]:
	def col(label, fieldname, fieldtype="Data", options=None, width=130):
		return {
			"label": label,
			"fieldname": fieldname,
			"fieldtype": fieldtype,
			"options": options,
			"width": width,
		}

	return [
		col(_("Serial No"), "serial_no", "Link", "Serial No", 160),
		col(_("Item"), "item_code", "Link", "Item"),
		col(_("Problems"), "problems", width=180),
		col(_("Warehouse"), "warehouse", "Link", "Warehouse"),
		col(_("Ledger Warehouse"), "ledger_warehouse", "Link", "Warehouse"),
		col(_("Status"), "status", width=90),
		col(_("Ledger Status"), "ledger_status", width=100),
		col(_("Lifecycle Status"), "lifecycle_status", width=110),
		col(_("Expected Lifecycle"), "expected_lifecycle_status", width=120),
		col(_("Last Voucher Type"), "ledger_voucher_type", width=120),
		col(_("Last Voucher"), "ledger_voucher", "Dynamic Link", "ledger_voucher_type", 150),
	]
