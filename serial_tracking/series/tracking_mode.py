"""Keep an Item's Tracking Mode and ERPNext's has_serial_no in step, and refuse unsafe switches."""

import frappe

from serial_tracking.platform.erpnext_internals import linked_submitted_voucher
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import series_rules, tracking
from serial_tracking.series.item_settings import group_templates


def item_tracking(doc) -> tracking.ItemTracking:
	return tracking.ItemTracking(
		item_code=doc.name or doc.item_code,
		tracking_mode=doc.get("st_tracking_mode"),
		has_serial_no=bool(doc.get("has_serial_no")),
		is_stock_item=bool(doc.get("is_stock_item")),
		is_fixed_asset=bool(doc.get("is_fixed_asset")),
		has_variants=bool(doc.get("has_variants")),
		variant_of=doc.get("variant_of"),
		serial_source=doc.get("st_serial_source"),
		series_template=doc.get("st_series_template")
		or (doc.get("item_group") and group_templates([doc.item_group]).get(doc.item_group)),
		erpnext_series=doc.get("serial_no_series"),
	)


def apply_to_item(doc) -> None:
	"""Settle the item's mode, mirror it into has_serial_no, and refuse what cannot work."""
	before = doc.get_doc_before_save() if not doc.is_new() else None
	with rules_as_messages():
		mode = tracking.resolve_mode(item_tracking(before) if before else None, item_tracking(doc))
		doc.st_tracking_mode = mode
		doc.has_serial_no = int(mode == tracking.SERIALIZED)
		if mode == tracking.SERIALIZED and not doc.get("st_serial_source"):
			doc.st_serial_source = tracking.default_serial_source(item_tracking(doc))

		if doc.get("st_series_template"):
			series_rules.parse(doc.st_series_template)
		template_mode = doc.variant_of and frappe.db.get_value("Item", doc.variant_of, "st_tracking_mode")
		tracking.check_item(item_tracking(doc), template_mode=template_mode)

		before_mode = before and tracking.mode_of(before.get("st_tracking_mode"), before.get("has_serial_no"))
		if before_mode and before_mode != mode:
			check_switch(doc, before_mode, mode)


def check_switch(doc, before_mode: str, new_mode: str) -> None:
	"""Refuse (a core rule error) to switch the saved item ``doc`` from ``before_mode`` to ``new_mode`` by
	editing it: the item form asks this before the user saves, the save asks it again."""
	tracking.check_mode_switch(
		before_mode,
		new_mode,
		item_code=doc.name,
		linked_voucher=linked_submitted_voucher(doc),
		variant_with_stock=doc.has_variants and variant_with_stock(doc.name),
	)


def check_group_template(doc) -> None:
	if doc.get("st_series_template"):
		with rules_as_messages():
			series_rules.parse(doc.st_series_template)


def variant_with_stock(template: str) -> str | None:
	item = frappe.qb.DocType("Item")
	sle = frappe.qb.DocType("Stock Ledger Entry")
	rows = (
		frappe.qb.from_(sle)
		.join(item)
		.on(item.name == sle.item_code)
		.select(sle.item_code)
		.where((item.variant_of == template) & (sle.is_cancelled == 0))
		.limit(1)
	).run()
	return rows[0][0] if rows else None
