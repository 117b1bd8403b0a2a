"""Read an import's file and judge every row: the columns matched to fields (kept as the user set them
while the headers stay the same; columns no field takes are named, not silently dropped), the values
read in the file's own ways, the names it gives turned into records, each row judged against the others
and the books (:mod:`~serial_tracking.unit_import.core.judge`), and the rows written in bulk as *Unit
Import Row* records, never loaded with the form."""

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from itertools import islice

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import render, rules_as_messages
from serial_tracking.unit_import import files, lookups
from serial_tracking.unit_import.core import columns, judge, rows, table, values
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


PART = 2_000  # rows read, judged and written at a time


def check(doc: Document) -> None:
	"""Read the file and judge its rows; the doc's columns and counters, and its rows, follow.

	The file is read a line at a time, and never held as rows: for its columns, the way it writes dates
	and numbers and its digest; for the rules between its rows (:class:`~.judge.Crossing`: a row leaves a
	hash of its serial and maker serial behind, and the rows that share one are read once more); then in
	parts of :data:`PART` rows, each judged and written before the next is read.
	"""
	if not doc.import_file:
		doc.set("columns", [])
		doc.ignored_columns = None
		set_summary(doc, {}, None)
		clear_rows(doc.name)
		return
	source = files.Source(doc.import_file)
	lines = source.lines()
	first = next(lines, None)
	if first is None:
		frappe.throw(_("The file is empty: it needs a header row and a row per unit."))
	header = first[1]
	attributes = lookups.attributes()
	fresh = match_columns(doc, header, attributes)
	mapped = {col.field: col.column_no - 1 for col in doc.columns if col.field}
	with rules_as_messages():
		columns.check_mapping((col.field for col in doc.columns), attributes)
	doc.ignored_columns = (
		", ".join(col.header or str(col.column_no) for col in doc.columns if not col.field) or None
	)
	digest, detector, samples = table.Fingerprint(header), rows.Detector(mapped, reading_of(doc)), {}
	for _number, cells in lines:
		digest.add(cells)
		detector.see(cells)
		for index, cell in enumerate(cells):
			if cell and index not in samples:
				samples[index] = cell[:140]
	if fresh:
		for col in doc.columns:
			col.sample = samples.get(col.column_no - 1, "")
	kinds = {label: spec.kind for label, spec in attributes.items()}
	file_rows = FileRows(doc, mapped, detector.reading(), kinds)
	crossing = judge.Crossing.of(lambda: (row for part in file_rows.parts(source) for row in part))
	clear_rows(doc.name)
	totals = Counter()
	for part in file_rows.parts(source):
		makers = lookups.makers_on_hand((row.item, row.maker_serial) for row in part)
		verdicts = judge.judge_part(
			part,
			crossing,
			mode=doc.mode,
			company=doc.company,
			items=file_rows.items(row.item for row in part if row.item),
			units=lookups.units([*(row.serial for row in part), *makers.values()], attributes),
			makers_on_hand=makers,
			warehouse=doc.rows_warehouse,
		)
		totals.update(judge.counts(verdicts))
		write_rows(doc.name, part, verdicts)
	set_summary(doc, totals, digest.hexdigest())


class FileRows:
	"""The rows of the file, read in parts: each value parsed, the names it gives turned into records
	(each name looked up once, however many rows give it), the row's dates checked."""

	def __init__(self, doc: Document, mapped: dict, reading: rows.Reading, kinds: dict) -> None:
		self.doc, self.mapped, self.reading, self.kinds = doc, mapped, reading, kinds
		self.known: dict[str, dict] = {}

	def parts(self, source: files.Source):
		posting, today = getdate(self.doc.posting_date), getdate()
		on_purchase_date = self.doc.post_on == judge.POST_ON[1]
		lines = source.lines()
		next(lines, None)  # the header
		while block := list(islice(lines, PART)):
			part = [
				rows.read_row(number, cells, self.mapped, self.reading, self.kinds) for number, cells in block
			]
			self.resolve(part)
			for row in part:
				rows.check_dates(row, posting=posting, today=today, on_purchase_date=on_purchase_date)
			yield part

	def items(self, codes) -> dict:
		self.learn("item facts", codes, lookups.item_facts, None)
		return self.known["item facts"]

	def learn(self, kind: str, texts, find, missing=()) -> dict:
		"""What ``find`` says of each text, asked only of texts not asked before (``missing``: a text it
		does not know)."""
		known = self.known.setdefault(kind, {})
		new = {text for text in texts if text and text not in known}
		if new:
			found = find(new)
			known.update({text: found.get(text, missing) for text in new})
		return known

	def resolve(self, parsed: list[rows.Row]) -> None:
		"""Each name the rows give (item, warehouse, supplier, customer, custodian) as the record it names."""
		company = self.doc.company
		kinds = {
			"item": ("Item", columns.ITEM, lookups.items),
			"warehouse": ("Warehouse", columns.WAREHOUSE, lambda texts: lookups.warehouses(texts, company)),
			"supplier": ("Supplier", columns.SUPPLIER, lookups.suppliers),
			"customer": ("Customer", columns.CUSTOMER, lookups.customers),
		}
		found = {
			attribute: self.learn(attribute, (getattr(row, attribute) for row in parsed), find)
			for attribute, (_k, _c, find) in kinds.items()
		}
		people = {
			kind: self.learn(
				f"custodian {kind}",
				(row.custodian for row in parsed if row.custodian_type == kind),
				lambda texts, kind=kind: lookups.custodians(texts, kind),
			)
			for kind in (None, *lifecycle.CUSTODIAN_TYPES)
		}
		unknown = [
			row.warehouse for row in parsed if row.warehouse and not found["warehouse"].get(row.warehouse)
		]
		elsewhere = {"warehouse": self.learn("elsewhere", unknown, lookups.companies_of_warehouses, None)}
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


def match_columns(doc: Document, header: list[str], attributes: dict) -> bool:
	"""The columns' fields as the headers name them, unless the user mapped these very headers already
	(True: matched anew, their samples to be read)."""
	if [col.header or "" for col in doc.columns] == header:
		return False
	preset = columns.PRESETS.get(doc.preset) or columns.best_preset(header)
	doc.preset = preset.name
	extra = {name: [_(name)] for name in columns.FIELDS}
	doc.set("columns", [])
	for column in columns.match(header, preset, extra, attributes):
		doc.append(
			"columns",
			{"column_no": column.index + 1, "header": column.header, "field": column.field, "sample": ""},
		)
	return True


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


def set_summary(doc: Document, totals: dict[str, int], digest: str | None) -> None:
	doc.total_rows = sum(totals.values())
	for verdict, field in COUNTERS.items():
		doc.set(field, totals.get(verdict, 0))
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
	"""Rows of the import as judged, in one insert."""
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
