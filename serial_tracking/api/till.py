"""The till, through ERPNext's own Point of Sale page (hooks: override_whitelisted_methods): a scan of a
unit the till may not sell is refused with the reason, maker serials and GS1 codes find their unit, and the
serial picker does not offer units the till may not sell. ``st_customer`` (the invoice's customer, sent by
public/js/point_of_sale.js) frees units reserved for that customer."""

import math

import frappe
from frappe import _

from serial_tracking.api import arguments
from serial_tracking.customers import till
from serial_tracking.platform import erpnext_internals


@frappe.whitelist()
def get_items(
	start: int | str,
	page_length: int | str,
	price_list: str | None,
	item_group: str | None,
	pos_profile: str,
	search_term: str | None = "",
	st_customer: str | None = None,
) -> dict | list:
	"""ERPNext's item search at the till; a scanned unit comes back as its item with its serial."""
	start, page_length = (
		whole(value, label) for value, label in ((start, _("Start")), (page_length, _("Page Length")))
	)
	pos_profile = arguments.record("POS Profile", pos_profile)
	price_list = arguments.optional_record("Price List", price_list)
	item_group = arguments.name(item_group, _("Item Group")) if item_group else None
	search_term = arguments.text(search_term, _("Search"), arguments.NAME_LENGTH * 4) or ""
	st_customer = arguments.optional_record("Customer", st_customer)
	if search_term and (serial := till.scanned_unit(search_term)):
		till.check_scan(serial, st_customer)
		search_term = serial
	return erpnext_internals.pos_items(
		start, page_length, price_list, item_group, pos_profile, search_term or ""
	)


@frappe.whitelist()
def auto_fetch_serial_number(
	qty: int | float | str,
	item_code: str,
	warehouse: str,
	posting_date: str | None = None,
	batch_nos: str | list | None = None,
	for_doctype: str | None = None,
	exclude_sr_nos: str | list | None = None,
	st_customer: str | None = None,
) -> list[str]:
	"""ERPNext's serial picker, without the units the till may not sell."""
	qty = whole(qty, _("Qty"), rounding=True)
	item_code = arguments.record("Item", item_code)
	warehouse = arguments.record("Warehouse", warehouse)
	posting_date = arguments.date(posting_date, _("Posting Date"))
	batch_nos = names(batch_nos, _("Batch No"))
	for_doctype = arguments.name(for_doctype, _("Document Type")) if for_doctype else None
	st_customer = arguments.optional_record("Customer", st_customer)
	excluded = [*names(exclude_sr_nos), *till.not_offered(item_code, warehouse, st_customer)]
	return erpnext_internals.pos_serials(
		qty,
		item_code,
		warehouse,
		excluded,
		posting_date=posting_date,
		batch_nos=batch_nos or None,
		for_doctype=for_doctype,
	)


def whole(value, label: str, rounding: bool = False) -> int:
	"""A count the till sends (a number, or its text): at least 0, at most a page of serials."""
	try:
		number = (
			float(value or 0) if isinstance(value, int | float | str) and not isinstance(value, bool) else -1
		)
	except ValueError:
		number = -1
	if not math.isfinite(number) or not 0 <= number <= arguments.MAX_SERIALS:
		arguments.refuse(
			_("{0} must be a whole number from {1} to {2}.").format(label, 0, arguments.MAX_SERIALS)
		)
	if not rounding and number != int(number):
		arguments.refuse(
			_("{0} must be a whole number from {1} to {2}.").format(label, 0, arguments.MAX_SERIALS)
		)
	return int(number)


def names(value, label: str | None = None) -> list[str]:
	"""Serials or batches the picker sends: a JSON list (perhaps empty), one per line, or none."""
	if value in (None, "", "[]") or value == []:
		return []
	return arguments.serial_list(value, label)
