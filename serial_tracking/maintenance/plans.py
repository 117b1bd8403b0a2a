"""Maintenance plans and warranty days of items and item groups (an item's own, else its group's)."""

import frappe
from frappe.model.document import Document
from frappe.utils import cint

from serial_tracking.maintenance.core import visit_dates
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import tracking
from serial_tracking.series.item_settings import group_defaults

PLAN_FIELDS = (
	"st_maintenance_periodicity",
	"st_maintenance_visits",
	"st_maintenance_months",
	"st_customer_warranty_days",
	"st_vendor_warranty_days",
)


def plan_from(doc) -> visit_dates.Plan:
	return visit_dates.Plan(
		doc.get("st_maintenance_periodicity") or None,
		cint(doc.get("st_maintenance_visits")),
		cint(doc.get("st_maintenance_months")),
	)


def apply_to_item(doc: Document) -> None:
	"""Keep the customer warranty and ERPNext's Warranty Period in step; refuse plans that cannot work."""
	before = doc.get_doc_before_save() if not doc.is_new() else None
	ours, erpnext = cint(doc.get("st_customer_warranty_days")), cint(doc.get("warranty_period"))
	erpnext_changed = cint(before.get("warranty_period")) != erpnext if before else not ours
	if erpnext_changed and (not before or cint(before.get("st_customer_warranty_days")) == ours):
		doc.st_customer_warranty_days = ours = erpnext  # set the ERPNext way: ours follows
	doc.warranty_period = str(ours) if ours else None

	with rules_as_messages():
		serialized = doc.get("st_tracking_mode") == tracking.SERIALIZED
		visit_dates.check_plan(plan_from(doc), serialized=serialized)
		for field in ("st_customer_warranty_days", "st_vendor_warranty_days"):
			days = cint(doc.get(field))
			if days and (not before or cint(before.get(field)) != days):
				visit_dates.check_warranty(doc.name or doc.item_code, serialized=serialized, days_set=days)


def check_group(doc: Document) -> None:
	with rules_as_messages():
		visit_dates.check_plan(plan_from(doc))


def item_plans(item_codes) -> dict[str, frappe._dict]:
	"""Each item's plan and warranties: its own, else its item group's (nearest ancestor that has one)."""
	if not item_codes:
		return {}
	item = frappe.qb.DocType("Item")
	rows = (
		frappe.qb.from_(item)
		.select(item.name, item.item_name, item.item_group, *(item[f] for f in PLAN_FIELDS))
		.where(item.name.isin(list(item_codes)) & (item.st_tracking_mode == tracking.SERIALIZED))
	).run(as_dict=True)
	groups = group_defaults({row.item_group for row in rows}, PLAN_FIELDS)
	out = {}
	for row in rows:
		group = groups.get(row.item_group, {})
		source = row if row.st_maintenance_periodicity else group
		out[row.name] = frappe._dict(
			item_name=row.item_name,
			plan=plan_from(source) if source else visit_dates.Plan(None),
			# ERPNext dates the item's own warranty (its Warranty Period) at delivery; a group's is ours.
			group_customer_days=0
			if cint(row.st_customer_warranty_days)
			else cint(group.get("st_customer_warranty_days")),
			vendor_days=cint(row.st_vendor_warranty_days) or cint(group.get("st_vendor_warranty_days")),
		)
	return out
