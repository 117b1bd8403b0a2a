"""What the books say about the names and units a file gives: the records its texts name, the facts of
its items, the units its serials are, and the maker serials on hand, each in a few set queries."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import frappe
from frappe.utils import getdate

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.series.core import tracking
from serial_tracking.series.item_settings import serial_settings
from serial_tracking.unit_import.core import columns, judge
from serial_tracking.units import attributes as unit_attributes
from serial_tracking.units.core import ledger

ENTRY = "Unit Import Entry"
CHUNK = 5000


def chunks(values: list, size: int = CHUNK):
	for start in range(0, len(values), size):
		yield values[start : start + size]


def named(doctype: str, texts: Iterable[str], title: str, where=None) -> dict[str, list[str]]:
	"""``{text: [names]}``: the records of ``doctype`` each text names, by their ID or their ``title``
	field (the database compares case-blind); an ID wins over titles."""
	texts = sorted({t for t in texts if t})
	found: dict[str, list[str]] = defaultdict(list)
	table = frappe.qb.DocType(doctype)
	for chunk in chunks(texts):
		query = (
			frappe.qb.from_(table)
			.select(table.name, table[title])
			.where(table.name.isin(chunk) | table[title].isin(chunk))
		)
		if where is not None:
			query = query.where(where(table))
		by_id, by_title = defaultdict(list), defaultdict(list)
		for name, label in query.run():
			by_id[name.upper()].append(name)
			if label:
				by_title[label.upper()].append(name)
		for text in chunk:
			found[text] = by_id.get(text.upper()) or sorted(set(by_title.get(text.upper(), [])))
	return found


def items(texts) -> dict[str, list[str]]:
	"""By item code, item name, or a barcode (GTIN, EAN, UPC...) the item carries."""
	found = named("Item", texts, "item_name")
	unknown = sorted(text for text, names in found.items() if not names)
	barcode = frappe.qb.DocType("Item Barcode")
	for chunk in chunks(unknown):
		rows = (
			frappe.qb.from_(barcode)
			.select(barcode.barcode, barcode.parent)
			.where(barcode.barcode.isin(chunk))
		).run()
		for code, item in rows:
			found[next(t for t in chunk if t.upper() == code.upper())].append(item)
	return found


def attributes() -> dict[str, frappe._dict]:
	"""The unit attributes (custom fields a business added to Serial No) by label: fieldname and kind
	("Date", "Number" or "Text"); labels of the import's own fields are left to them."""
	kinds = {"Date": "Date", "Int": "Number", "Float": "Number", "Currency": "Number", "Percent": "Number"}
	return {
		df.label: frappe._dict(fieldname=df.fieldname, kind=kinds.get(df.fieldtype, "Text"), df=df)
		for df in unit_attributes.attribute_fields()
		if df.label and df.label not in columns.FIELDS
	}


def warehouses(texts, company: str) -> dict[str, list[str]]:
	return named("Warehouse", texts, "warehouse_name", lambda t: (t.company == company) & (t.is_group == 0))


def companies_of_warehouses(texts) -> dict[str, str]:
	"""The company of a warehouse of another company that each text names."""
	found = named("Warehouse", texts, "warehouse_name")
	names = sorted({name for names in found.values() for name in names})
	company = (
		dict(frappe.get_all("Warehouse", {"name": ("in", names)}, ["name", "company"], as_list=True))
		if names
		else {}
	)
	return {text: company[names[0]] for text, names in found.items() if names}


def suppliers(texts) -> dict[str, list[str]]:
	return named("Supplier", texts, "supplier_name")


def customers(texts) -> dict[str, list[str]]:
	return named("Customer", texts, "customer_name")


def custodians(texts, custodian_type: str | None) -> dict[str, list[tuple[str, str]]]:
	"""``{text: [(custodian type, name)]}`` among Employees and Customers (or only ``custodian_type``)."""
	found: dict[str, list[tuple[str, str]]] = defaultdict(list)
	for doctype, title in (("Employee", "employee_name"), ("Customer", "customer_name")):
		if custodian_type and custodian_type != doctype:
			continue
		for text, names in named(doctype, texts, title).items():
			found[text] += [(doctype, name) for name in names]
	return found


def item_facts(item_codes) -> dict[str, judge.ItemFacts]:
	item_codes = sorted(set(item_codes))
	if not item_codes:
		return {}
	item = frappe.qb.DocType("Item")
	rows = (
		frappe.qb.from_(item)
		.select(item.name, item.st_tracking_mode, item.has_serial_no, item.is_stock_item)
		.select(item.has_batch_no, item.disabled)
		.where(item.name.isin(item_codes))
	).run(as_dict=True)
	settings = serial_settings(item_codes)
	facts = {}
	for row in rows:
		serial = settings.get(row.name)
		by = (
			tracking.blank_serials_by(serial.source, bool(serial.template), bool(serial.erpnext_series))
			if serial
			else None
		)
		takes_template = bool(serial and serial.template and serial.source != tracking.SOURCE_MANUAL)
		facts[row.name] = judge.ItemFacts(
			row.name,
			serialized=tracking.mode_of(row.st_tracking_mode, row.has_serial_no) == tracking.SERIALIZED,
			stock_item=bool(row.is_stock_item),
			batched=bool(row.has_batch_no),
			disabled=bool(row.disabled),
			generates=bool(by),
			template=serial.template if takes_template else None,
			series_only=bool(serial and serial.source == tracking.SOURCE_SERIES),
		)
	return facts


UNIT_FIELDS = (
	"name",
	"item_code",
	"company",
	"warehouse",
	"st_lifecycle_status",
	"st_condition",
	"st_maker_serial",
	"st_vendor_warranty_expiry",
	"st_custodian_type",
	"st_custodian",
	"st_due_date",
	"customer",
	"warranty_expiry_date",
	"amc_expiry_date",
	"st_location_note",
)


def units(serials, attributes: dict | None = None) -> dict[str, judge.UnitFacts]:
	"""The existing units among ``serials``, by upper-cased serial, with the import that brought each in
	(``attributes``: the unit attributes to read too, as :func:`attributes` gives them)."""
	serials = sorted({s for s in serials if s})
	unit = frappe.qb.DocType("Serial No")
	attributes = attributes or {}
	out = {}
	for chunk in chunks(serials):
		query = frappe.qb.from_(unit).select(*(unit[f] for f in UNIT_FIELDS)).where(unit.name.isin(chunk))
		for spec in attributes.values():
			query = query.select(unit[spec.fieldname])
		rows = query.run(as_dict=True)
		imported = imported_by([row.name for row in rows])
		for row in rows:
			out[row.name.upper()] = judge.UnitFacts(
				row.name,
				row.item_code,
				row.company,
				row.warehouse or None,
				row.st_lifecycle_status or None,
				row.st_condition or None,
				row.st_maker_serial or None,
				day(row.st_vendor_warranty_expiry),
				row.st_custodian_type or None,
				row.st_custodian or None,
				day(row.st_due_date),
				row.customer or None,
				day(row.warranty_expiry_date),
				day(row.amc_expiry_date),
				row.st_location_note or None,
				{label: value_of(row.get(spec.fieldname), spec.kind) for label, spec in attributes.items()},
				imported.get(row.name),
			)
	return out


def day(value):
	return getdate(value) if value else None


def value_of(value, kind: str):
	"""An attribute's value as a row of the file gives it (dates as dates, numbers as decimals)."""
	if value in (None, ""):
		return None
	if kind == "Date":
		return getdate(value)
	if kind == "Number":
		return Decimal(str(value))
	return str(value)


def imported_by(serials: list[str]) -> dict[str, str]:
	"""The Unit Import whose receipt brought each unit in (units imported more than once: the latest)."""
	if not serials:
		return {}
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	entry = frappe.qb.DocType(ENTRY)
	rows = (
		frappe.qb.from_(event)
		.join(entry)
		.on((entry.voucher == event.voucher_no) & (entry.voucher_type == event.voucher_type))
		.select(event.serial_no, entry.parent)
		.where(event.serial_no.isin(serials) & (event.event == ledger.IMPORTED))
		.orderby(event.seq)
	).run()
	return dict(rows)


def makers_on_hand(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
	"""The unit on hand that carries each (item, maker serial), keyed by (item, upper-cased maker)."""
	pairs = {(item, maker.upper()) for item, maker in pairs if item and maker}
	if not pairs:
		return {}
	unit = frappe.qb.DocType("Serial No")
	out = {}
	makers = sorted({maker for _item, maker in pairs})
	for chunk in chunks(makers):
		rows = (
			frappe.qb.from_(unit)
			.select(unit.item_code, unit.st_maker_serial, unit.name)
			.where(unit.st_maker_serial.isin(chunk) & unit.warehouse.isnotnull())  # compared case-blind
			.where(unit.item_code.isin(sorted({item for item, _m in pairs})))
		).run()
		out.update(
			{(item, maker.upper()): name for item, maker, name in rows if (item, maker.upper()) in pairs}
		)
	return out
