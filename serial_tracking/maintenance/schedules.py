"""Maintenance schedules of delivered units, on ERPNext's own Maintenance Schedule.

A delivery of units whose item has a plan creates, for the customer, one ERPNext Maintenance Schedule
per unit: its one line is the unit, its visit lines are the dates the core computes (holidays from the
company's holiday list). One schedule per unit, because ERPNext creates a calendar event for every pair
of a line and a visit line of the same item, which grows with the square of the units on one schedule.
Cancelling the delivery cancels its schedules; a return ends the returned units' schedules. Plans are
:mod:`~serial_tracking.maintenance.plans`, warranties :mod:`~serial_tracking.maintenance.warranties`.
"""

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from serial_tracking.maintenance import visit_reminders
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.maintenance.plans import item_plans
from serial_tracking.maintenance.warranties import set_warranty_ends
from serial_tracking.platform import todos
from serial_tracking.platform.job_lock import exclusive
from serial_tracking.units import unit_moves

DELIVERIES = ("Delivery Note", "Sales Invoice")


def on_delivery(doc: Document) -> None:
	"""A delivery dates its units' customer warranties and plans their maintenance visits."""
	if doc.doctype not in DELIVERIES or doc.get("is_return"):
		return
	if doc.doctype == "Sales Invoice" and not doc.get("update_stock"):
		return
	units = unit_moves.moved(doc.doctype, doc.name, outward=True)
	plans = item_plans({u.item_code for u in units})
	days = {item: plan.group_customer_days for item, plan in plans.items()}
	set_warranty_ends("warranty_expiry_date", doc.posting_date, units, days)
	plan_visits(
		doc, [u.serial_no for u in units if plans.get(u.item_code) and plans[u.item_code].plan.active]
	)


def plan_visits(doc: Document, planned: list[str]) -> None:
	"""The units' schedules: now, or as a background job for a delivery of more units than the setting."""
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
