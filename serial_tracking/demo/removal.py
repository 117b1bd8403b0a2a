"""Removing the demo data: cancel what it submitted (newest first), then delete what it made, its
units and their audit trail, and its masters. Refused, changing nothing, when a document the demo did
not make uses the demo's items, parties, warehouses or units."""

import frappe
from frappe import _

from serial_tracking.audit.checkpoints import HEAD as CHECKPOINT_HEAD
from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.customers import rma
from serial_tracking.demo import log
from serial_tracking.genealogy.unit_links import LINK
from serial_tracking.platform import compat

# (doctype, field, which demo records its value may name)
USES = (
	("Stock Ledger Entry", "item_code", "Item"),
	("Stock Ledger Entry", "warehouse", "Warehouse"),
	("GL Entry", "party", "Customer"),
	("GL Entry", "party", "Supplier"),
	*(
		(table, "item_code", "Item")
		for table in (
			"Quotation Item",
			"Sales Order Item",
			"Delivery Note Item",
			"Sales Invoice Item",
			"POS Invoice Item",
			"Material Request Item",
			"Purchase Order Item",
			"Purchase Receipt Item",
			"Purchase Invoice Item",
			"Stock Entry Detail",
			"Stock Reconciliation Item",
			"Maintenance Schedule Item",
			"Maintenance Visit Purpose",
			"Warranty Claim",
		)
	),
	*(
		(doctype, "customer", "Customer")
		for doctype in (
			"Sales Order",
			"Delivery Note",
			"Sales Invoice",
			"Maintenance Visit",
			"Warranty Claim",
		)
	),
	*(
		(doctype, "supplier", "Supplier")
		for doctype in ("Purchase Order", "Purchase Receipt", "Purchase Invoice")
	),
	("Payment Entry", "party", "Customer"),
	("Payment Entry", "party", "Supplier"),
)
LEDGERS = ("Stock Ledger Entry", "GL Entry")


def foreign_use() -> tuple[str, str] | None:
	"""The first document the demo did not make that uses one of the demo's records."""
	made = {r.reference_name for r in log.records() if r.kind != log.MASTER}
	for doctype, field, master in USES:
		values = log.names(master)
		if not values:
			continue
		table = frappe.qb.DocType(doctype)
		ledger = doctype in LEDGERS
		child = frappe.get_meta(doctype).istable
		if ledger:
			columns = (table.voucher_type, table.voucher_no)
		else:
			columns = (table.parenttype, table.parent) if child else (table.name,)
		query = frappe.qb.from_(table).select(*columns).where(table[field].isin(values)).limit(1)
		query = query.where(columns[-1].notin(list(made) or [""]))
		query = query.where(table.is_cancelled == 0) if ledger else query.where(table.docstatus < 2)
		if rows := query.run():
			return tuple(rows[0]) if len(rows[0]) == 2 else (doctype, rows[0][0])
	return None


def sealed_checkpoint() -> int | None:
	"""The first audit checkpoint that recorded a demo unit's chain: deleting that chain now would
	show, rightly, as history that vanished."""
	head = frappe.qb.DocType(CHECKPOINT_HEAD)
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(head)
		.join(unit)
		.on(unit.name == head.serial_no)
		.select(head.checkpoint)
		.where(unit.item_code.isin(log.names("Item") or [""]))
		.orderby(head.checkpoint)
		.limit(1)
	).run()
	return rows[0][0] if rows else None


def check() -> None:
	if used := foreign_use():
		frappe.throw(
			_(
				"The demo data cannot be removed: {0} {1}, which the demo did not make, uses it. Cancel "
				"or delete that document first."
			).format(_(used[0]), frappe.bold(used[1])),
			title=_("Demo data"),
		)
	if checkpoint := sealed_checkpoint():
		frappe.throw(
			_(
				"The demo data cannot be removed: audit checkpoint {0} has sealed the history of its units, "
				"and deleting that history would show as tampering in every later verification."
			).format(checkpoint),
			title=_("Demo data"),
		)


def remove(progress) -> int:
	"""Remove everything the demo made; returns how many records were removed."""
	check()
	records = log.records()
	items = log.names("Item")
	progress(5, _("Cancelling the demo's documents"))
	for record in records:
		if record.reference_doctype == "RMA":
			rma.undo_all(record.reference_name)  # cancels its documents, latest step first
		elif record.kind == log.TRANSACTION:
			cancel(record.reference_doctype, record.reference_name)
	forget_service_settings()
	progress(50, _("Deleting the demo's documents"))
	serials = frappe.get_all("Serial No", {"item_code": ("in", items or [""])}, pluck="name")
	if serials:
		frappe.db.delete(EVENT_DOCTYPE, {"serial_no": ("in", serials)})
		for end in ("unit", "component"):  # the demo's component links, if any of its units has them
			frappe.db.delete(LINK, {end: ("in", serials)})
		forget_sources(serials)
	delete([r for r in records if r.kind != log.MASTER])
	progress(75, _("Deleting the demo's units and masters"))
	for serial in serials:
		erase("Serial No", serial)
	# reposts ERPNext queued while the demo's backdated documents were cancelled: nothing left to repost
	frappe.db.delete("Repost Item Valuation", {"item_code": ("in", items or [""])})
	delete([r for r in records if r.kind == log.MASTER])
	return len(records) + len(serials)


def forget_service_settings() -> None:
	"""The company's service settings that name the demo's warehouses (which go with the demo)."""
	warehouses = log.names("Warehouse")
	for field in ("st_service_warehouse", "st_defective_warehouse"):
		for company in frappe.get_all("Company", {field: ("in", warehouses or [""])}, pluck="name"):
			frappe.db.set_value("Company", company, field, None)


def forget_sources(serials: list[str]) -> None:
	"""The units name the voucher that made them (ERPNext 16: reference_doctype/reference_name, a link
	Frappe checks before deleting the voucher); they are deleted after the vouchers, so that goes first."""
	unit = frappe.qb.DocType("Serial No")
	query = frappe.qb.update(unit).where(unit.name.isin(serials))
	for field in compat.serial_source_fields():
		query = query.set(unit[field], None)
	query.run()


def cancel(doctype: str, name: str) -> None:
	if frappe.db.get_value(doctype, name, "docstatus") != 1:
		return
	doc = frappe.get_doc(doctype, name)
	doc.flags.ignore_permissions = True
	doc.cancel()


def delete(records) -> None:
	"""Delete each record with the ledger entries of its cancelled transactions (ERPNext's own
	Accounts Settings switch, on only while the demo's documents are deleted)."""
	setting = ("Accounts Settings", "delete_linked_ledger_entries")
	before = frappe.db.get_single_value(*setting)
	frappe.db.set_single_value(*setting, 1)
	try:
		for record in records:
			log.forget(record.name)
			if not frappe.db.exists(record.reference_doctype, record.reference_name):
				continue
			frappe.db.delete("Repost Item Valuation", {"voucher_no": record.reference_name})
			erase(record.reference_doctype, record.reference_name)
	finally:
		frappe.db.set_single_value(*setting, before)


def erase(doctype: str, name: str) -> None:
	"""Delete a record the demo made, with its versions and comments (cancelled, submitted...). An RMA
	goes first, though its cancelled documents still name it."""
	frappe.delete_doc(doctype, name, ignore_permissions=True, delete_permanently=True, force=doctype == "RMA")
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
