"""Unit Count: its scope, its start (the snapshot of expected units), its lock, and the books' facts of
units that scanning, closing and approval judge by (closing: unit_count_close; approval: unit_count_posting).

The snapshot and each unit's result live in *Unit Count Unit* rows and the scans in *Unit Count Scan*
rows, written in bulk and never loaded with the form; the form carries the counters and a results
table of the units that were not simply found (normally few).
"""

import frappe
from frappe.model.document import Document
from frappe.query_builder.functions import Max
from frappe.utils import get_datetime

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.counting.core import count_rules
from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import tracking
from serial_tracking.units.core import ledger, lifecycle

COUNT = "Unit Count"
UNIT = "Unit Count Unit"
SCAN = "Unit Count Scan"
CHUNK = 5000
BASE_COLUMNS = ["name", "creation", "modified", "owner", "modified_by"]
UNIT_FIELDS = [
	"unit_count",
	"serial_no",
	"item_code",
	"warehouse",
	"status",
	"expected",
	"result",
	"condition",
]
UNIT_COLUMNS = BASE_COLUMNS + UNIT_FIELDS
COUNTERS = ("scans", "found", "missing", "misplaced", "moved", "unexpected", "unknown", "conditions_noted")
VERDICT_COUNTER = {
	count_rules.EXPECTED: "found",
	count_rules.MISPLACED: "misplaced",
	count_rules.OUTSIDE: "unexpected",
	count_rules.NOT_ON_HAND: "unexpected",
	count_rules.UNKNOWN: "unknown",
}


def chunks(values: list, size: int = CHUNK):
	for start in range(0, len(values), size):
		yield values[start : start + size]


# --- scope --------------------------------------------------------------------------------------


def groups_under(item_group: str | None) -> frozenset | None:
	"""The item group and all groups below it (None: no item group, every item)."""
	if not item_group:
		return None
	lft, rgt = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"])
	group = frappe.qb.DocType("Item Group")
	query = frappe.qb.from_(group).select(group.name).where((group.lft >= lft) & (group.rgt <= rgt))
	return frozenset(query.run(pluck=True))


def scope_of(doc, with_groups: bool = True) -> count_rules.Scope:
	return count_rules.Scope(
		warehouse=doc.warehouse or None,
		custodian=doc.custodian or None,
		item_groups=groups_under(doc.item_group) if with_groups else None,
		company=doc.company,
	)


def validate(doc: Document) -> None:
	"""The scope is whole and no other open count covers it (a new count locks its place first, so two
	people starting a count of the same warehouse at once cannot both succeed)."""
	if not doc.custodian:
		doc.custodian_type = None
	with rules_as_messages():
		count_rules.check_scope(scope_of(doc, with_groups=False))
	if doc.warehouse:
		warehouse = frappe.db.get_value("Warehouse", doc.warehouse, ["company", "is_group"], as_dict=True)
		if warehouse.is_group:
			frappe.throw(
				frappe._("{0} is a group warehouse: count each of its warehouses.").format(
					frappe.bold(doc.warehouse)
				)
			)
		if warehouse.company != doc.company:
			frappe.throw(
				frappe._("Warehouse {0} belongs to {1}, not {2}.").format(
					frappe.bold(doc.warehouse), warehouse.company, doc.company
				)
			)
	if doc.is_new():
		check_overlap(doc)
	else:
		doc.update(
			frappe.db.get_value(COUNT, doc.name, ["status", *COUNTERS, "expected_units"], as_dict=True)
		)


def check_overlap(doc: Document) -> None:
	if doc.warehouse:
		frappe.db.get_value("Warehouse", doc.warehouse, "name", for_update=True)
	else:
		frappe.db.get_value(doc.custodian_type, doc.custodian, "name", for_update=True)
	table = frappe.qb.DocType(COUNT)
	same_place = (table.custodian == doc.custodian) if doc.custodian else (table.warehouse == doc.warehouse)
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.warehouse, table.custodian, table.item_group, table.company)
		.where(same_place & (table.docstatus == 0) & (table.name != (doc.name or "")))
		.for_update()
	).run(as_dict=True)
	with rules_as_messages():
		count_rules.check_no_overlap(scope_of(doc), [(row.name, scope_of(row)) for row in rows])


# --- start: the snapshot --------------------------------------------------------------------------


def start(doc: Document) -> None:
	"""Capture the units the count expects (after insert), in bulk."""
	units = expected_units(scope_of(doc))
	fields = ("serial_no", "item_code", "warehouse", "status")
	bulk_insert.insert(
		UNIT,
		UNIT_COLUMNS,
		bulk_insert.records(
			UNIT_COLUMNS,
			({"unit_count": doc.name, "expected": 1, **dict(zip(fields, u, strict=True))} for u in units),
		),
	)
	doc.db_set("expected_units", len(units), update_modified=False)


def expected_units(scope: count_rules.Scope) -> list[tuple]:
	"""(serial, item, warehouse, status) of every unit the scope expects, from the books now."""
	unit = frappe.qb.DocType("Serial No")
	item = frappe.qb.DocType("Item")
	query = (
		frappe.qb.from_(unit)
		.join(item)
		.on(item.name == unit.item_code)
		.select(unit.name, unit.item_code, unit.warehouse, unit.st_lifecycle_status)
		.where(unit.company == scope.company)
		.orderby(unit.name)
	)
	if scope.custodian:
		query = query.where(
			(unit.st_custodian == scope.custodian) & (unit.st_lifecycle_status == lifecycle.ON_LOAN)
		)
	else:
		query = query.where(
			(unit.warehouse == scope.warehouse) & unit.st_lifecycle_status.isin(list(count_rules.SHELF))
		)
	if scope.item_groups is not None:
		query = query.where(item.item_group.isin(list(scope.item_groups)))
	return [tuple(row) for row in query.run()]


def lock(name: str) -> dict:
	"""The count's row, locked until the transaction ends: scans, closing and approval take turns."""
	table = frappe.qb.DocType(COUNT)
	rows = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.status,
			table.docstatus,
			table.company,
			table.warehouse,
			table.item_group,
			table.custodian,
			table.started_at,
			table.closed_at,
			*(table[field] for field in COUNTERS),
			table.expected_units,
		)
		.where(table.name == name)
		.for_update()
	).run(as_dict=True)
	if not rows:
		frappe.throw(frappe._("Unit Count {0} not found.").format(name), frappe.DoesNotExistError)
	return rows[0]


# --- facts of units -------------------------------------------------------------------------------


def units_now(serials) -> dict[str, count_rules.Unit]:
	"""The books' facts of each unit, in one query per chunk."""
	unit = frappe.qb.DocType("Serial No")
	item = frappe.qb.DocType("Item")
	out = {}
	for chunk in chunks(list(serials)):
		rows = (
			frappe.qb.from_(unit)
			.join(item)
			.on(item.name == unit.item_code)
			.select(
				unit.name,
				unit.item_code,
				item.item_group,
				item.st_tracking_mode,
				item.has_serial_no,
				unit.warehouse,
				unit.st_lifecycle_status,
				unit.st_custodian,
				unit.company,
			)
			.where(unit.name.isin(chunk))
		).run()
		for name, item_code, group, mode, has_serial_no, warehouse, status, custodian, company in rows:
			out[name] = count_rules.Unit(
				name,
				item_code,
				group,
				tracking.mode_of(mode, has_serial_no) == tracking.SERIALIZED,
				warehouse,
				status,
				custodian,
				company,
			)
	return out


def moves_since(serials, since, *, detail: bool = False):
	"""When the books last moved each unit after ``since`` (a transaction or a unit action; counts and
	condition notes move nothing); with ``detail``, every such event (serial, voucher type, voucher, kind)."""
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	still = table.event.notin([ledger.COUNTED, ledger.CONDITION_CHANGED, ledger.UPDATED])
	out = [] if detail else {}
	for chunk in chunks(list(serials)):
		where = table.serial_no.isin(chunk) & (table.recorded_at > since) & still
		if detail:
			query = frappe.qb.from_(table).select(
				table.serial_no, table.voucher_type, table.voucher_no, table.event
			)
			out.extend(query.where(where).orderby(table.recorded_at).run())
			continue
		query = frappe.qb.from_(table).select(table.serial_no, Max(table.recorded_at))
		out.update(
			{serial: get_datetime(at) for serial, at in query.where(where).groupby(table.serial_no).run()}
		)
	return out
