"""A shop's history on serial_tracking v0.2.0 (d225768, 2026-12-02): v0.1.0's (upgrade/v0.1.0/history.py:
the same catalogue, vouchers and actions, now with v0.2.0's set-based actions and its reminders keyed by
ToDo.st_reminder), and what v0.2.0 added: the heavy reports switched to prepared reports (Serial
Tracking Settings), one of them prepared as the worker prepares it.
"""

from unittest.mock import patch

import records as r

import frappe


def make() -> None:
	r.history_of("v0.1.0").make()
	settings = frappe.get_single("Serial Tracking Settings")
	settings.prepared_reports = 1  # the setting marks the heavy reports prepared, on every migrate too
	settings.save()
	frappe.db.commit()
	prepared("Serial Profitability", {"company": r.world_company()})


def prepared(report: str, filters: dict) -> None:
	"""A prepared result of a heavy report, computed here as the worker's job would."""
	from frappe.core.doctype.prepared_report import prepared_report

	with patch.object(prepared_report, "enqueue"):
		name = prepared_report.make_prepared_report(report, filters)["name"]
	frappe.db.commit()
	prepared_report.generate_report(name)
	frappe.db.commit()
