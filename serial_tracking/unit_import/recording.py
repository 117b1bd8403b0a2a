"""What an import says of its units beyond their arrival, recorded in their chains through the app's one
writer of events (sealed with the site's key, under the import's name, so cancelling the import reverses
exactly them) and on the units themselves: a loan (*Checked Out*, *Checked In*), a repair or a
reservation, a condition, and an *Updated* event naming every other field it changes, before and after."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from serial_tracking.actions import unit_actions
from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.maintenance.plans import item_plans
from serial_tracking.unit_import.core import judge
from serial_tracking.unit_import.core.rows import Row
from serial_tracking.units.core import ledger, lifecycle

IMPORT = "Unit Import"
# What a status a unit is imported in takes beyond its arrival: the unit action's event
ACTION_OF = {
	lifecycle.ON_LOAN: lifecycle.CHECK_OUT,
	lifecycle.IN_REPAIR: lifecycle.SEND_TO_REPAIR,
	lifecycle.RESERVED: lifecycle.RESERVE,
}


@dataclass
class Mark:
	"""One event of the import in a unit's chain."""

	serial: str
	event: str
	status: str | None = None  # after it (None: as it is)
	condition: str | None = None
	holder: tuple | None = None  # (custodian type, custodian, due date) of a check-out
	remarks: str | None = None


def arrived(doc: Document, new: list[Row], attributes: dict) -> None:
	"""The new units that stay on hand: a status other than In Stock (its unit action's event), a
	condition; then on every new unit its vendor warranty (the file's, else the item's from the purchase
	date), its purchase date as its first receipt, its location note and attributes."""
	marks = []
	for row in new:
		action = ACTION_OF.get(row.status)
		holder = (row.custodian_type, row.custodian, row.due_date) if action == lifecycle.CHECK_OUT else None
		if action:
			marks.append(Mark(row.serial, ledger.ACTION_EVENTS[action], row.status, row.condition, holder))
		elif row.condition and row.status == lifecycle.IN_STOCK:
			marks.append(Mark(row.serial, ledger.CONDITION_CHANGED, condition=row.condition))
	record(doc, marks)
	groups = defaultdict(list)
	for row in new:
		action = ACTION_OF.get(row.status)
		if action or (row.condition and row.status == lifecycle.IN_STOCK):
			key = (
				action or ledger.CONDITION_CHANGED,
				row.custodian_type,
				row.custodian,
				row.due_date,
				row.condition,
			)
			groups[key].append(row.serial)
	for (action, custodian_type, custodian, due_date, condition), serials in groups.items():
		unit_actions.update_units(serials, action, custodian_type, custodian, due_date, condition)
	vendor_days = {
		item: p.vendor_days for item, p in item_plans({row.item for row in new}).items() if p.vendor_days
	}
	values = defaultdict(list)
	for row in new:
		expiry = row.warranty_expiry or visit_dates.warranty_end(
			row.purchase_date, vendor_days.get(row.item, 0)
		)
		for field, value in (("st_vendor_warranty_expiry", expiry), ("st_location_note", row.location_note)):
			if value:
				values[(field, value)].append(row.serial)
		for label, value in row.attributes.items():
			values[(attributes[label].fieldname, value)].append(row.serial)
	set_fields(values)
	first_received(new)


def first_received(rows: list[Row]) -> None:
	"""A unit bought before it came in here was first received on its purchase date."""
	unit = frappe.qb.DocType("Serial No")
	bought = defaultdict(list)
	for row in rows:
		if row.purchase_date:
			bought[datetime.combine(getdate(row.purchase_date), time())].append(row.serial)
	for first, serials in bought.items():
		frappe.qb.update(unit).set(unit.st_first_received, first).where(
			unit.name.isin(serials) & (unit.st_first_received.isnull() | (unit.st_first_received > first))
		).run()


def delivered(rows: list[Row]) -> None:
	"""Units of the installed base keep the customer warranty and contract dates the file gives (their
	delivery dated the warranty from the item's days)."""
	values = defaultdict(list)
	for row in rows:
		for field, value in (
			("warranty_expiry_date", row.customer_warranty_expiry),
			("amc_expiry_date", row.amc_expiry),
		):
			if value:
				values[(field, value)].append(row.serial)
	set_fields(values)


def set_fields(values: dict[tuple[str, object], list[str]]) -> None:
	unit = frappe.qb.DocType("Serial No")
	for (field, value), serials in values.items():
		frappe.qb.update(unit).set(unit[field], value).where(unit.name.isin(serials)).run()


def update(doc: Document, changed: list[tuple[Row, dict]], attributes: dict) -> None:
	"""Units the file updates: a loan that ends (*Checked In*), begins (*Checked Out*) or passes to
	another custodian (both), a new condition (*Condition Changed*), every other field in one *Updated*
	event naming it before and after; and the fields themselves."""
	marks, loans, values = [], defaultdict(list), defaultdict(list)
	for row, changes in changed:
		if judge.LOAN in changes:
			before, after = changes[judge.LOAN]
			if before:
				marks.append(Mark(row.serial, ledger.CHECKED_IN, lifecycle.IN_STOCK))
				loans[(lifecycle.CHECK_IN, None, None, None)].append(row.serial)
			if after:
				marks.append(Mark(row.serial, ledger.CHECKED_OUT, lifecycle.ON_LOAN, holder=tuple(after)))
				loans[(lifecycle.CHECK_OUT, *after)].append(row.serial)
		if "condition" in changes:
			marks.append(Mark(row.serial, ledger.CONDITION_CHANGED, condition=changes["condition"][1]))
		others = {k: v for k, v in changes.items() if k not in ("condition", judge.LOAN)}
		if others:
			remarks = "; ".join(
				f"{judge.label_of(k)}: {b or '-'} → {a or '-'}" for k, (b, a) in others.items()
			)
			marks.append(Mark(row.serial, ledger.UPDATED, remarks=remarks))
		for key, (_before, after) in changes.items():
			field = field_of(key, attributes)
			if field:
				values[(field, after)].append(row.serial)
	record(doc, marks)
	for (action, custodian_type, custodian, due_date), serials in loans.items():
		unit_actions.update_units(
			serials, action, custodian_type, custodian, due_date and getdate(due_date), None
		)
	set_fields(values)


def field_of(change: str, attributes: dict) -> str | None:
	"""The Serial No field a change of the import is in (a loan is several: see :func:`update`)."""
	if change.startswith(judge.ATTRIBUTE):
		spec = attributes.get(change[len(judge.ATTRIBUTE) :])
		return spec.fieldname if spec else None
	return judge.UPDATABLE.get(change)


def record(doc: Document, marks: list[Mark]) -> None:
	"""The marks as events of the import in the units' chains, sealed with the site's key."""
	if not marks:
		return
	serials = sorted({mark.serial for mark in marks})
	units = unit_actions.lock(serials)
	heads = trail.load_heads(set(serials))
	now, key, user = now_datetime(), keys.current(), frappe.session.user
	events = []
	for mark in marks:
		unit = units[mark.serial]
		head = heads.get(mark.serial, unit_chain.Head(status=unit.st_lifecycle_status))
		custodian_type, custodian, due = mark.holder or (None, None, None)
		event = unit_chain.Event(
			serial_no=mark.serial,
			item_code=unit.item_code,
			event=mark.event,
			posting=now,
			recorded_by=user,
			recorded_at=now,
			voucher_type=IMPORT,
			voucher_no=doc.name,
			from_warehouse=unit.warehouse,
			to_warehouse=unit.warehouse,
			party_type=custodian_type,
			party=custodian,
			status_after=mark.status or head.status,
			condition=mark.condition or unit.st_condition,
			custodian_type=custodian_type,
			custodian=custodian,
			due_date=getdate(due) if due else None,
			remarks=mark.remarks,
		)
		chained, heads[mark.serial] = unit_chain.append(event, head, key=key)
		events.append(chained)
	event_store.write(events)
