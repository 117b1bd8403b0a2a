"""What the *Assign Components* dialog of a Manufacture or Repack entry shows: the finished units (by
serial when known, else by position: serials generated at submit are not known before), the consumed
serialized units, and which finished unit each goes into (the saved assignment, else the default in
order as the BOM says); after submit, the links the entry made."""

import frappe
from frappe.model.document import Document
from frappe.utils import cint

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.genealogy import unit_links
from serial_tracking.genealogy.core import assembly
from serial_tracking.units.bundles import serials_by_bundle


def plan(doc: Document) -> dict:
	finished, consumed = draft_units(doc)
	saved = unit_links.requested(doc)
	if saved is not None:
		rows = [{"component": r.get("component"), "unit": r.get("unit") or ""} for r in saved]
	else:
		pairs = dict(
			assembly.assignment(
				None,
				[f["ref"] for f in finished],
				{c["component"]: c["item_code"] for c in consumed},
				unit_links.bom_quantities(doc),
			)
		)
		rows = [{"component": c["component"], "unit": pairs.get(c["component"], "")} for c in consumed]
	items = {c["component"]: c["item_code"] for c in consumed}
	return {
		"finished": finished,
		"rows": [{**row, "item_code": items.get(row["component"])} for row in rows],
		"saved": saved is not None,
		"links": made_links(doc.name) if doc.docstatus == 1 else [],
	}


def draft_units(doc: Document) -> tuple[list[dict], list[dict]]:
	"""The finished units (``ref``: serial, or position "#n" when still to be generated) and the
	consumed serialized units of an entry, in line order."""
	serialized = {
		code
		for code in {row.item_code for row in doc.items}
		if cint(frappe.get_cached_value("Item", code, "has_serial_no"))
	}
	lines = [row for row in doc.items if row.item_code in serialized]
	bundled = serials_by_bundle(
		[row.serial_and_batch_bundle for row in lines if row.serial_and_batch_bundle and not row.serial_no]
	)
	finished, consumed = [], []
	for row in lines:
		serials = (
			get_serial_nos(row.serial_no) if row.serial_no else bundled.get(row.serial_and_batch_bundle, [])
		)
		if row.is_finished_item and row.t_warehouse and not row.s_warehouse:
			for i in range(cint(row.transfer_qty or row.qty)):
				ref = serials[i] if i < len(serials) else assembly.position(len(finished) + 1)
				finished.append({"ref": ref, "item_code": row.item_code, "known": i < len(serials)})
		elif row.s_warehouse and not row.t_warehouse:
			consumed += [{"component": serial, "item_code": row.item_code} for serial in serials]
	return finished, consumed


def made_links(voucher_no: str) -> list[dict]:
	link = frappe.qb.DocType(unit_links.LINK)
	return (
		frappe.qb.from_(link)
		.select(link.component, link.component_item, link.unit, link.rate, link.cancelled, link.ended_on)
		.where((link.voucher_type == "Stock Entry") & (link.voucher_no == voucher_no))
		.orderby(link.unit)
		.orderby(link.creation)
	).run(as_dict=True)
