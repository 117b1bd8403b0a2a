"""Whitelisted methods of the Unit Count form: scan (one row per scan, fast), close, reopen, and the
receipt of unknown serials."""

import frappe
from frappe import _

from serial_tracking.counting import closing, posting, scanning, unit_count, unit_count_pending
from serial_tracking.counting.core import count_rules

COUNT = unit_count.COUNT


@frappe.whitelist(methods=["POST"])
def scan(count: str, code: str, condition: str | None = None) -> dict:
	"""One scan into an open count: what it means, and the count's running totals."""
	# read access to this count, write access to counts (an approved count is read-only, and the scan
	# says so in words rather than as a permission error)
	frappe.has_permission(COUNT, "read", doc=count, throw=True)
	frappe.has_permission(COUNT, "write", throw=True)
	return scanning.scan(count, code, condition)


@frappe.whitelist()
@frappe.read_only()
def recent(count: str, limit: int = 20) -> dict:
	"""The latest scans of a count (newest first) and its totals, for the scan panel."""
	doc = frappe.get_doc(COUNT, count)
	doc.check_permission("read")
	scans = frappe.get_all(
		unit_count.SCAN,
		{"unit_count": count},
		["code", "serial_no", "item_code", "verdict", "condition", "scanned_at"],
		order_by="scanned_at desc, creation desc",
		limit=min(int(limit), 200),
	)
	totals = {field: doc.get(field) or 0 for field in (*unit_count.COUNTERS, "expected_units")}
	return {"scans": scans, "totals": totals, "status": doc.status}


@frappe.whitelist()
@frappe.read_only()
def not_yet_scanned(count: str) -> dict:
	"""The units expected in the count that no scan has found yet (what is left to find), and how many."""
	frappe.get_doc(COUNT, count).check_permission("read")
	return unit_count_pending.not_yet_scanned(count)


@frappe.whitelist(methods=["POST"])
def close(count: str) -> dict:
	frappe.get_doc(COUNT, count).check_permission("write")
	return closing.close(count)


@frappe.whitelist(methods=["POST"])
def reopen(count: str) -> None:
	frappe.get_doc(COUNT, count).check_permission("write")
	closing.reopen(count)


@frappe.whitelist(methods=["POST"])
def approve(count: str) -> dict:
	"""Approve a closed count: now when small, as a background job with a progress bar when large."""
	doc = frappe.get_doc(COUNT, count)
	doc.check_permission("submit")
	posting.check(doc)  # refuse at once what the job would refuse
	if posting.runs_in_background(doc):
		doc.db_set({"status": count_rules.QUEUED, "error": None})
		frappe.enqueue(
			"serial_tracking.counting.posting.run",
			queue="long",
			timeout=7200,
			name=count,
			user=frappe.session.user,
			enqueue_after_commit=True,
		)
		return {"queued": True}
	doc.submit()
	return {"queued": False}


@frappe.whitelist()
def make_receipt(source_name: str):
	"""A draft Material Receipt of the unknown serials marked Receive (with their item), into the
	counted warehouse: opened for the user to check rates and submit."""
	doc = frappe.get_doc(COUNT, source_name)
	doc.check_permission("read")
	lines = [
		line
		for line in doc.results
		if line.result == count_rules.UNKNOWN and line.action == count_rules.RECEIVE and line.item_code
	]
	if not lines:
		frappe.throw(
			_(
				"No unknown serial is set to Receive with its item: set the Action and Item of the unknown serials in Results first."
			)
		)
	by_item: dict[str, list[str]] = {}
	for line in lines:
		by_item.setdefault(line.item_code, []).append(line.code)
	entry = frappe.new_doc("Stock Entry")
	entry.update(
		{
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": doc.company,
			"remarks": _("Unknown serials found by Unit Count {0}").format(doc.name),
		}
	)
	for item_code, serials in by_item.items():
		uom = frappe.get_cached_value("Item", item_code, "stock_uom")
		entry.append(
			"items",
			{
				"item_code": item_code,
				"uom": uom,
				"stock_uom": uom,
				"conversion_factor": 1,
				"qty": len(serials),
				"transfer_qty": len(serials),
				"t_warehouse": doc.warehouse,
				"serial_no": "\n".join(serials),
				"use_serial_batch_fields": 1,
			},
		)
	return entry
