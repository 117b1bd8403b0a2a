"""Read an import's file and judge every row: the columns matched to fields (kept as the user set them
while the headers stay the same; columns no field takes are named, not silently dropped), the values
read in the file's own ways, the names it gives turned into records, each row judged against the others
and the books (:mod:`~serial_tracking.unit_import.core.judge`), and the rows written in bulk as *Unit
Import Row* records, never loaded with the form."""

import json
from datetime import date
from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import render, rules_as_messages
from serial_tracking.unit_import import files, lookups
from serial_tracking.unit_import.core import columns, judge, rows, values
from serial_tracking.units.core import lifecycle

IMPORT = "Unit Import"
ROW = "Unit Import Row"
ROW_FIELDS = [
	"unit_import",
	"row_no",
	"verdict",
	"serial_no",
	"unit",
	"item_code",
	"warehouse",
	"maker_serial",
	"status",
	"condition",
	"cost",
	"purchase_date",
	"vendor_warranty_expiry",
	"supplier",
	"supplier_reference",
	"location_note",
	"custodian_type",
	"custodian",
	"due_date",
	"customer",
	"delivery_date",
	"customer_warranty_expiry",
	"amc_expiry",
	"message",
	"attributes",
	"done",
	"changes",
]
ROW_COLUMNS = ["name", "creation", "modified", "owner", "modified_by", *ROW_FIELDS]
# The row's attributes as the rows of the file give them, and their fields on a Unit Import Row
STORED = {
	"serial": "serial_no",
	"item": "item_code",
	"warranty_expiry": "vendor_warranty_expiry",
	**{
		name: name
		for name in (
			"warehouse",
			"maker_serial",
			"status",
			"condition",
			"purchase_date",
			"supplier",
			"supplier_reference",
			"location_note",
			"custodian_type",
			"custodian",
			"due_date",
			"customer",
			"delivery_date",
			"customer_warranty_expiry",
			"amc_expiry",
		)
	},
}
COUNTERS = {
	judge.NEW: "new_units",
	judge.CHANGE: "updates",
	judge.UNCHANGED: "unchanged",
	judge.SKIPPED: "skipped",
	judge.ERROR: "errors",
}


def check(doc: Document) -> tuple[list[rows.Row], list[judge.Verdict]]:
	"""Read the file and judge its rows; the doc's columns and counters, and its rows, follow."""
	if not doc.import_file:
		doc.set("columns", [])
		doc.ignored_columns = None
		set_summary(doc, [], None)
		clear_rows(doc.name)
		return [], []
	header, body = rows.split(files.table(doc.import_file))
	if not header:
		frappe.throw(_("The file is empty: it needs a header row and a row per unit."))
	attributes = lookups.attributes()
	match_columns(doc, header, body, attributes)
	mapped = {col.field: col.column_no - 1 for col in doc.columns if col.field}
	with rules_as_messages():
		columns.check_mapping((col.field for col in doc.columns), attributes)
	doc.ignored_columns = (
		", ".join(col.header or str(col.column_no) for col in doc.columns if not col.field) or None
	)
	reading = rows.detect(body, mapped, reading_of(doc))
	parsed = rows.read(body, mapped, reading, {label: spec.kind for label, spec in attributes.items()})
	resolve_names(parsed, doc.company)
	posting, today = getdate(doc.posting_date), getdate()
	on_purchase_date = doc.post_on == judge.POST_ON[1]
	for row in parsed:
		rows.check_dates(row, posting=posting, today=today, on_purchase_date=on_purchase_date)
	makers = lookups.makers_on_hand((row.item, row.maker_serial) for row in parsed)
	verdicts = judge.judge(
		parsed,
		mode=doc.mode,
		company=doc.company,
		items=lookups.item_facts(row.item for row in parsed if row.item),
		units=lookups.units([*(row.serial for row in parsed), *makers.values()], attributes),
		makers_on_hand=makers,
		warehouse=doc.rows_warehouse,
	)
	set_summary(doc, verdicts, rows.fingerprint(header, body))
	write_rows(doc.name, parsed, verdicts)
	return parsed, verdicts


def match_columns(doc: Document, header: list[str], body, attributes: dict) -> None:
	"""The columns' fields as the headers name them, unless the user mapped these very headers already."""
	if [col.header or "" for col in doc.columns] == header:
		return
	preset = columns.PRESETS.get(doc.preset) or columns.best_preset(header)
	doc.preset = preset.name
	extra = {name: [_(name)] for name in columns.FIELDS}
	doc.set("columns", [])
	for column in columns.match(header, preset, extra, attributes):
		sample = next(
			(cells[column.index] for _n, cells in body if column.index < len(cells) and cells[column.index]),
			"",
		)
		doc.append(
			"columns",
			{
				"column_no": column.index + 1,
				"header": column.header,
				"field": column.field,
				"sample": sample[:140],
			},
		)


def reading_of(doc: Document) -> rows.Reading:
	"""How to read the values: the form's date order and decimal mark, and the words of the user's
	language for statuses, conditions and custodian types."""

	def translated(words):
		return {word: [_(word)] for word in words}

	return rows.Reading(
		doc.date_order or None,
		values.DECIMAL_NAMES.get(doc.decimal_separator or ""),
		translated(lifecycle.STATUSES),
		translated(lifecycle.CONDITIONS),
		translated(lifecycle.CUSTODIAN_TYPES),
	)


def resolve_names(parsed: list[rows.Row], company: str) -> None:
	"""Each name the rows give (item, warehouse, supplier, customer, custodian) as the record it names."""
	kinds = {
		"item": ("Item", columns.ITEM, lookups.items),
		"warehouse": ("Warehouse", columns.WAREHOUSE, lambda texts: lookups.warehouses(texts, company)),
		"supplier": ("Supplier", columns.SUPPLIER, lookups.suppliers),
		"customer": ("Customer", columns.CUSTOMER, lookups.customers),
	}
	found = {
		attribute: find(getattr(row, attribute) for row in parsed)
		for attribute, (_k, _c, find) in kinds.items()
	}
	people = {
		kind: lookups.custodians((row.custodian for row in parsed if row.custodian_type == kind), kind)
		for kind in (None, *lifecycle.CUSTODIAN_TYPES)
	}
	unknown = [row.warehouse for row in parsed if row.warehouse and not found["warehouse"].get(row.warehouse)]
	elsewhere = {"warehouse": lookups.companies_of_warehouses(unknown) if unknown else {}}
	for row in parsed:
		for attribute, (kind, column, _find) in kinds.items():
			text = getattr(row, attribute)
			matches = found[attribute].get(text, []) if text else []
			rows.resolve(row, attribute, kind, matches, column, elsewhere.get(attribute, {}).get(text))
		if row.custodian:
			matches = people[row.custodian_type].get(row.custodian, [])
			kind = row.custodian_type or columns.CUSTODIAN
			rows.resolve(row, "custodian", kind, [name for _t, name in matches], columns.CUSTODIAN)
			if row.custodian and len(matches) == 1:
				row.custodian_type = matches[0][0]


def set_summary(doc: Document, verdicts: list[judge.Verdict], digest: str | None) -> None:
	totals = judge.counts(verdicts)
	doc.total_rows = len(verdicts)
	for verdict, field in COUNTERS.items():
		doc.set(field, totals[verdict])
	doc.file_digest = digest
	doc.checked_at = now_datetime() if digest else None
	doc.imported_before = (
		frappe.db.get_value(IMPORT, {"file_digest": digest, "docstatus": 1, "name": ("!=", doc.name)}, "name")
		if digest
		else None
	)
	if doc.docstatus == 0:
		doc.status = judge.CHECKED if digest else judge.DRAFT


def clear_rows(name: str | None) -> None:
	if name:
		frappe.db.delete(ROW, {"unit_import": name})


def write_rows(name: str, parsed: list[rows.Row], verdicts: list[judge.Verdict]) -> None:
	"""The rows of the import as judged, in one insert (those of an earlier reading go)."""
	clear_rows(name)
	records = []
	for row, verdict in zip(parsed, verdicts, strict=True):
		record = {field: getattr(row, attribute) for attribute, field in STORED.items()}
		record.update(
			unit_import=name,
			row_no=row.number,
			verdict=verdict.verdict,
			unit=verdict.unit,
			cost=float(row.cost or 0),
			custodian_type=row.custodian_type if row.custodian else None,
			message=messages(row) or None,
			attributes=json.dumps(row.attributes, default=plain) if row.attributes else None,
			done=0,
			changes=json.dumps(verdict.changes, default=plain) if verdict.changes else None,
		)
		records.append(record)
	bulk_insert.insert(ROW, ROW_COLUMNS, bulk_insert.records(ROW_COLUMNS, records))


def messages(row: rows.Row) -> str:
	"""The row's problems in the user's language, a line each, after the column they are in."""
	return "\n".join(
		(f"{_(p.column)}: " if p.column else "") + render(p.message, p.params, bold=False)
		for p in row.problems
	)


def plain(value):
	if isinstance(value, date):
		return value.isoformat()
	if isinstance(value, Decimal):
		return str(value)
	return value
