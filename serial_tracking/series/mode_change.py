"""Tracking Mode Change: switch an item (or a template and all its variants) between Quantity and
Serialized while it has stock, keeping quantity and value per warehouse.

All stock on hand leaves through one ERPNext Material Issue, the item's mode flips, and the stock
comes back through one Material Receipt at the same value per warehouse (to the cent; both entries
post to the same adjustment account, so the general ledger nets to zero). ERPNext forbids changing
``has_serial_no`` once an item has transactions (Item.cant_change); the flip is written directly to
the item, between the two entries, when the item holds no stock at all.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Sum
from frappe.utils import cint, flt, nowdate, nowtime

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.concurrency import locks
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import mode_change, tracking
from serial_tracking.series.intake import existing_serials
from serial_tracking.series.item_settings import group_templates
from serial_tracking.units.core import ledger, lifecycle

TRANSACTION_TABLES = (
	"Purchase Receipt Item",
	"Purchase Invoice Item",
	"Delivery Note Item",
	"Sales Invoice Item",
	"POS Invoice Item",
	"Stock Entry Detail",
	"Stock Reconciliation Item",
)


def items_of(item_code: str) -> list[str]:
	"""The item, or for a template its variants (templates hold no stock themselves)."""
	if frappe.db.get_value("Item", item_code, "has_variants"):
		return frappe.get_all("Item", {"variant_of": item_code}, pluck="name") or [item_code]
	return [item_code]


def current_mode(item_code: str) -> str:
	return tracking.mode_of(*frappe.db.get_value("Item", item_code, ["st_tracking_mode", "has_serial_no"]))


def validate(doc: Document) -> None:
	"""Capture stock on hand and refuse what cannot be switched safely (nothing is written then)."""
	doc.from_mode = current_mode(doc.item_code)
	items = items_of(doc.item_code)
	with rules_as_messages():
		mode_change.check_change(item_facts(doc.item_code, items), doc.to_mode)
		snapshot(doc, items)
		mode_change.check_has_stock(doc.item_code, doc.company, len(doc.warehouses))
		if doc.to_mode != tracking.SERIALIZED:
			return
		given = {(row.item_code, row.warehouse): get_serial_nos(row.serials or "") for row in doc.warehouses}
		blank = {item for (item, _warehouse), serials in given.items() if not serials}
		mode_change.check_can_generate(blank - generating_items(blank))
		existing = existing_serials([s for serials in given.values() for s in serials])
		for row in doc.warehouses:
			mode_change.check_serials(
				row.warehouse, flt(row.qty), given[(row.item_code, row.warehouse)], existing
			)


def generating_items(items: set[str]) -> set[str]:
	"""Items whose serials can be generated: a series template (own or group's) or ERPNext's series."""
	if not items:
		return set()
	rows = frappe.get_all(
		"Item",
		{"name": ("in", list(items))},
		["name", "item_group", "st_series_template", "serial_no_series"],
	)
	groups = group_templates({r.item_group for r in rows})
	return {r.name for r in rows if r.st_series_template or r.serial_no_series or groups.get(r.item_group)}


def item_facts(item_code: str, items: list[str]) -> mode_change.ItemFacts:
	item = frappe.db.get_value(
		"Item", item_code, ["is_stock_item", "has_batch_no", "variant_of", "has_variants"], as_dict=True
	)
	return mode_change.ItemFacts(
		item_code=item_code,
		mode=current_mode(item_code),
		is_stock_item=bool(item.is_stock_item) or bool(item.has_variants),
		has_batch_no=bool(item.has_batch_no),
		variant_of=item.variant_of,
		draft=draft_transaction(items),
		reservation=frappe.db.get_value(
			"Stock Reservation Entry",
			{"item_code": ("in", items), "docstatus": 1, "status": ("not in", ["Delivered", "Cancelled"])},
			"name",
		),
		negative=negative_stock(items),
		busy_units=tuple(
			frappe.get_all(
				"Serial No",
				{"item_code": ("in", items), "st_lifecycle_status": ("in", list(lifecycle.ENGAGED))},
				pluck="name",
				limit=6,
			)
		),
	)


def draft_transaction(items: list[str]) -> tuple[str, str] | None:
	for table in TRANSACTION_TABLES:
		row = frappe.db.get_value(
			table, {"item_code": ("in", items), "docstatus": 0}, ["parenttype", "parent"]
		)
		if row:
			return tuple(row)
	return None


def negative_stock(items: list[str]) -> tuple[str, float] | None:
	row = frappe.db.get_value(
		"Bin", {"item_code": ("in", items), "actual_qty": ("<", 0)}, ["warehouse", "actual_qty"]
	)
	return (row[0], flt(row[1])) if row else None


def snapshot(doc: Document, items: list[str]) -> None:
	"""One row per item and warehouse holding stock, keeping serials a user already pasted."""
	given = {(row.item_code, row.warehouse): row.serials for row in doc.warehouses}
	bin_ = frappe.qb.DocType("Bin")
	warehouse = frappe.qb.DocType("Warehouse")
	rows = (
		frappe.qb.from_(bin_)
		.join(warehouse)
		.on(warehouse.name == bin_.warehouse)
		.select(
			bin_.item_code,
			bin_.warehouse,
			Sum(bin_.actual_qty).as_("qty"),
			Sum(bin_.stock_value).as_("value"),
		)
		.where(bin_.item_code.isin(items) & (warehouse.company == doc.company) & (bin_.actual_qty != 0))
		.groupby(bin_.item_code, bin_.warehouse)
		.orderby(bin_.item_code)
		.orderby(bin_.warehouse)
	).run(as_dict=True)
	doc.set("warehouses", [])
	for row in rows:
		doc.append(
			"warehouses",
			{
				"item_code": row.item_code,
				"warehouse": row.warehouse,
				"qty": row.qty,
				"stock_value": flt(row.value, 2),
				"serials": given.get((row.item_code, row.warehouse)),
			},
		)


def units(doc: Document) -> int:
	return int(sum(flt(row.qty) for row in doc.warehouses))


# --- the switch ----------------------------------------------------------------------------------


def convert(doc: Document) -> None:
	"""Take the stock out, flip the mode, bring it back at the same value (inside the submit)."""
	if doc.from_mode == tracking.SERIALIZED:  # the units it takes out, locked first (concurrency)
		locks.lock(frappe.get_all("Serial No", {"item_code": ("in", items_of(doc.item_code))}, pluck="name"))
	progress(doc, 10, _("Taking stock out"))
	issue = stock_entry(doc, "Material Issue", issue_rows(doc))
	progress(doc, 40, _("Switching {0} to {1}").format(doc.item_code, _(doc.to_mode)))
	set_mode(items_of(doc.item_code), doc.to_mode)
	progress(doc, 50, _("Bringing stock back"))
	receipt = stock_entry(doc, "Material Receipt", receipt_rows(doc))
	for row in doc.warehouses:
		row.db_set("value_after", flt(stock_value(row.item_code, row.warehouse), 2))
	doc.db_set(
		{
			"issue_entry": issue.name,
			"receipt_entry": receipt.name,
			"status": "Completed",
			"posting_date": nowdate(),
		}
	)
	progress(doc, 100, _("Done"))


def issue_rows(doc: Document) -> list[dict]:
	rows = []
	for row in doc.warehouses:
		line = {"item_code": row.item_code, "qty": flt(row.qty), "s_warehouse": row.warehouse}
		if doc.from_mode == tracking.SERIALIZED:
			line["serial_no"] = "\n".join(
				frappe.get_all(
					"Serial No",
					{"item_code": row.item_code, "warehouse": row.warehouse},
					pluck="name",
					order_by="name",
				)
			)
			line["use_serial_batch_fields"] = 1
		rows.append(line)
	return rows


def receipt_rows(doc: Document) -> list[dict]:
	rows = []
	for row in doc.warehouses:
		serials = get_serial_nos(row.serials or "") if doc.to_mode == tracking.SERIALIZED else []
		taken = 0
		for qty, rate in mode_change.value_rows(flt(row.stock_value), int(flt(row.qty))):
			line = {
				"item_code": row.item_code,
				"qty": qty,
				"t_warehouse": row.warehouse,
				"basic_rate": float(rate),
				"set_basic_rate_manually": 1,
				"allow_zero_valuation_rate": 1 if not rate else 0,
			}
			if serials:
				line["serial_no"] = "\n".join(serials[taken : taken + qty])
				line["use_serial_batch_fields"] = 1
				taken += qty
			rows.append(line)
	return rows


def stock_entry(doc: Document, purpose: str, rows: list[dict]):
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": doc.company,
			"posting_date": nowdate(),
			"posting_time": nowtime(),
			"st_unit_intent": ledger.MODE_CHANGED,
			"remarks": _("Tracking Mode Change {0}: {1} to {2}").format(
				doc.name, _(doc.from_mode), _(doc.to_mode)
			),
			"items": rows,
		}
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	return entry


def set_mode(items: list[str], mode: str) -> None:
	"""Write the mode (and has_serial_no) straight to the items: ERPNext's Item validation forbids it
	once transactions exist, and the switch happens while the items hold no stock at all."""
	item = frappe.qb.DocType("Item")
	serialized = mode == tracking.SERIALIZED
	chosen = item.name.isin(items)
	frappe.qb.update(item).set(item.st_tracking_mode, mode).set(item.has_serial_no, int(serialized)).where(
		chosen
	).run()
	if serialized:  # a serial source for items that had none: generated with a template, else entered
		no_source = item.st_serial_source.isnull() | (item.st_serial_source == "")
		has_template = item.st_series_template.isnotnull() & (item.st_series_template != "")
		for source, condition in (
			(tracking.SOURCE_BLANK, has_template),
			(tracking.SOURCE_MANUAL, ~has_template),
		):
			frappe.qb.update(item).set(item.st_serial_source, source).where(
				chosen & no_source & condition
			).run()
	for name in items:
		frappe.clear_document_cache("Item", name)
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()


def stock_value(item_code: str, warehouse: str) -> float:
	return flt(frappe.db.get_value("Bin", {"item_code": item_code, "warehouse": warehouse}, "stock_value"))


def progress(doc: Document, percent: int, description: str) -> None:
	frappe.publish_progress(
		percent,
		title=_("Tracking Mode Change"),
		doctype=doc.doctype,
		docname=doc.name,
		description=description,
	)


# --- undo ----------------------------------------------------------------------------------------


def undo(doc: Document) -> None:
	"""Cancel the switch if nothing of the items moved since; otherwise refuse, saying what moved."""
	items = items_of(doc.item_code)
	with rules_as_messages():
		mode_change.check_undo(doc.item_code, moved_since(doc, items))
	progress(doc, 20, _("Cancelling {0}").format(doc.receipt_entry))
	cancel_entry(doc.receipt_entry)
	set_mode(items, doc.from_mode)
	progress(doc, 60, _("Cancelling {0}").format(doc.issue_entry))
	cancel_entry(doc.issue_entry)
	doc.db_set("status", "Cancelled")
	progress(doc, 100, _("Done"))


def moved_since(doc: Document, items: list[str]) -> tuple[str, str] | None:
	sle = frappe.qb.DocType("Stock Ledger Entry")
	receipt_created = frappe.db.get_value("Stock Entry", doc.receipt_entry, "creation")
	rows = (
		frappe.qb.from_(sle)
		.select(sle.voucher_type, sle.voucher_no)
		.where(
			sle.item_code.isin(items)
			& (sle.is_cancelled == 0)
			& (sle.creation > receipt_created)
			& sle.voucher_no.notin([doc.issue_entry, doc.receipt_entry])
		)
		.limit(1)
	).run()
	return tuple(rows[0]) if rows else None


def cancel_entry(name: str) -> None:
	entry = frappe.get_doc("Stock Entry", name)
	entry.flags.ignore_permissions = True
	entry.flags.ignore_links = True  # the change being cancelled links to it
	entry.cancel()


# --- in the background ---------------------------------------------------------------------------


def runs_in_background(doc: Document) -> bool:
	"""Changes of more units than the setting run as a background job (0: never)."""
	threshold = cint(
		frappe.db.get_single_value("Serial Tracking Settings", "mode_change_background_threshold")
	)
	return bool(threshold) and units(doc) > threshold


def run(name: str, user: str) -> None:
	"""Background job: submit the change in one transaction; if anything fails, nothing of it remains
	and the draft says why."""
	frappe.set_user(user)
	frappe.flags.st_mode_change_job = True
	try:
		# A second worker given the same change waits here for the first, then finds it done.
		docstatus = frappe.db.get_value("Tracking Mode Change", name, "docstatus", for_update=True)
		if docstatus != 0:
			return
		frappe.get_doc("Tracking Mode Change", name).submit()
		frappe.db.commit()
		frappe.publish_realtime("st_mode_change_done", {"name": name, "status": "Completed"}, user=user)
	except Exception as error:
		frappe.db.rollback()
		message = frappe.utils.strip_html(str(error)) or repr(error)
		frappe.db.set_value("Tracking Mode Change", name, {"status": "Failed", "error": message})
		frappe.db.commit()
		frappe.publish_realtime(
			"st_mode_change_done", {"name": name, "status": "Failed", "error": message}, user=user
		)
	finally:
		frappe.flags.st_mode_change_job = False
