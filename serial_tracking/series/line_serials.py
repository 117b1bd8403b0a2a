"""Each line of a submitted voucher shows its serials (``st_serials``): the units of its Serial and Batch
Bundle (or, without one, of its serial text) as a short text with ranges, then the makers' serials.

Written once ERPNext's on_submit made the bundles (the serials the app generates are in them by then);
one query reads every line's serials and makers' serials, one statement writes every line. A cancelled
voucher keeps the text: it still says which units it moved.
"""

import frappe
from frappe.query_builder import Case

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.series.core.serial_ranges import by_counter, compact

# Voucher -> its lines that move serialized units (their table field is "items" in every one).
VOUCHERS = {
	"Purchase Receipt": "Purchase Receipt Item",
	"Purchase Invoice": "Purchase Invoice Item",
	"Subcontracting Receipt": "Subcontracting Receipt Item",
	"Stock Entry": "Stock Entry Detail",
	"Stock Reconciliation": "Stock Reconciliation Item",
	"Delivery Note": "Delivery Note Item",
	"Sales Invoice": "Sales Invoice Item",
	"POS Invoice": "POS Invoice Item",
}
FIELD = "st_serials"  # the line's custom field (custom_fields/line_serials.py)
MAKER = "Maker: "


def fill(doc) -> None:
	"""Write the serials of every line of the submitted voucher ``doc`` (and on its rows in memory)."""
	texts = write(doc.doctype, doc.name)
	for row in doc.get("items") or []:
		if row.name in texts:
			row.set(FIELD, texts[row.name])


def write(doctype: str, name: str) -> dict[str, str]:
	"""Write the serials of every line of the voucher; the texts written, by line."""
	child = VOUCHERS.get(doctype)
	if not child or not frappe.get_meta(child).has_field(FIELD):
		return {}
	texts = line_texts(doctype, name, child)
	if texts:
		line = frappe.qb.DocType(child)
		case = Case()
		for line_name, text in texts.items():
			case = case.when(line.name == line_name, text)
		frappe.qb.update(line).set(line[FIELD], case).where(line.name.isin(list(texts))).run()
	return texts


def unfilled(doctype: str) -> list[str]:
	"""Submitted or cancelled vouchers of ``doctype`` with a line that moved units and shows no serials
	(submitted before the app wrote them)."""
	line = frappe.qb.DocType(VOUCHERS[doctype])
	return (
		frappe.qb.from_(line)
		.select(line.parent)
		.distinct()
		.where((line.parenttype == doctype) & (line.docstatus > 0))
		.where(line.serial_and_batch_bundle.isnotnull() & (line.serial_and_batch_bundle != ""))
		.where(line[FIELD].isnull() | (line[FIELD] == ""))
	).run(pluck=True)


def line_texts(doctype: str, name: str, child: str) -> dict[str, str]:
	"""Line name -> its text, for the lines of the voucher that moved serialized units."""
	line = frappe.qb.DocType(child)
	entry = frappe.qb.DocType("Serial and Batch Entry")
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(line)
		.left_join(entry)
		.on((entry.parent == line.serial_and_batch_bundle) & entry.serial_no.isnotnull())
		.left_join(unit)
		.on(unit.name == entry.serial_no)
		.select(line.name, line.serial_no.as_("typed"), entry.serial_no, unit.st_maker_serial)
		.where((line.parent == name) & (line.parenttype == doctype))
		.where(line.serial_and_batch_bundle.isnotnull() | line.serial_no.isnotnull())
	).run(as_dict=True)
	units: dict[str, dict[str, str | None]] = {}
	typed: dict[str, str] = {}
	for row in rows:
		if row.serial_no:
			units.setdefault(row.name, {})[row.serial_no] = row.st_maker_serial
		elif row.typed:
			typed[row.name] = row.typed
	for (
		line_name,
		typed_serials,
	) in typed.items():  # no bundle (an invoice that moves no stock): its serial text
		if line_name not in units and (serials := get_serial_nos(typed_serials)):
			units[line_name] = maker_serials(serials)
	return {line_name: text(found) for line_name, found in units.items() if found}


def maker_serials(serials: list[str]) -> dict[str, str | None]:
	unit = frappe.qb.DocType("Serial No")
	makers = dict(
		frappe.qb.from_(unit).select(unit.name, unit.st_maker_serial).where(unit.name.isin(serials)).run()
	)
	return {serial: makers.get(serial) for serial in serials}


def text(units: dict[str, str | None]) -> str:
	"""The line's serials in counting order, then their makers' serials in the same order."""
	serials = sorted(units, key=by_counter)
	lines = [compact(serials)]
	if makers := [units[serial] for serial in serials if units[serial]]:
		lines.append(MAKER + compact(makers))
	return "\n".join(lines)
