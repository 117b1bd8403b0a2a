"""One scan into a Unit Count: the hot path, a handful of indexed queries and one inserted row.

The count's row is locked for the scan (scans of one count take turns, so two people scanning the same
unit at once get one "expected" and one "already scanned", and a scan never lands after the count
closed); each scan is its own row, so no scan is lost; the counters on the count move by one in the
same transaction. The form is never saved per scan.
"""

import frappe
from frappe.utils import now_datetime

from serial_tracking.counting import unit_count
from serial_tracking.counting.core import count_rules
from serial_tracking.gs1 import keys as gs1_keys
from serial_tracking.gs1.core import reading as gs1_reading
from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import render, rules_as_messages
from serial_tracking.series.core import tracking
from serial_tracking.units.core import lifecycle
from serial_tracking.units.lookup import find_by_maker_serial

SCAN_FIELDS = ["unit_count", "code", "serial_no", "item_code", "verdict", "book_warehouse", "condition"]
SCAN_COLUMNS = [*unit_count.BASE_COLUMNS, *SCAN_FIELDS, "scanned_at"]


def scan(name: str, scanned: str, condition: str | None = None) -> dict:
	"""Record one scan and say what it means; refuses (recording nothing) a closed count, an empty scan,
	a serial or barcode of a quantity-tracked item."""
	count = unit_count.lock(name)
	with rules_as_messages():
		count_rules.check_status(name, count.status, "scan")
		lifecycle.check_condition(condition)
		code = count_rules.code_of(scanned)
		unit, code = find_scanned(scanned, code)
		if unit is None:
			check_item_barcode(code)
		else:
			count_rules.check_serialized(unit)
		already = was_scanned(name, unit.serial_no if unit else code, by_serial=bool(unit))
		expected = bool(unit) and not already and in_snapshot(name, unit.serial_no)
		scope = unit_count.scope_of(count, with_groups=bool(unit) and not (already or expected))
		verdict = count_rules.judge(scope, unit, expected=expected, already=already)
	u = unit or count_rules.Unit(None, None)
	values = [name, code, u.serial_no, u.item_code, verdict, u.warehouse, condition or None]
	now = now_datetime()
	record = {
		**dict(zip(SCAN_FIELDS, values, strict=True)),
		"creation": now,
		"modified": now,
		"scanned_at": now,
	}
	bulk_insert.insert(unit_count.SCAN, SCAN_COLUMNS, bulk_insert.records(SCAN_COLUMNS, [record]))
	totals = count_scan(name, count, verdict, condition)
	template, params = count_rules.message(verdict, code, unit)
	return {
		"verdict": verdict,
		"code": code,
		"serial_no": u.serial_no,
		"item_code": u.item_code,
		"condition": condition or None,
		"message": render(template, params, bold=False),
		"totals": totals,
	}


def find_scanned(scanned: str, code: str) -> tuple[count_rules.Unit | None, str]:
	"""The unit a scan names and the code its row records: a serial (or maker serial, or link to the
	unit's page) as it is; a GS1 code (element string, human-readable, Digital Link) by its GTIN and
	serial, recorded as its serial when no unit has it. A GS1 code of an item without a serial is the
	item's barcode; a GS1 code the app cannot trust is refused."""
	found = gs1_reading.read(scanned)
	if found is None:
		if unit := find_unit(code):
			return unit, code
		found = gs1_reading.read_bare(code)
		if found is None:
			return None, code
	named = gs1_keys.find(found)
	if named.serial_no:
		return unit_count.units_now([named.serial_no]).get(named.serial_no), named.serial_no
	if not found.serial:
		check_item_barcode(named.barcode or named.item_code)
	return None, found.serial or found.giai


def find_unit(code: str) -> count_rules.Unit | None:
	"""The unit whose serial (or else maker serial) is ``code``."""
	units = unit_count.units_now([code])
	if units:  # the database compares names without case: a serial typed in lower case still finds it
		return next(iter(units.values()))
	if found := find_by_maker_serial(code):
		return unit_count.units_now([found.name]).get(found.name)
	return None


def check_item_barcode(code: str) -> None:
	"""A code that is no unit's serial but an item's barcode (or code) is refused, saying which."""
	item_code = frappe.db.get_value("Item Barcode", {"barcode": code}, "parent") or (
		code if frappe.db.exists("Item", code) else None
	)
	if item_code:
		mode, has_serial_no = frappe.db.get_value("Item", item_code, ["st_tracking_mode", "has_serial_no"])
		serialized = tracking.mode_of(mode, has_serial_no) == tracking.SERIALIZED
		raise count_rules.item_barcode(code, item_code, serialized)


def was_scanned(name: str, key: str, *, by_serial: bool) -> bool:
	"""A scan of this count saw the unit (or unknown code) before: a locking read, which sees scans
	committed by other people since this transaction began."""
	scan = frappe.qb.DocType(unit_count.SCAN)
	field = scan.serial_no if by_serial else scan.code
	query = (
		frappe.qb.from_(scan)
		.select(scan.name)
		.where((scan.unit_count == name) & (field == key) & (scan.verdict != count_rules.ALREADY_SCANNED))
		.limit(1)
		.for_update()
	)
	return bool(query.run())


def in_snapshot(name: str, serial: str) -> bool:
	unit = frappe.qb.DocType(unit_count.UNIT)
	query = (
		frappe.qb.from_(unit)
		.select(unit.name)
		.where((unit.unit_count == name) & (unit.serial_no == serial) & (unit.expected == 1))
		.limit(1)
	)
	return bool(query.run())


def count_scan(name: str, count, verdict: str, condition: str | None) -> dict:
	"""Move the count's counters by this scan (not its ``modified``: the open form stays current)."""
	table = frappe.qb.DocType(unit_count.COUNT)
	fields = ["scans"]
	if field := unit_count.VERDICT_COUNTER.get(verdict):
		fields.append(field)
	if condition:
		fields.append("conditions_noted")
	query = frappe.qb.update(table)
	for field in fields:
		query = query.set(table[field], table[field] + 1)
	query.where(table.name == name).run()
	totals = {field: count[field] or 0 for field in unit_count.COUNTERS}
	for field in fields:
		totals[field] += 1
	totals["expected_units"] = count.expected_units or 0
	return totals
