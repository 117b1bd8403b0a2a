"""The customer's papers show the units: each line of a Delivery Note, Sales Invoice, POS receipt (POS
Invoice) and Packing Slip prints its serials compactly (consecutive ones as ``first .. last (count)``,
:mod:`~serial_tracking.series.core.serial_ranges`), a Product Bundle's line the units of each of its packed
items, and the makers' serials after them where the company chooses (*Print Maker Serials on Customer
Papers*); a Warranty Claim prints its unit's maker serial likewise.

ERPNext's standard print formats are not changed: the text is the line's *Serials* field (``st_serials``,
written at submit by :mod:`~serial_tracking.series.line_serials`), put in the print language when the paper
is printed (``before_print``, with ``frappe.local.lang`` the print's language: the print dialog's, the
e-mail's, ``frappe.get_print(..., lang)``); ERPNext's own POS receipt prints the line's serial text, which
takes the same text for the print. Custom print formats call the Jinja method :func:`serials_of_line`.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.customers import settings
from serial_tracking.platform import compat
from serial_tracking.series.core.serial_ranges import by_counter, compact
from serial_tracking.series.line_serials import FIELD
from serial_tracking.units.bundles import entries

PAPERS = ("Delivery Note", "Sales Invoice", "POS Invoice", "Packing Slip", "Warranty Claim")
PACKED = "Packed Item"  # a Product Bundle's part, on its delivery (a Packing Slip line may pack one)


def before_print(doc: Document) -> None:
	"""Every line of the paper shows its units in the print's language (in memory: nothing is saved)."""
	if doc.doctype == "Warranty Claim":
		doc.st_maker_serial = maker_serial(doc)
		return
	texts = line_texts(doc)
	fixed_columns = compat.prints_fixed_columns()
	for row in doc.get("items") or []:
		if row.name in texts:
			row.set(FIELD, texts[row.name])
			if doc.doctype == "POS Invoice":  # ERPNext's POS receipt prints the line's serial text
				row.serial_no = texts[row.name]
			if fixed_columns:  # ERPNext 16's own formats print the line's item name, no Serials column
				row.item_name = with_serials(row.item_name, texts[row.name])
	for row in doc.get("packed_items") or []:
		if row.name in texts:
			row.set(FIELD, texts[row.name])


def with_serials(item_name: str | None, serials: str) -> str:
	"""The item name a line prints with its units under it, for the print formats that print no Serials
	column (HTML: those formats print the item name as it is; no double quotes, since one of them also puts
	it in an image's ``alt``)."""
	lines = escape_html(_("Serials: {0}").format(serials)).replace("\n", "<br>")
	return f"{item_name or ''}<br><small>{lines}</small>"


def serials_of_line(row, doc: Document | None = None) -> str:
	"""Jinja method for custom print formats: the units of a line of a Delivery Note, Sales Invoice, POS
	Invoice or Packing Slip (or of a packed item), in the print's language, e.g.
	``{{ serials_of_line(item, doc) }}``."""
	doc = doc or frappe.get_doc(row.parenttype, row.parent)
	return line_texts(doc).get(row.name, "")


def makers_printed(doc: Document) -> bool:
	return bool(doc.get("company")) and settings.of(doc.company).maker_serials_on_papers


def maker_serial(doc: Document) -> str | None:
	if not doc.get("serial_no") or not makers_printed(doc):
		return None
	return frappe.db.get_value("Serial No", doc.serial_no, "st_maker_serial")


def line_texts(doc: Document, with_makers: bool | None = None) -> dict[str, str]:
	"""``{line: text}`` for the lines (and packed items) of ``doc`` that carry units; the makers' serials
	where the company prints them (``with_makers``: or as asked)."""
	units = line_units(doc)
	if not units:
		return {}
	if with_makers is None:
		with_makers = makers_printed(doc)
	makers = maker_serials({s for serials in units.values() for s in serials}) if with_makers else {}
	out = {name: text(serials, makers) for name, serials in units.items() if serials}
	# A Product Bundle's line: the units of each of its packed items.
	by_parent = defaultdict(list)
	for packed in doc.get("packed_items") or []:
		if packed.name in out:
			by_parent[packed.parent_detail_docname].append(f"{packed.item_code}: {out[packed.name]}")
	for parent, lines in by_parent.items():
		out.setdefault(parent, "\n".join(lines))
	return out


def text(serials: list[str], makers: dict[str, str]) -> str:
	"""The units as ranges, then (where printed) their makers' serials, labelled in the print language."""
	ordered = sorted(set(serials), key=by_counter)
	found = [makers[serial] for serial in ordered if makers.get(serial)]
	if not found:
		return compact(ordered)
	return compact(ordered) + "\n" + _("Maker serials: {0}").format(compact(found))


def line_units(doc: Document) -> dict[str, list[str]]:
	"""``{line or packed item: [serials]}``: a line's own bundle, else its serial text, else (an invoice
	that moves no stock, a packing slip) the units of the delivery line it stands for."""
	rows = [*(doc.get("items") or []), *(doc.get("packed_items") or [])]
	if doc.doctype == "Packing Slip":
		return packing_slip_units(doc)
	own = {row.name: row.serial_and_batch_bundle for row in rows if row.get("serial_and_batch_bundle")}
	found = bundle_units(own)
	for row in rows:
		if row.name not in found and row.get("serial_no"):
			found[row.name] = get_serial_nos(row.serial_no)
	delivered = {row.name: row.dn_detail for row in rows if row.name not in found and row.get("dn_detail")}
	if delivered:
		by_line = delivery_line_units(list(delivered.values()), "Delivery Note Item")
		found.update({name: by_line[line] for name, line in delivered.items() if by_line.get(line)})
	return found


def packing_slip_units(doc: Document) -> dict[str, list[str]]:
	"""A slip's line packs a line of its Delivery Note (or one of its packed items): that line's units when
	the slip packs all of it (which of them went in which box of a split line is the packer's to say)."""
	lines = {row.name: (row.dn_detail, "Delivery Note Item") for row in doc.items if row.get("dn_detail")}
	lines.update({row.name: (row.pi_detail, PACKED) for row in doc.items if row.get("pi_detail")})
	out = {}
	for child in ("Delivery Note Item", PACKED):
		names = [line for line, kind in lines.values() if kind == child]
		if not names:
			continue
		units = delivery_line_units(names, child)
		for row in doc.items:
			line, kind = lines.get(row.name, (None, None))
			if kind == child and units.get(line) and len(units[line]) <= abs(row.qty or 0):
				out[row.name] = units[line]
	return out


def delivery_line_units(names: list[str], child: str) -> dict[str, list[str]]:
	table = frappe.qb.DocType(child)
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.serial_and_batch_bundle, table.serial_no)
		.where(table.name.isin(names))
	).run(as_dict=True)
	found = bundle_units(
		{row.name: row.serial_and_batch_bundle for row in rows if row.serial_and_batch_bundle}
	)
	for row in rows:
		if row.name not in found and row.serial_no:
			found[row.name] = get_serial_nos(row.serial_no)
	return found


def bundle_units(bundle_of: dict[str, str]) -> dict[str, list[str]]:
	if not bundle_of:
		return {}
	lines = defaultdict(list)
	for line, bundle in bundle_of.items():
		lines[bundle].append(line)
	found = defaultdict(list)
	for bundle, serial in entries(list(lines)):
		for line in lines[bundle]:
			found[line].append(serial)
	return dict(found)


def maker_serials(serials: set[str]) -> dict[str, str]:
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.st_maker_serial)
		.where(unit.name.isin(list(serials)) & unit.st_maker_serial.isnotnull())
	).run()
	return dict(rows)


def fill_bundle_lines(doc: Document) -> None:
	"""At submit, a Product Bundle's line shows the units of its packed items (the packed items theirs),
	beside the lines :mod:`~serial_tracking.series.line_serials` fills; the papers add the makers' serials
	when they are printed."""
	if not doc.get("packed_items"):
		return
	texts = line_texts(doc, with_makers=False)
	for row in [*doc.get("items"), *doc.get("packed_items")]:
		if texts.get(row.name) and not row.get(FIELD):
			row.db_set(FIELD, texts[row.name], update_modified=False)


def fill_packing_slip(doc: Document) -> None:
	"""A Packing Slip's lines keep the units they pack (as saved; printed in the print's language)."""
	texts = line_texts(doc, with_makers=False)
	for row in doc.get("items") or []:
		row.set(FIELD, texts.get(row.name))
