"""Sales and consumption may take only units that are free: not on loan, in repair, lost, retired or
merged into a count."""

import frappe
from frappe.model.document import Document

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units.bundles import serials_by_bundle
from serial_tracking.units.core import lifecycle

SELLING = ("Delivery Note", "Sales Invoice", "POS Invoice")


def check_outward(doc: Document) -> None:
	rows, doing = outward_rows(doc)
	if not rows:
		return
	serials = [s for row in rows if row.get("serial_no") for s in get_serial_nos(row.serial_no)]
	bundles = [row.serial_and_batch_bundle for row in rows if not row.get("serial_no")]
	for bundled in serials_by_bundle([b for b in bundles if b]).values():
		serials += bundled
	if not serials:
		return
	unit = frappe.qb.DocType("Serial No")
	busy = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.st_lifecycle_status)
		.where(unit.name.isin(serials) & unit.st_lifecycle_status.isin(list(lifecycle.UNAVAILABLE)))
		.limit(1)
	).run()
	with rules_as_messages():
		for serial, status in busy:
			lifecycle.check_available(serial, status, doing=doing)


def outward_rows(doc: Document) -> tuple[list, str]:
	if doc.doctype in SELLING:
		if doc.get("is_return") or (doc.doctype == "Sales Invoice" and not doc.get("update_stock")):
			return [], ""
		if doc.get("st_unit_intent"):  # an RMA gives a customer's own unit back
			return [], ""
		return doc.get("items") or [], lifecycle.SELL
	if doc.doctype == "Stock Entry" and not doc.get("st_unit_intent"):
		return [r for r in doc.items if r.s_warehouse and not r.t_warehouse], lifecycle.ISSUE
	return [], ""
