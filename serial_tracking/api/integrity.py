import frappe

from serial_tracking.actions import integrity
from serial_tracking.api import arguments


@frappe.whitelist(methods=["POST"])
def repair(item_code: str | None = None) -> int:
	"""Bring every drifting unit (of one item, or all) back in line with the stock ledger."""
	frappe.only_for(("System Manager", "Stock Manager"))
	item_code = arguments.optional_record("Item", item_code)
	return integrity.repair(integrity.drift(item_code))
