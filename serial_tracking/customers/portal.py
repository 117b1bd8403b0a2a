"""The customer's portal (*My Units*): every unit a website user's customer has (delivered to them, or with
us for service), with its delivery, warranty and service contract, maintenance visits done and due and
open claims; *report a problem* opens a Warranty Claim on one of them.

A user sees the units of the customers ERPNext links their login to (the Customer's *Portal Users*), and
nothing else: asking for another customer's unit is refused as if it did not exist."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from serial_tracking.audit import event_store
from serial_tracking.customers import ownership
from serial_tracking.customers.core import rma as rma_core
from serial_tracking.maintenance.core import cover, visit_dates
from serial_tracking.platform import erpnext_internals
from serial_tracking.units.core import ledger, lifecycle

OPEN_CLAIMS = ("Open", "Work In Progress")


def customers() -> list[str]:
	"""The customers the logged-in user may see the units of."""
	if frappe.session.user == "Guest":
		return []
	return erpnext_internals.portal_customers()


def units(of: list[str]) -> list[frappe._dict]:
	"""The customers' units, newest delivery first, each with all the portal shows of it."""
	serials = ownership.delivered_to(of)
	if not serials:
		return []
	unit = frappe.qb.DocType("Serial No")
	item = frappe.qb.DocType("Item")
	rows = (
		frappe.qb.from_(unit)
		.left_join(item)
		.on(item.name == unit.item_code)
		.select(
			unit.name.as_("serial_no"),
			unit.item_code,
			item.item_name,
			item.image,
			unit.st_maker_serial.as_("maker_serial"),
			unit.st_lifecycle_status.as_("status"),
			unit.warranty_expiry_date,
			unit.amc_expiry_date,
		)
		.where(unit.name.isin(serials))
	).run(as_dict=True)
	deliveries = event_store_latest(serials)
	done, due = visits(serials)
	claims = open_claims(serials)
	today = getdate(nowdate())
	for row in rows:
		row.delivery_type, row.delivery, row.delivered_on = deliveries.get(row.serial_no, (None, None, None))
		row.warranty_status = visit_dates.warranty_status(date_or_none(row.warranty_expiry_date), today)
		row.amc_status = amc_status(date_or_none(row.amc_expiry_date), today)
		row.cover = cover.customer_cover(
			date_or_none(row.warranty_expiry_date), date_or_none(row.amc_expiry_date), today
		)
		row.visits_done = done.get(row.serial_no, [])
		row.visits_due = due.get(row.serial_no, [])
		row.claims = claims.get(row.serial_no, [])
		row.with_us = row.status == lifecycle.IN_SERVICE
	return sorted(rows, key=lambda r: (r.delivered_on or getdate("1900-01-01"), r.serial_no), reverse=True)


def unit(serial: str, of: list[str]) -> frappe._dict:
	"""One of the customers' units; another's is refused as not found (it is none of theirs)."""
	found = [row for row in units(of) if row.serial_no == serial] if serial else []
	if not found:
		frappe.throw(_("You have no unit {0}.").format(serial or ""), frappe.PermissionError)
	return found[0]


def report_problem(serial: str, complaint: str) -> str:
	"""Open a Warranty Claim on one of the user's customer's units; its name."""
	of = customers()
	if not of:
		frappe.throw(_("Your login is linked to no customer."), frappe.PermissionError)
	row = unit(serial, of)
	complaint = (complaint or "").strip()
	if len(complaint) < 5:
		frappe.throw(_("Describe the problem, please."), frappe.ValidationError)
	owner = ownership.owners([serial]).get(serial)
	company = frappe.db.get_value("Serial No", serial, "company")
	claim = frappe.get_doc(
		{
			"doctype": "Warranty Claim",
			"status": "Open",
			"complaint_date": nowdate(),
			"customer": owner,
			"serial_no": serial,
			"item_code": row.item_code,
			"complaint": frappe.utils.escape_html(complaint),
			"complaint_raised_by": frappe.session.user,
			"company": company,
		}
	)
	claim.flags.ignore_permissions = True
	claim.insert()
	return claim.name


# --- what the portal shows of each unit ------------------------------------------------------------


def event_store_latest(serials: list[str]) -> dict[str, tuple]:
	"""Each unit's latest delivery to its customer: (document type, document, date)."""
	found = event_store.latest_where(
		serials,
		lambda t: t.event.isin([ledger.DELIVERED]) & (t.party_type == "Customer"),
		"voucher_type",
		"voucher_no",
		"posting",
	)
	return {
		serial: (vt, vn, getdate(posting) if posting else None) for serial, (vt, vn, posting) in found.items()
	}


def visits(serials: list[str]) -> tuple[dict, dict]:
	"""Visits done (submitted Maintenance Visits on the unit) and due (pending lines of its schedules)."""
	visit = frappe.qb.DocType("Maintenance Visit")
	purpose = frappe.qb.DocType("Maintenance Visit Purpose")
	done = defaultdict(list)
	for serial, day, work in (
		frappe.qb.from_(purpose)
		.join(visit)
		.on(visit.name == purpose.parent)
		.select(purpose.serial_no, visit.mntc_date, purpose.work_done)
		.where(purpose.serial_no.isin(serials) & (visit.docstatus == 1))
		.orderby(visit.mntc_date)
	).run():
		done[serial].append(frappe._dict(date=day, work=work))
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	schedule = frappe.qb.DocType("Maintenance Schedule")
	due = defaultdict(list)
	for serial, day in (
		frappe.qb.from_(detail)
		.join(schedule)
		.on(schedule.name == detail.parent)
		.select(detail.serial_no, detail.scheduled_date)
		.where(
			detail.serial_no.isin(serials)
			& (schedule.docstatus == 1)
			& (detail.completion_status == "Pending")
			& (detail.st_ended == 0)
		)
		.orderby(detail.scheduled_date)
	).run():
		due[serial].append(day)
	return done, due


def open_claims(serials: list[str]) -> dict[str, list]:
	claim = frappe.qb.DocType("Warranty Claim")
	rma = frappe.qb.DocType("RMA")
	out = defaultdict(list)
	for row in (
		frappe.qb.from_(claim)
		.left_join(rma)
		.on(rma.name == claim.st_rma)
		.select(claim.name, claim.serial_no, claim.complaint_date, claim.status, rma.status.as_("rma_status"))
		.where(
			claim.serial_no.isin(serials)
			& (claim.status.isin(OPEN_CLAIMS) | rma.status.isin(list(rma_core.OPEN)))
		)
		.orderby(claim.complaint_date)
	).run(as_dict=True):
		out[row.serial_no].append(row)
	return out


def amc_status(end, today) -> str | None:
	if not end:
		return None
	return cover.UNDER_AMC if end >= today else cover.OUT_OF_AMC


def date_or_none(value):
	return getdate(value) if value else None
