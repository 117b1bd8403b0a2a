"""Closing a Unit Count: what it concludes on every unit it expected or saw, against the books as they
are then; reopening it for more scans."""

from collections import defaultdict

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import get_datetime, now_datetime

from serial_tracking.counting.core import count_rules
from serial_tracking.counting.unit_count import (
	BASE_COLUMNS,
	COUNT,
	COUNTERS,
	SCAN,
	UNIT,
	UNIT_COLUMNS,
	VERDICT_COUNTER,
	chunks,
	lock,
	moves_since,
	scope_of,
	units_now,
)
from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import rules_as_messages

RESULT = "Unit Count Result"
RESULT_FIELDS = [
	"serial_no",
	"code",
	"item_code",
	"result",
	"action",
	"book_warehouse",
	"book_status",
	"condition",
]
RESULT_COLUMNS = [*BASE_COLUMNS, "docstatus", "parent", "parenttype", "parentfield", "idx", *RESULT_FIELDS]
# Which of the form's counters each result counts once the count is closed.
RESULT_COUNTER = {
	count_rules.FOUND: "found",
	count_rules.MISSING: "missing",
	count_rules.MISPLACED: "misplaced",
	count_rules.MOVED: "moved",
	count_rules.OUTSIDE: "unexpected",
	count_rules.NOT_ON_HAND: "unexpected",
	count_rules.UNKNOWN: "unknown",
}


def sightings(name: str) -> dict[str, count_rules.Seen]:
	"""Each unit (or unknown code) the scans saw: its first scan and the last condition noted."""
	scan = frappe.qb.DocType(SCAN)
	rows = (
		frappe.qb.from_(scan)
		.select(scan.serial_no, scan.code, scan.scanned_at, scan.condition)
		.where(scan.unit_count == name)
		.orderby(scan.scanned_at)
		.orderby(scan.creation)
	).run()
	seen: dict[str, list] = {}
	for serial, code, at, condition in rows:
		entry = seen.setdefault(serial or code, [get_datetime(at), None])
		entry[1] = condition or entry[1]
	return {key: count_rules.Seen(at, condition) for key, (at, condition) in seen.items()}


def conclude(name: str, doc) -> list[count_rules.Result]:
	"""What the count concludes on every unit it expected or saw, against the books as they are now."""
	unit = frappe.qb.DocType(UNIT)
	expected = (
		frappe.qb.from_(unit).select(unit.serial_no).where((unit.unit_count == name) & (unit.expected == 1))
	).run(pluck=True)
	seen = sightings(name)
	serials = set(expected) | set(seen)
	units = units_now(serials)
	moved = moves_since(units, doc.started_at)
	scope = scope_of(doc)
	results = count_rules.conclude(scope, expected, seen, units, moved, get_datetime(doc.started_at))
	count_rules.default_actions(results, scope, doc.missing_action)
	return results


def close(name: str) -> dict:
	"""Stop scanning and conclude: each unit's result, the counters, and the results table."""
	row = lock(name)
	with rules_as_messages():
		count_rules.check_status(name, row.status, "close")
	doc = frappe.get_doc(COUNT, name)
	results = conclude(name, doc)
	clear_results(name)
	write_unit_results(name, results)
	write_results_table(name, results)
	totals = count_rules.summary(results)
	values = {RESULT_COUNTER[result]: 0 for result in RESULT_COUNTER}
	for result, field in RESULT_COUNTER.items():
		values[field] += totals[result]
	values.update(conditions_noted=totals["conditions"], status=count_rules.CLOSED, closed_at=now_datetime())
	doc.db_set(values)
	return values


def reopen(name: str) -> None:
	"""Back to scanning: the conclusions go, the scans stay."""
	row = lock(name)
	with rules_as_messages():
		count_rules.check_status(name, row.status, "reopen")
	clear_results(name)
	frappe.get_doc(COUNT, name).db_set({**scan_counters(name), "status": count_rules.OPEN, "closed_at": None})


def clear_results(name: str) -> None:
	unit = frappe.qb.DocType(UNIT)
	frappe.qb.from_(unit).delete().where((unit.unit_count == name) & (unit.expected == 0)).run()
	frappe.qb.update(unit).set(unit.result, None).set(unit.condition, None).where(
		unit.unit_count == name
	).run()
	result = frappe.qb.DocType(RESULT)
	frappe.qb.from_(result).delete().where((result.parent == name) & (result.parenttype == COUNT)).run()


def scan_counters(name: str) -> dict[str, int]:
	"""The running counters, from the scans themselves."""
	scan = frappe.qb.DocType(SCAN)
	rows = (
		frappe.qb.from_(scan)
		.select(scan.verdict, Count("*"), Count(scan.condition))
		.where(scan.unit_count == name)
		.groupby(scan.verdict)
	).run()
	values = dict.fromkeys(COUNTERS, 0)
	for verdict, scans, conditions in rows:
		values["scans"] += scans
		values["conditions_noted"] += conditions
		if field := VERDICT_COUNTER.get(verdict):
			values[field] += scans
	return values


def write_unit_results(name: str, results: list[count_rules.Result]) -> None:
	"""Each expected unit's result (one update per result and condition), and a row for each unit seen
	that the snapshot did not expect."""
	unit = frappe.qb.DocType(UNIT)
	groups, extra = defaultdict(list), []
	for line in results:
		if line.expected:
			groups[(line.result, line.condition)].append(line.key)
		elif line.unit:
			u = line.unit
			extra.append(
				{
					"unit_count": name,
					"serial_no": u.serial_no,
					"item_code": u.item_code,
					"warehouse": u.warehouse,
				}
				| {"status": u.status, "expected": 0, "result": line.result, "condition": line.condition}
			)
	for (result, condition), serials in groups.items():
		for chunk in chunks(serials):
			(
				frappe.qb.update(unit)
				.set(unit.result, result)
				.set(unit.condition, condition)
				.where((unit.unit_count == name) & unit.serial_no.isin(chunk))
			).run()
	bulk_insert.insert(UNIT, UNIT_COLUMNS, bulk_insert.records(UNIT_COLUMNS, extra))


def write_results_table(name: str, results: list[count_rules.Result]) -> None:
	"""The results table of the form: every unit not simply found, and found units whose condition was
	noted."""
	shown = [line for line in results if line.result in count_rules.EXCEPTIONS or line.condition]
	shown.sort(key=lambda line: (count_rules.RESULTS.index(line.result), line.key))
	rows = []
	for idx, line in enumerate(shown, start=1):
		u = line.unit or count_rules.Unit(None, None)
		rows.append(
			{"docstatus": 0, "parent": name, "parenttype": COUNT, "parentfield": "results", "idx": idx}
			| {"serial_no": u.serial_no, "code": None if line.unit else line.key, "item_code": u.item_code}
			| {"result": line.result, "action": line.action or None, "book_warehouse": u.warehouse}
			| {"book_status": u.status, "condition": line.condition}
		)
	bulk_insert.insert(RESULT, RESULT_COLUMNS, bulk_insert.records(RESULT_COLUMNS, rows))
