import frappe

from serial_tracking.actions import integrity


@frappe.whitelist(methods=["POST"])
def repair(item_code: str | None = None) -> int:
	"""Bring every drifting unit (of one item, or all) back in line with the stock ledger."""
	frappe.only_for(("System Manager", "Stock Manager"))
	return integrity.repair(integrity.drift(item_code))
