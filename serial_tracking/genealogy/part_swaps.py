"""Repairs that swap parts: a part taken out of a unit and the one put in, as rows of *Part Swaps* on
a Maintenance Visit (done when the visit is submitted, undone when it is cancelled) or a Warranty
Claim (done when the claim is saved; undone by cancelling the row's Stock Entries).

Each side moves stock through an ERPNext Stock Entry that names the unit (``st_assembly``): the part
taken out comes back into stock (a Material Receipt, intent *Removed From*, at the value the row
gives it), the part put in leaves stock (a Material Issue, intent *Fitted Into*, at ERPNext's
valuation). The entries' own hooks change the tree and write both units' events
(:mod:`~serial_tracking.genealogy.links`). A part taken out shows its own vendor warranty, and
:func:`return_to_supplier` makes the return of it to the supplier it came from.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

from serial_tracking.concurrency import locks
from serial_tracking.genealogy.core import assembly
from serial_tracking.genealogy.unit_links import open_links
from serial_tracking.maintenance import warranties
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units.core import ledger

SWAPS = "st_part_swaps"
DONE, CANCELLED = "Done", "Cancelled"


def validate(doc: Document) -> None:
	"""Check the swaps still to do and show what is known of their parts; swaps done stay as they were."""
	keep_done_rows(doc)
	rows = [row for row in doc.get(SWAPS) or [] if not row.status]
	if not rows:
		return
	default = repaired_unit(doc)
	for row in rows:
		row.unit = row.unit or default
	parts = [p for row in rows for p in (row.part_removed, row.part_fitted) if p]
	units = [row.unit for row in rows]
	known = unit_states(parts + [u for u in units if u])
	held = open_links([u for u in units if u], [row.part_removed for row in rows if row.part_removed])
	on = getdate(doc.get("mntc_date") or doc.get("complaint_date") or None)
	for row in rows:
		if not row.unit or row.unit not in known:
			frappe.throw(
				_("Row {0}: choose the unit the parts are swapped on.").format(row.idx), title=_("Part Swaps")
			)
		fitted = known.get(row.part_fitted) if row.part_fitted else None
		with rules_as_messages():
			assembly.check_swap(
				row.unit,
				row.part_removed,
				row.part_fitted,
				holds=[component for unit, component in held if unit == row.unit],
				removed_to=row.removed_to,
				fitted_status=fitted.st_lifecycle_status if fitted else None,
			)
		row.fitted_from = fitted.warehouse if fitted else None
		if row.part_fitted and fitted.company != doc.company:
			frappe.throw(
				_("Row {0}: part {1} belongs to another company.").format(
					row.idx, frappe.bold(row.part_fitted)
				),
				title=_("Part Swaps"),
			)
		removed = known.get(row.part_removed) if row.part_removed else None
		cover = (
			warranties.vendor_cover(row.part_removed, removed.st_vendor_warranty_expiry, on)
			if removed
			else None
		)
		row.vendor_warranty_expiry = cover and cover.expiry
		row.vendor_warranty_status = cover and cover.status
		row.vendor, row.vendor_receipt_type, row.vendor_receipt = (
			cover.receipt if cover else (None, None, None)
		)


def repaired_unit(doc: Document) -> str | None:
	"""The unit a swap row is on unless it says: the claim's unit, or the visit's only unit."""
	if doc.get("serial_no"):
		return doc.serial_no
	units = {purpose.serial_no for purpose in doc.get("purposes") or [] if purpose.serial_no}
	return units.pop() if len(units) == 1 else None


def keep_done_rows(doc: Document) -> None:
	"""A swap done (or undone) moved stock: its row can no longer be changed or removed."""
	before = doc.get_doc_before_save() if not doc.is_new() else None
	if not before or before.docstatus != 0:
		return
	now = {row.name: row for row in doc.get(SWAPS) or []}
	for old in before.get(SWAPS) or []:
		if not old.status:
			continue
		row = now.get(old.name)
		fields = ("unit", "part_removed", "part_fitted", "removed_to", "removed_value", "status")
		if not row or any(row.get(f) != old.get(f) for f in fields):
			frappe.throw(
				_(
					"Row {0}: a part swap that moved stock stays as it was; cancel its Stock Entries to undo it."
				).format(old.idx),
				title=_("Part Swaps"),
			)


def unit_states(serials: list[str]) -> dict[str, frappe._dict]:
	if not serials:
		return {}
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(
			unit.name,
			unit.item_code,
			unit.warehouse,
			unit.company,
			unit.st_lifecycle_status,
			unit.st_vendor_warranty_expiry,
		)
		.where(unit.name.isin(serials))
	).run(as_dict=True)
	return {row.name: row for row in rows}


def perform(doc: Document) -> None:
	"""Do the swaps still to do: the part taken out comes back into stock, the part put in leaves it."""
	to_do = [row for row in doc.get(SWAPS) or [] if not row.status]
	# every unit and part of the swaps locked first, in the one order every writer takes (concurrency)
	locks.lock([s for row in to_do for s in (row.unit, row.part_removed, row.part_fitted) if s])
	for row in to_do:
		receipt = stock_entry(doc, row, ledger.REMOVED_FROM) if row.part_removed else None
		issue = stock_entry(doc, row, ledger.FITTED_INTO) if row.part_fitted else None
		row.db_set({"receipt_entry": receipt, "issue_entry": issue, "status": DONE}, update_modified=False)


def stock_entry(doc: Document, row, intent: str) -> str:
	inward = intent == ledger.REMOVED_FROM
	part = row.part_removed if inward else row.part_fitted
	line = {
		"item_code": frappe.db.get_value("Serial No", part, "item_code"),
		"qty": 1,
		"serial_no": part,
		"use_serial_batch_fields": 1,
	}
	if inward:
		value = flt(row.removed_value)
		line.update(
			{"t_warehouse": row.removed_to, "basic_rate": value, "allow_zero_valuation_rate": not value}
		)
	else:
		line["s_warehouse"] = row.fitted_from or frappe.db.get_value("Serial No", part, "warehouse")
	purpose = "Material Receipt" if inward else "Material Issue"
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": doc.company,
			"posting_date": nowdate(),
			"st_unit_intent": intent,
			"st_assembly": row.unit,
			"st_repair_type": doc.doctype,
			"st_repair": doc.name,
			"remarks": _("Part swap on {0} {1}").format(_(doc.doctype), doc.name),
			"items": [line],
		}
	)
	entry.insert()
	entry.submit()
	return entry.name


def cancel(doc: Document) -> None:
	"""A cancelled visit undoes its swaps: their Stock Entries are cancelled, the part put in first."""
	for row in reversed(doc.get(SWAPS) or []):
		if row.status != DONE:
			continue
		for name in (row.issue_entry, row.receipt_entry):
			if name and frappe.db.get_value("Stock Entry", name, "docstatus") == 1:
				frappe.get_doc("Stock Entry", name).cancel()
		row.db_set("status", CANCELLED, update_modified=False)


def return_to_supplier(serial_no: str):
	"""A return (not yet saved) of a part to the supplier it was received from: the receipt's return
	with only that part on it."""
	found = warranties.supplier_receipt(serial_no)
	if not found:
		frappe.throw(
			_("Part {0} was not received from a supplier, so it cannot be returned to one.").format(
				frappe.bold(serial_no)
			),
			title=_("Return to Supplier"),
		)
	part = frappe.db.get_value("Serial No", serial_no, ["item_code", "warehouse"], as_dict=True)
	if not part.warehouse:
		frappe.throw(
			_("Part {0} is not in stock: take it out of its unit first.").format(frappe.bold(serial_no)),
			title=_("Return to Supplier"),
		)
	_supplier, receipt_type, receipt = found
	back = make_return_doc(receipt_type, receipt)
	rows = [row for row in back.items if row.item_code == part.item_code][:1]
	for row in rows:
		row.qty = row.received_qty = -1
		row.rejected_qty = 0
		row.stock_qty = -1 * flt(row.conversion_factor or 1)
		row.warehouse = part.warehouse
		row.serial_no = serial_no
		row.use_serial_batch_fields = 1
		row.serial_and_batch_bundle = None
	back.items = rows
	return back
