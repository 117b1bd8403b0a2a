"""GS1 codes scanned into a receipt line's Maker Serials: each becomes the unit's maker serial (21),
checked against the line's item by its GTIN; the lot (10) and dates (11, 17) go onto the unit at submit.

The desk's barcode field adds the code it read to the line (``public/js/gs1_scan.js``); a scanner in
the Maker Serials field itself types it there. ``normalize`` (validate, before the app's checks of the
maker serials) keeps each code's human-readable form in the line's GS1 Codes; ``record`` (submit)
writes lots and dates on the units ERPNext created."""

import frappe
from frappe.model.document import Document
from frappe.query_builder import Case

from serial_tracking.gs1 import keys
from serial_tracking.gs1.core import reading
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _
from serial_tracking.platform.messages import rules_as_messages

FIELD, CODES = "st_maker_serials", "st_gs1_codes"
UNIT_FIELDS = {"lot": "st_gs1_lot", "production_date": "st_production_date", "expiry_date": "st_expiry_date"}


def entries(text: str | None) -> list[str]:
	"""The entries of a Maker Serials field, one a line (a Digital Link may hold a comma; not
	``splitlines``, which also splits at the group separators of an element string)."""
	return [line.strip() for line in (text or "").replace("\r", "\n").split("\n") if line.strip()]


def normalize(doc: Document) -> None:
	rows = [
		row
		for row in doc.get("items") or []
		if row.get(FIELD) and any(reading.looks_like_gs1(entry) for entry in entries(row.get(FIELD)))
	]
	with rules_as_messages():
		for row in rows:
			makers, codes = [], entries(row.get(CODES))
			for entry in entries(row.get(FIELD)):
				found = reading.read(entry)
				if found is None:
					makers.append(entry)
					continue
				keys.find(found, row.item_code)  # refuses another item's GTIN, an unknown one
				if not found.serial:
					raise GS1Error(
						_(
							"Row {row}: the GS1 code {code} carries no serial (21): it names the item, not one unit."
						),
						row=row.idx,
						code=reading.printable(entry),
					)
				makers.append(found.serial)
				codes.append(found.hri)
			row.set(FIELD, "\n".join(makers))
			row.set(CODES, "\n".join(dict.fromkeys(codes)))


def record(doc: Document) -> None:
	"""Lots and dates of the GS1 codes scanned at receipt, onto the units that carry their serials."""
	by_unit: dict[tuple[str, str], reading.Reading] = {}
	for row in doc.get("items") or []:
		for code in entries(row.get(CODES)):
			found = reading.read(code)
			if found and found.serial:
				by_unit[(row.item_code, found.serial)] = found
	if not by_unit:
		return
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.item_code, unit.st_maker_serial)
		.where(unit.st_maker_serial.isin([serial for _item, serial in by_unit]))
		.where(unit.item_code.isin({item for item, _serial in by_unit}))
	).run()
	targets = {name: by_unit[(item, maker)] for name, item, maker in rows if (item, maker) in by_unit}
	if not targets:
		return
	query = frappe.qb.update(unit)
	for attribute, fieldname in UNIT_FIELDS.items():
		case = Case()
		for name, found in targets.items():
			case = case.when(unit.name == name, getattr(found, attribute))
		query = query.set(unit[fieldname], case.else_(unit[fieldname]))
	query.where(unit.name.isin(list(targets))).run()
