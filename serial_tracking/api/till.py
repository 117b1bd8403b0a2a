"""The till, through ERPNext's own Point of Sale page (hooks: override_whitelisted_methods): a scan of a
unit the till may not sell is refused with the reason, maker serials and GS1 codes find their unit, and the
serial picker does not offer units the till may not sell. ``st_customer`` (the invoice's customer, sent by
public/js/point_of_sale.js) frees units reserved for that customer."""

import frappe

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
	excluded = frappe.parse_json(exclude_sr_nos) if isinstance(exclude_sr_nos, str) else exclude_sr_nos
	excluded = [*(excluded or []), *till.not_offered(item_code, warehouse, st_customer)]
	return erpnext_internals.pos_serials(
		int(float(qty or 0)),
		item_code,
		warehouse,
		excluded,
		posting_date=posting_date,
		batch_nos=batch_nos,
		for_doctype=for_doctype,
	)
