"""The ERPNext-suite report names the app's frames an error went through, whatever folder they are in."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
	"erpnext_suite_report", Path(__file__).resolve().parent.parent / ".ci" / "erpnext-suite-report.py"
)
report = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(report)

TRACE = """Traceback (most recent call last):
  File "/bench/apps/erpnext/erpnext/stock/doctype/stock_entry/stock_entry.py", line 385, in on_submit
    self.update_stock_ledger()
  File "/bench/apps/serial_tracking/serial_tracking/concurrency/locks.py", line 40, in before_submit
    hold(doc)
  File "/bench/apps/serial_tracking/serial_tracking/platform/messages.py", line 38, in throw
    frappe.throw(translate(error))
  File "/bench/apps/serial_tracking/serial_tracking/tests/test_unit_races.py", line 9, in helper
    x()
  File "/bench/apps/frappe/frappe/__init__.py", line 600, in throw
    raise exc
frappe.exceptions.ValidationError: Unit <strong>A</strong> was just moved
"""


def test_the_apps_frames_are_named_by_their_capability():
	lines = report.excerpt(TRACE)
	assert lines[0] == "frappe.exceptions.ValidationError: Unit A was just moved"
	assert lines[-1] == "app: concurrency/locks.py:40 before_submit", lines


def test_an_error_outside_the_app_names_its_last_frame():
	trace = TRACE.replace("serial_tracking/serial_tracking/concurrency", "erpnext/erpnext/concurrency")
	assert report.excerpt(trace)[-1].startswith("app: tests/test_unit_races.py") is False
	assert report.excerpt(trace)[-1].startswith("last frame: frappe/frappe/__init__.py:600")
