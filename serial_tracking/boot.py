"""What the desk needs to know of the app's vocabulary (hooks: boot_session), so client code keeps no
copies of the server's action, status and mode names."""

import frappe

from serial_tracking.counting.core import count_rules
from serial_tracking.customers.core import rma
from serial_tracking.series.core import tracking
from serial_tracking.unit_import import files
from serial_tracking.unit_import.core import columns, judge
from serial_tracking.units.core import ledger, lifecycle

MODULE = "Serial Tracking"


def has_app_permission() -> bool:
	"""The apps screen shows Serial Tracking to users who may read units (Serial No)."""
	return bool(frappe.has_permission("Serial No", "read"))


def boot_session(bootinfo) -> None:
	bootinfo.serial_tracking = {
		"modes": {"quantity": tracking.QUANTITY, "serialized": tracking.SERIALIZED},
		"sources": {"manual": tracking.SOURCE_MANUAL},
		"statuses": list(lifecycle.STATUSES),
		"status_colours": lifecycle.COLOURS,
		"actions": {
			name: {
				"to": rule.to,
				"allowed_from": sorted(rule.allowed_from),
				"stock": rule.stock,
				"custodian": rule.custodian,
				"condition": rule.condition,
			}
			for name, rule in lifecycle.ACTIONS.items()
		},
		"condition_action": ledger.CONDITION_CHANGED,
		"conditions": list(lifecycle.CONDITIONS),
		"reports": frappe.get_all("Report", {"module": MODULE, "is_standard": "Yes"}, pluck="name"),
		"custodian_types": list(lifecycle.CUSTODIAN_TYPES),
		"count": {
			"statuses": {
				"open": count_rules.OPEN,
				"closed": count_rules.CLOSED,
				"queued": count_rules.QUEUED,
			},
			"verdicts": count_rules.VERDICT_COLOURS,
			"unknown": count_rules.UNKNOWN,
			"receive": count_rules.RECEIVE,
		},
		"unit_import": {
			"statuses": {"checked": judge.CHECKED, "queued": judge.QUEUED, "interrupted": judge.INTERRUPTED},
			"verdicts": judge.VERDICT_COLOURS,
			"presets": list(columns.PRESETS),
			"formats": list(files.FORMATS),
		},
		"rma": {
			"colours": rma.COLOURS,
			"steps": {name: sorted(step.allowed_from) for name, step in rma.STEPS.items()},
		},
	}
