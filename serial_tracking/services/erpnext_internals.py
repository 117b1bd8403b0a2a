"""The ERPNext internals the app depends on, each behind one function here.

ERPNext may change any of them in a release; ``tests/test_erpnext_internals.py`` calls each through this
module on a real site and fails loudly, naming the function, when one no longer behaves as expected.
"""

from erpnext.stock.report.stock_ledger.stock_ledger import get_item_group_condition


def linked_submitted_voucher(item) -> tuple[str, str] | None:
	"""The submitted transaction (doctype, name) for which ERPNext refuses to change the item's
	has_serial_no (``Item.cant_change``), or None."""
	linked = item._get_linked_submitted_documents(["has_serial_no"])
	return (linked["doctype"], linked["docname"]) if linked else None


def item_group_condition(item_group: str, item_table):
	"""ERPNext's criterion for "item in this group or any group below it" (its stock reports' own)."""
	return get_item_group_condition(item_group, item_table)
