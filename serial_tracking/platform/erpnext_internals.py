"""The ERPNext internals the app depends on, each behind one function here.

ERPNext may change any of them in a release; ``tests/test_erpnext_internals.py`` calls each through this
module on a real site and fails loudly, naming the function, when one no longer behaves as expected.
"""

from erpnext.controllers.website_list_for_contact import get_parents_for_user
from erpnext.selling.page.point_of_sale import point_of_sale
from erpnext.stock.doctype.serial_no import serial_no
from erpnext.stock.report.stock_ledger.stock_ledger import get_item_group_condition
from erpnext.stock.utils import scan_barcode as erpnext_scan_barcode

from serial_tracking.platform import compat


def linked_submitted_voucher(item) -> tuple[str, str] | None:
	"""The submitted transaction (doctype, name) for which ERPNext refuses to change the item's
	has_serial_no (``Item.cant_change``), or None."""
	linked = item._get_linked_submitted_documents(["has_serial_no"])
	return (linked["doctype"], linked["docname"]) if linked else None


def item_group_condition(item_group: str, item_table):
	"""ERPNext's criterion for "item in this group or any group below it" (its stock reports' own)."""
	return get_item_group_condition(item_group, item_table)


def scan_barcode(search_value: str, ctx: dict | str | None = None) -> dict:
	"""ERPNext's answer to a scanned barcode, serial, batch or warehouse (``{}`` when it knows none).
	``ctx`` (the form's company and warehouse) goes to the ERPNext versions that take it (16)."""
	return erpnext_scan_barcode(search_value, **compat.scan_context(ctx)) or {}


def portal_customers() -> list[str]:
	"""The customers whose portal users include the logged-in user (a Customer's Portal Users table)."""
	return list(get_parents_for_user("Customer") or [])


def pos_items(start, page_length, price_list, item_group, pos_profile, search_term: str = ""):
	"""ERPNext's item search of the Point of Sale page: ``{"items": [...]}`` (a scanned serial: its item,
	with ``serial_no``)."""
	return point_of_sale.get_items(start, page_length, price_list, item_group, pos_profile, search_term)


def pos_serials(qty: int, item_code: str, warehouse: str, exclude: list[str], **kwargs) -> list[str]:
	"""ERPNext's serial picker at the till (its "auto fetch"): up to ``qty`` serials of the item in the
	warehouse, none of ``exclude`` nor of those submitted POS Invoices hold."""
	import json

	return serial_no.auto_fetch_serial_number(
		qty, item_code, warehouse, exclude_sr_nos=json.dumps(exclude), **kwargs
	)
