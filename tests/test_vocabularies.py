"""Each word list the app keeps is kept once: the doctypes' Select options and the desk's colours are the
core's vocabularies, not copies that can drift."""

import json
from pathlib import Path

from serial_tracking.counting.core import count_rules
from serial_tracking.customers.core import rma
from serial_tracking.unit_import.core import columns, judge, values
from serial_tracking.units.core import ledger, lifecycle

DOCTYPES = Path(__file__).parent.parent / "serial_tracking" / "serial_tracking" / "doctype"


def options(doctype: str, fieldname: str) -> list[str]:
	meta = json.loads((DOCTYPES / doctype / f"{doctype}.json").read_text())
	[field] = [f for f in meta["fields"] if f["fieldname"] == fieldname]
	return [o for o in field["options"].split("\n") if o]


def test_unit_count_words_are_the_core_vocabularies():
	assert options("unit_count_scan", "verdict") == list(count_rules.VERDICTS)
	assert options("unit_count_result", "result") == list(count_rules.RESULTS)
	assert options("unit_count_result", "action") == list(count_rules.ACTIONS)
	assert options("unit_count", "status") == list(count_rules.STATUSES)
	assert options("unit_count", "missing_action") == list(count_rules.MISSING_ACTIONS)
	assert options("unit_count", "custodian_type") == list(lifecycle.CUSTODIAN_TYPES)


def test_every_verdict_has_its_colour_on_the_scan_panel():
	assert set(count_rules.VERDICT_COLOURS) == set(count_rules.VERDICTS)
	assert set(lifecycle.COLOURS) >= set(lifecycle.STATUSES)


def test_audit_events_name_every_kind_and_status():
	assert options("serial_audit_event", "event") == list(ledger.EVENTS)
	for field in ("status_before", "status_after"):
		assert options("serial_audit_event", field) == list(lifecycle.STATUSES), field


def test_unit_import_words_are_the_core_vocabularies():
	assert options("unit_import", "mode") == list(judge.MODES)
	assert options("unit_import", "status") == list(judge.STATUSES)
	assert options("unit_import", "post_on") == list(judge.POST_ON)
	assert options("unit_import", "preset") == list(columns.PRESETS)
	assert options("unit_import", "date_order") == list(values.ORDERS)
	assert options("unit_import", "decimal_separator") == list(values.DECIMAL_NAMES)
	assert options("unit_import_column", "field") == list(columns.FIELDS)
	assert options("unit_import_row", "verdict") == list(judge.VERDICTS)
	assert options("unit_import_row", "status") == list(values.STATUSES)
	assert options("unit_import_row", "condition") == list(lifecycle.CONDITIONS)
	assert set(judge.VERDICT_COLOURS) == set(judge.VERDICTS)


def test_rma_words_are_the_core_vocabularies():
	assert options("rma", "status") == list(rma.STATUSES)
	assert options("rma", "condition") == list(lifecycle.CONDITIONS)
	assert options("rma_step", "step") == list(rma.STEP_NAMES)
	assert options("rma_step", "status_before") == list(rma.STATUSES)
