"""Maintenance plans and warranties of serialized units, on ERPNext's own Maintenance Schedule.

A delivery of units whose item has a plan creates, for the customer, one ERPNext Maintenance Schedule
per unit: its one line is the unit, its visit lines are the dates the core computes (holidays from the
company's holiday list). One schedule per unit, because ERPNext creates a calendar event for every pair
of a line and a visit line of the same item, which grows with the square of the units on one schedule.
Cancelling the delivery cancels its schedules; a return ends the returned units' schedules.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Order
from frappe.utils import cint, getdate

from serial_tracking.actions import unit_actions
from serial_tracking.audit.event_store import EVENT
from serial_tracking.maintenance import visit_reminders
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.platform import todos
from serial_tracking.platform.job_lock import exclusive
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import tracking
from serial_tracking.series.item_settings import group_defaults
from serial_tracking.units import unit_moves
from serial_tracking.units.core import ledger

PLAN_FIELDS = (
	"st_maintenance_periodicity",
	"st_maintenance_visits",
	"st_maintenance_months",
	"st_customer_warranty_days",
	"st_vendor_warranty_days",
)
DELIVERIES = ("Delivery Note", "Sales Invoice")


# --- plans on Item and Item Group ----------------------------------------------------------------


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


# --- deliveries, cancellations, returns ----------------------------------------------------------


def on_delivery(doc: Document) -> None:
	if doc.doctype not in DELIVERIES or doc.get("is_return"):
		return
	if doc.doctype == "Sales Invoice" and not doc.get("update_stock"):
		return
	units = unit_moves.moved(doc.doctype, doc.name, outward=True)
	plans = item_plans({u.item_code for u in units})
	set_warranty_ends(
		"warranty_expiry_date", doc.posting_date, units, {i: p.group_customer_days for i, p in plans.items()}
	)
	planned = [u.serial_no for u in units if plans.get(u.item_code) and plans[u.item_code].plan.active]
	if not planned:
		return
	threshold = cint(
		frappe.db.get_single_value("Serial Tracking Settings", "maintenance_background_threshold")
	)
	if threshold and len(planned) > threshold:
		frappe.enqueue(
			"serial_tracking.maintenance.schedules.create_schedules_job",
			queue="long",
			delivery_type=doc.doctype,
			delivery=doc.name,
			serials=planned,
			enqueue_after_commit=True,
		)
	else:
		create_schedules(doc.doctype, doc.name, planned)


def create_schedules_job(delivery_type: str, delivery: str, serials: list[str]) -> list[str]:
	"""Background job: the schedules of a large delivery. Two workers given the same delivery make
	each schedule once: one at a time, each skipping units that have theirs already."""
	with exclusive(f"schedules:{delivery_type}:{delivery}", wait=600) as got:
		if not got:
			frappe.throw(_("Another worker is still creating the schedules of {0}.").format(delivery))
		have = set(
			frappe.get_all(
				"Maintenance Schedule Item",
				{
					"parenttype": "Maintenance Schedule",
					"serial_no": ("in", serials),
					"parent": ("in", schedules_of(delivery_type, delivery)),
				},
				pluck="serial_no",
			)
		)
		made = create_schedules(delivery_type, delivery, [s for s in serials if s not in have])
		frappe.db.commit()
		return made


def schedules_of(delivery_type: str, delivery: str) -> list[str]:
	return frappe.get_all(
		"Maintenance Schedule",
		{"st_delivery_type": delivery_type, "st_delivery": delivery, "docstatus": 1},
		pluck="name",
	) or [""]


def create_schedules(delivery_type: str, delivery: str, serials: list[str]) -> list[str]:
	"""One submitted Maintenance Schedule per unit, with the core's visit dates."""
	doc = frappe.get_doc(delivery_type, delivery)
	start = getdate(doc.posting_date)
	is_holiday = holidays(doc.company)
	units = {u.serial_no: u for u in unit_moves.moved(delivery_type, delivery, outward=True)}
	plans = item_plans({units[s].item_code for s in serials})
	made = []
	for serial in serials:
		unit = units[serial]
		info = plans[unit.item_code]
		visits = visit_dates.visit_dates(info.plan, start, is_holiday)
		ms = frappe.get_doc(
			{
				"doctype": "Maintenance Schedule",
				"customer": doc.customer,
				"company": doc.company,
				"transaction_date": start,
				"st_delivery_type": delivery_type,
				"st_delivery": delivery,
				"items": [
					{
						"item_code": unit.item_code,
						"item_name": info.item_name,
						"serial_no": serial,
						"start_date": start,
						"end_date": visit_dates.end_date(info.plan, start),
						"periodicity": info.plan.periodicity,
						"no_of_visits": len(visits),
					}
				],
				"schedules": [
					{
						"item_code": unit.item_code,
						"item_name": info.item_name,
						"serial_no": serial,
						"scheduled_date": visit,
						"completion_status": "Pending",
					}
					for visit in visits
				],
			}
		)
		ms.flags.ignore_permissions = True
		ms.insert()
		ms.submit()
		frappe.db.set_value(
			"Serial No", serial, "amc_expiry_date", ms.items[0].end_date, update_modified=False
		)
		made.append(ms.name)
	return made


def on_delivery_cancel(doc: Document) -> None:
	"""Cancel the schedules the delivery made, and end their units' service contracts (ERPNext's own
	cancel clears the contract only of units given in a bundle; ours are named on the line)."""
	if doc.doctype not in DELIVERIES:
		return
	serials = []
	for name in frappe.get_all(
		"Maintenance Schedule",
		{"st_delivery_type": doc.doctype, "st_delivery": doc.name, "docstatus": 1},
		pluck="name",
	):
		schedule_doc = frappe.get_doc("Maintenance Schedule", name)
		schedule_doc.flags.ignore_permissions = True
		schedule_doc.cancel()
		serials += [row.serial_no for row in schedule_doc.items if row.serial_no]
	if serials:
		unit = frappe.qb.DocType("Serial No")
		frappe.qb.update(unit).set(unit.amc_expiry_date, None).where(unit.name.isin(serials)).run()


def on_return(doc: Document) -> None:
	"""A returned unit owes its customer no more visits: its pending visits end (those already due are kept
	on record as missed), its contract ends on the return's date."""
	if doc.doctype not in DELIVERIES or not doc.get("is_return"):
		return
	returned = [u.serial_no for u in unit_moves.moved(doc.doctype, doc.name, outward=False)]
	if not returned:
		return
	end_schedules(returned, getdate(doc.posting_date))


def end_schedules(serials: list[str], on: date) -> None:
	"""End every pending visit of the units' submitted schedules: those dated before ``on`` were missed;
	none is due work any more (no overdue flag, no open reminder)."""
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	pending = (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(detail.name, detail.scheduled_date)
		.where(
			detail.serial_no.isin(serials)
			& (detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (parent.docstatus == 1)
		)
	).run(as_dict=True)
	if pending:
		visits = [visit.name for visit in pending]
		missed = [visit.name for visit in pending if getdate(visit.scheduled_date) < on]
		chosen = detail.name.isin(visits)
		frappe.qb.update(detail).set(detail.st_ended, 1).set(detail.st_overdue, 0).where(chosen).run()
		if missed:
			frappe.qb.update(detail).set(detail.st_missed, 1).where(detail.name.isin(missed)).run()
		todos.close([visit_reminders.VISIT_DUE.format(name) for name in visits])
	unit = frappe.qb.DocType("Serial No")
	frappe.qb.update(unit).set(unit.amc_expiry_date, on).where(unit.name.isin(serials)).run()


def holidays(company: str):
	holiday_list = frappe.get_cached_value("Company", company, "default_holiday_list")
	if not holiday_list:
		return lambda day: False
	days = {getdate(d) for d in frappe.get_all("Holiday", {"parent": holiday_list}, pluck="holiday_date")}
	return days.__contains__


# --- receipts: the vendor warranty ---------------------------------------------------------------


def on_receipt(doc: Document) -> None:
	"""Units received from a supplier get their vendor warranty's end date."""
	if doc.doctype not in ("Purchase Receipt", "Purchase Invoice") or doc.get("is_return"):
		return
	plans = item_plans({row.item_code for row in doc.get("items") or []})
	vendor_days = {item: plan.vendor_days for item, plan in plans.items() if plan.vendor_days}
	if vendor_days:  # read the units only when one of the voucher's items has a vendor warranty
		units = unit_moves.moved(doc.doctype, doc.name, outward=False)
		set_warranty_ends("st_vendor_warranty_expiry", doc.posting_date, units, vendor_days)


def set_warranty_ends(field: str, start, units, days_of: dict[str, int]) -> None:
	"""Date ``field`` of each unit whose item has a warranty of ``days_of[item]`` days from ``start``."""
	by_end = defaultdict(list)
	for unit in units:
		if days := days_of.get(unit.item_code):
			by_end[visit_dates.warranty_end(getdate(start), days)].append(unit.serial_no)
	serial_no = frappe.qb.DocType("Serial No")
	for end, serials in by_end.items():
		frappe.qb.update(serial_no).set(serial_no[field], end).where(serial_no.name.isin(serials)).run()


# --- visits and claims ---------------------------------------------------------------------------


def on_visit(doc: Document) -> None:
	"""A submitted visit may leave units in a new condition."""
	by_condition = defaultdict(list)
	for purpose in doc.purposes:
		if purpose.serial_no and purpose.get("st_condition"):
			by_condition[purpose.st_condition].append(purpose.serial_no)
	for condition, serials in by_condition.items():
		unit_actions.set_condition(serials, condition, remarks=f"{doc.doctype} {doc.name}")


def fill_claim(doc: Document) -> None:
	"""A Warranty Claim on a unit shows both warranties; inside the vendor window, whom to claim from."""
	if not doc.get("serial_no"):
		return
	unit = frappe.db.get_value(
		"Serial No",
		doc.serial_no,
		["warranty_expiry_date", "amc_expiry_date", "st_vendor_warranty_expiry"],
		as_dict=True,
	)
	if not unit:
		return
	on = getdate(doc.get("complaint_date") or None)
	doc.warranty_expiry_date, doc.amc_expiry_date = unit.warranty_expiry_date, unit.amc_expiry_date
	doc.warranty_amc_status = customer_cover(unit, on)
	cover = vendor_cover(doc.serial_no, unit.st_vendor_warranty_expiry, on)
	doc.st_vendor_warranty_expiry, doc.st_vendor_warranty_status = cover.expiry, cover.status
	doc.st_vendor, doc.st_vendor_receipt_type, doc.st_vendor_receipt = cover.receipt


def vendor_cover(serial: str, expiry, on: date) -> frappe._dict:
	"""The unit's vendor warranty on ``on``: expiry, status and, inside the window, the supplier and the
	receipt to claim from (a claim's unit, or a part a repair took out)."""
	status = visit_dates.warranty_status(getdate(expiry) if expiry else None, on)
	receipt = (supplier_receipt(serial) if status == visit_dates.UNDER else None) or (None, None, None)
	return frappe._dict(expiry=expiry, status=status, receipt=tuple(receipt))


def customer_cover(unit, on: date) -> str | None:
	"""ERPNext's own words for what covers the customer on ``on``: warranty first, then service contract."""
	warranty = unit.warranty_expiry_date and getdate(unit.warranty_expiry_date)
	contract = unit.amc_expiry_date and getdate(unit.amc_expiry_date)
	if warranty and warranty >= on:
		return "Under Warranty"
	if contract and contract >= on:
		return "Under AMC"
	if warranty:
		return "Out of Warranty"
	return "Out of AMC" if contract else None


def supplier_receipt(serial: str):
	"""The receipt (and supplier) the unit came in on most recently."""
	event = frappe.qb.DocType(EVENT)
	rows = (
		frappe.qb.from_(event)
		.select(event.party, event.voucher_type, event.voucher_no)
		.where(
			(event.serial_no == serial) & (event.party_type == "Supplier") & (event.event == ledger.RECEIVED)
		)
		.orderby(event.seq, order=Order.desc)
		.limit(1)
	).run()
	return rows[0] if rows else None
