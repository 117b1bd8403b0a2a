"""Unit actions: check out / in, repair, reserve, lost / found, retire, condition.

All units of one call change together or not at all. Actions that change the quantity on hand (lost,
found, retire) go through an ERPNext Stock Entry, so quantity and value follow and the audit trail
records the entry's movement under the action's name; the others write their audit events directly.
"""

from collections import defaultdict

import frappe
from frappe.utils import flt, getdate, now_datetime, nowdate

from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units.core import ledger, lifecycle

INTENT = {
	lifecycle.MARK_LOST: ledger.LOST,
	lifecycle.MARK_FOUND: ledger.FOUND,
	lifecycle.RETIRE: ledger.RETIRED,
}


def act(
	serials: list[str],
	action: str,
	*,
	custodian_type: str | None = None,
	custodian: str | None = None,
	due_date=None,
	condition: str | None = None,
	remarks: str | None = None,
) -> dict:
	"""Apply ``action`` to every unit in ``serials``; refuses (changing nothing) if any unit cannot take it."""
	units = lock(serials)
	with rules_as_messages():
		lifecycle.check_condition(condition)
		for serial in serials:
			unit = units.get(serial)
			lifecycle.transition(unit and unit.st_lifecycle_status, action, serial=serial)
		if action == lifecycle.CHECK_OUT:
			lifecycle.check_custodian(custodian_type, custodian, due_date)
	rule = lifecycle.ACTIONS[action]
	if rule.stock:
		entries = stock_entries(action, [units[s] for s in serials], remarks, condition)
		return {"stock_entry": entries[0], "stock_entries": entries}
	record(serials, units, action, custodian_type, custodian, due_date, condition, remarks)
	update_units(serials, action, custodian_type, custodian, due_date, condition)
	return {}


def lock(serials: list[str]) -> dict:
	"""Lock the units' rows (so their chains grow one writer at a time) and read their state."""
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(
			unit.name,
			unit.item_code,
			unit.warehouse,
			unit.company,
			unit.st_lifecycle_status,
			unit.st_condition,
		)
		.where(unit.name.isin(list(serials)))
		.for_update()
	).run(as_dict=True)
	return {row.name: row for row in rows}


def record(serials, units, action, custodian_type, custodian, due_date, condition, remarks) -> None:
	heads = trail.load_heads(set(serials))
	now, key = now_datetime(), keys.current()
	events = []
	for serial in serials:
		unit = units[serial]
		head = heads.get(serial, unit_chain.Head(status=unit.st_lifecycle_status))
		if head.status != unit.st_lifecycle_status:  # a unit whose status was set before it had a history
			head = unit_chain.Head(head.seq, head.hash, head.episode, unit.st_lifecycle_status)
		event = unit_chain.Event(
			serial_no=serial,
			item_code=unit.item_code,
			event=ledger.ACTION_EVENTS.get(action, action),
			posting=now,
			recorded_by=frappe.session.user,
			recorded_at=now,
			from_warehouse=unit.warehouse,
			to_warehouse=unit.warehouse,
			party_type=custodian_type if action == lifecycle.CHECK_OUT else None,
			party=custodian if action == lifecycle.CHECK_OUT else None,
			status_after=lifecycle.ACTIONS[action].to if action in lifecycle.ACTIONS else head.status,
			condition=condition or unit.st_condition,
			custodian_type=custodian_type,
			custodian=custodian,
			due_date=getdate(due_date) if due_date else None,
			remarks=remarks,
		)
		chained, heads[serial] = unit_chain.append(event, head, key=key)
		events.append(chained)
	event_store.write(events)


def update_units(serials, action, custodian_type, custodian, due_date, condition) -> None:
	unit = frappe.qb.DocType("Serial No")
	query = frappe.qb.update(unit).where(unit.name.isin(list(serials)))
	if action in lifecycle.ACTIONS:
		query = query.set(unit.st_lifecycle_status, lifecycle.ACTIONS[action].to)
	if action == lifecycle.CHECK_OUT:
		query = query.set(unit.st_custodian_type, custodian_type).set(unit.st_custodian, custodian)
		query = query.set(unit.st_due_date, getdate(due_date) if due_date else None)
		if custodian_type == "Employee":
			query = query.set(unit.employee, custodian)
	elif action == lifecycle.CHECK_IN:
		query = (
			query.set(unit.st_custodian_type, None).set(unit.st_custodian, None).set(unit.st_due_date, None)
		)
		query = query.set(unit.employee, None)
	if condition:
		query = query.set(unit.st_condition, condition)
	query.run()


def set_condition(serials: list[str], condition: str, remarks: str | None = None) -> None:
	"""Record a new condition (an inspection, a repair) without changing the status."""
	units = lock(serials)
	with rules_as_messages():
		lifecycle.check_condition(condition)
	record(serials, units, ledger.CONDITION_CHANGED, None, None, None, condition, remarks)
	update_units(serials, ledger.CONDITION_CHANGED, None, None, None, condition)


def stock_entries(action: str, units: list, remarks: str | None, condition: str | None) -> list[str]:
	"""ERPNext Material Issues (lost, retired) or Material Receipts (found) for the units: one per
	company, since a Stock Entry belongs to one company."""
	by_company = defaultdict(list)
	for unit in units:
		by_company[unit.company].append(unit)
	places = (
		last_places_and_values([u.name for u in units]) if lifecycle.ACTIONS[action].stock == "in" else {}
	)
	entries = [
		stock_entry(action, company, company_units, places, remarks).name
		for company, company_units in sorted(by_company.items(), key=lambda group: group[0] or "")
	]
	unit = frappe.qb.DocType("Serial No")
	query = frappe.qb.update(unit).where(unit.name.isin([u.name for u in units]))
	query = query.set(unit.st_custodian_type, None).set(unit.st_custodian, None).set(unit.st_due_date, None)
	if condition:
		query = query.set(unit.st_condition, condition)
	query.run()
	return entries


def stock_entry(action: str, company: str, units: list, places: dict, remarks: str | None):
	inward = lifecycle.ACTIONS[action].stock == "in"
	rows = []
	if inward:  # a line per unit: each comes back at the value it left with
		for unit in units:
			warehouse, rate = places.get(unit.name, (None, 0.0))
			rows.append(
				{"item_code": unit.item_code, "qty": 1, "serial_no": unit.name, "use_serial_batch_fields": 1}
				| {"t_warehouse": warehouse, "basic_rate": rate, "allow_zero_valuation_rate": not rate}
			)
	else:  # a line per item and warehouse: ERPNext takes each unit out at its own value
		lines = defaultdict(list)
		for unit in units:
			lines[(unit.item_code, unit.warehouse)].append(unit.name)
		for (item_code, warehouse), serials in lines.items():
			rows.append(
				{"item_code": item_code, "qty": len(serials), "serial_no": "\n".join(serials)}
				| {"s_warehouse": warehouse, "use_serial_batch_fields": 1}
			)
	purpose = "Material Receipt" if inward else "Material Issue"
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": company,
			"posting_date": nowdate(),
			"st_unit_intent": INTENT[action],
			"remarks": remarks,
			"items": rows,
		}
	)
	entry.insert()
	entry.submit()
	return entry


def last_places_and_values(serials: list[str]) -> dict[str, tuple[str | None, float]]:
	"""Where each lost unit was lost from, and the value it left the books with (its latest event that
	left it Lost: Mark Lost, or a count that no longer found it), in one query."""
	lost = event_store.latest_where(
		serials, lambda t: t.status_after == lifecycle.LOST, "from_warehouse", "rate_out"
	)
	return {serial: (warehouse, flt(rate)) for serial, (warehouse, rate) in lost.items()}
