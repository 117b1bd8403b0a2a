"""Unit genealogy on ERPNext's Stock Entries: which component unit went into which unit.

* assembly: a Manufacture or Repack entry that consumes serialized units and makes serialized units
  links each consumed unit to a finished unit: the user's assignment (``st_component_assignment``,
  set in the entry's *Assign Components* dialog) or, without one, in order as the BOM says;
* repair: the entries of a part swap (:mod:`~serial_tracking.genealogy.part_swaps`) take a part out of
  a unit (intent *Removed From*) or put one in (intent *Fitted Into*), naming the unit in
  ``st_assembly``;
* disassembly: a Disassemble entry ends the links between the unit it takes apart and the units it
  brings back.

Links are rows of *Serial Unit Link*; both ends get audit events through the one writer
(:func:`~serial_tracking.audit.event_store.write`), after the entry's own movements. Cancelling
the entry marks the links it made as undone, brings back those it ended, and the audit trail appends
the reversing events as for any cancelled voucher.
"""

import json
from collections import defaultdict

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime, getdate, now_datetime

from serial_tracking.audit import event_store, keys, trail
from serial_tracking.genealogy.core import assembly
from serial_tracking.genealogy.core.assembly import LinkChange
from serial_tracking.platform import bulk_insert
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units import voucher_moves
from serial_tracking.units.core import ledger
from serial_tracking.units.core.moves import OUT

LINK = "Serial Unit Link"
ASSEMBLY, REPAIR = "Assembly", "Repair"
ASSEMBLING = ("Manufacture", "Repack")
REPAIRING = (ledger.FITTED_INTO, ledger.REMOVED_FROM)
SWAPS = "Serial Part Swap"
COLUMNS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"unit",
	"unit_item",
	"component",
	"component_item",
	"how",
	"rate",
	"linked_on",
	"voucher_type",
	"voucher_no",
	"voucher_detail_no",
]


def validate(doc: Document) -> None:
	"""A Stock Entry's component assignment is a list of rows naming a component and a unit."""
	parsed = requested(doc)
	if parsed is None:
		return
	if doc.purpose not in ASSEMBLING:
		frappe.throw(
			_("Only a Manufacture or Repack entry assigns components to finished units."),
			title=_("Components"),
		)
	for row in parsed:
		if not isinstance(row, dict) or not isinstance(row.get("component"), str):
			frappe.throw(
				_("The component assignment must list each component with the unit it goes into."),
				title=_("Components"),
			)


def requested(doc: Document) -> list | None:
	"""The user's assignment of the entry (None: none, components go in order)."""
	value = doc.get("st_component_assignment")
	if value in (None, "", "[]", [], "null"):
		return None
	parsed = json.loads(value) if isinstance(value, str) else value
	if not isinstance(parsed, list):
		frappe.throw(
			_("The component assignment must list each component with the unit it goes into."),
			title=_("Components"),
		)
	return parsed


def check_inward(doc: Document) -> None:
	"""A voucher that brings units into stock (or counts them) may not bring in a unit that is part of
	another unit, unless it is the part swap or Disassemble entry that takes it out (validate)."""
	if not voucher_moves.moves_stock(doc):
		return
	moves = voucher_moves.planned(doc)
	inward = {m.serial for m in moves if m.direction != OUT}
	inside = holders(inward)
	if not inside:
		return
	allowed = set()
	if doc.doctype == "Stock Entry" and doc.get("st_unit_intent") == ledger.REMOVED_FROM:
		allowed = {doc.get("st_assembly")}
	elif doc.doctype == "Stock Entry" and doc.get("purpose") == "Disassemble":
		allowed = {m.serial for m in moves if m.direction == OUT}
	with rules_as_messages():
		for component, (unit, since) in sorted(inside.items()):
			assembly.check_not_inside(component, unit, since, allowed)


def holders(components) -> dict[str, tuple[str, object]]:
	"""``{component: (unit it is part of now, since when)}`` of those of ``components`` inside a unit."""
	if not components:
		return {}
	link = frappe.qb.DocType(LINK)
	rows = (
		frappe.qb.from_(link)
		.select(link.component, link.unit, link.linked_on)
		.where(link.component.isin(list(components)) & link.ended_on.isnull() & (link.cancelled == 0))
	).run()
	return {component: (unit, getdate(since)) for component, unit, since in rows}


def on_submit(doc: Document) -> None:
	"""Link the units the entry assembles, repairs or takes apart (its movements are recorded already)."""
	intent = doc.get("st_unit_intent")
	if intent in REPAIRING and doc.get("st_assembly"):
		repair(doc, intent)
	elif doc.purpose in ASSEMBLING and not intent:
		assemble(doc)
	elif doc.purpose == "Disassemble" and not intent:
		disassemble(doc)


def entry_units(voucher_no: str) -> list[frappe._dict]:
	"""Every serialized unit a submitted Stock Entry moved, in line order: direction (1 in, -1 out),
	its rate as ERPNext valued it, whether its line is a finished item, and when it was posted."""
	sle = frappe.qb.DocType("Stock Ledger Entry")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	line = frappe.qb.DocType("Stock Entry Detail")
	rows = (
		frappe.qb.from_(sle)
		.join(entry)
		.on(entry.parent == sle.serial_and_batch_bundle)
		.join(line)
		.on(line.name == sle.voucher_detail_no)
		.select(
			entry.serial_no,
			sle.item_code,
			sle.voucher_detail_no,
			sle.actual_qty,
			entry.incoming_rate,
			sle.posting_datetime,
			line.is_finished_item,
			line.s_warehouse,
			line.t_warehouse,
		)
		.where(
			(sle.voucher_type == "Stock Entry")
			& (sle.voucher_no == voucher_no)
			& (sle.is_cancelled == 0)
			& entry.serial_no.isnotnull()
		)
		.orderby(line.idx)
		.orderby(entry.idx)
	).run(as_dict=True)
	for row in rows:
		row.direction = 1 if flt(row.actual_qty) > 0 else -1
		row.rate = abs(flt(row.incoming_rate, 9))
		row.posting = get_datetime(row.posting_datetime)
	return rows


def assemble(doc: Document) -> None:
	units = entry_units(doc.name)
	finished = [u for u in units if u.direction > 0 and u.is_finished_item]
	consumed = [u for u in units if u.direction < 0 and not u.t_warehouse]
	if not finished or not consumed:
		return
	with rules_as_messages():
		for component, (unit, since) in sorted(holders({u.serial_no for u in consumed}).items()):
			assembly.check_not_inside(component, unit, since)  # a unit goes into one unit at a time
		pairs = assembly.assignment(
			requested(doc),
			[u.serial_no for u in finished],
			{u.serial_no: u.item_code for u in consumed},
			bom_quantities(doc),
		)
	by_serial = {u.serial_no: u for u in units}
	changes = [
		LinkChange(
			component=component,
			component_item=by_serial[component].item_code,
			unit=unit,
			unit_item=by_serial[unit].item_code,
			unit_kind=ledger.MADE_OF,
			component_kind=ledger.BECAME_PART_OF,
			posting=by_serial[component].posting,
			voucher_type=doc.doctype,
			voucher_no=doc.name,
			voucher_detail_no=by_serial[component].voucher_detail_no,
			rate=by_serial[component].rate,
		)
		for component, unit in pairs
	]
	make_links(changes, ASSEMBLY)
	write_events(changes)


def bom_quantities(doc: Document) -> dict[str, float]:
	"""How many of each item one finished unit takes, by the entry's BOM (none without one)."""
	if not doc.get("bom_no"):
		return {}
	per = flt(frappe.db.get_value("BOM", doc.bom_no, "quantity")) or 1.0
	quantities: dict[str, float] = defaultdict(float)
	for item_code, qty in frappe.get_all(
		"BOM Item", {"parent": doc.bom_no, "parenttype": "BOM"}, ["item_code", "stock_qty"], as_list=True
	):
		quantities[item_code] += flt(qty) / per
	return quantities


def repair(doc: Document, intent: str) -> None:
	"""A part swap's entry: the part it issued goes into the unit, or the part it received came out."""
	unit = doc.st_assembly
	unit_item = frappe.db.get_value("Serial No", unit, "item_code")
	fitting = intent == ledger.FITTED_INTO
	parts = [u for u in entry_units(doc.name) if u.direction == (-1 if fitting else 1)]
	changes = [
		LinkChange(
			component=part.serial_no,
			component_item=part.item_code,
			unit=unit,
			unit_item=unit_item,
			unit_kind=ledger.PART_FITTED if fitting else ledger.PART_REMOVED,
			component_kind=None,  # the entry's own movement of the part says it
			posting=part.posting,
			voucher_type=doc.doctype,
			voucher_no=doc.name,
			voucher_detail_no=part.voucher_detail_no,
			rate=part.rate,
		)
		for part in parts
	]
	if fitting:
		make_links(changes, REPAIR)
	else:
		held = open_links([unit], [part.serial_no for part in parts])
		if missing := [p.serial_no for p in parts if (unit, p.serial_no) not in held]:
			frappe.throw(
				_(
					"Part {0} is not part of unit {1} now: only a part the unit holds can be taken out."
				).format(frappe.bold(missing[0]), frappe.bold(unit)),
				title=_("Components"),
			)
		end_links(doc, [held[(unit, p.serial_no)] for p in parts], {p.serial_no: p.rate for p in parts})
	write_events(changes)


def disassemble(doc: Document) -> None:
	"""A Disassemble entry: the units it brings back are no longer part of the unit it took apart."""
	units = entry_units(doc.name)
	taken_apart = [u.serial_no for u in units if u.direction < 0]
	back = {u.serial_no: u for u in units if u.direction > 0}
	held = open_links(taken_apart, list(back))
	if not held:
		return
	item_of = {u.serial_no: u.item_code for u in units}
	changes = [
		LinkChange(
			component=component,
			component_item=item_of[component],
			unit=unit,
			unit_item=item_of[unit],
			unit_kind=ledger.PART_REMOVED,
			component_kind=ledger.REMOVED_FROM,
			posting=back[component].posting,
			voucher_type=doc.doctype,
			voucher_no=doc.name,
			voucher_detail_no=back[component].voucher_detail_no,
		)
		for unit, component in held
	]
	end_links(doc, list(held.values()), {})
	write_events(changes)


def open_links(units: list[str], components: list[str]) -> dict[tuple[str, str], str]:
	"""``{(unit, component): link}`` of the links still in place between any of them."""
	if not units or not components:
		return {}
	link = frappe.qb.DocType(LINK)
	rows = (
		frappe.qb.from_(link)
		.select(link.unit, link.component, link.name)
		.where(
			link.unit.isin(units)
			& link.component.isin(components)
			& link.ended_on.isnull()
			& (link.cancelled == 0)
		)
	).run()
	return {(unit, component): name for unit, component, name in rows}


def make_links(changes: list[LinkChange], how: str) -> None:
	now, user = now_datetime(), frappe.session.user
	rows = [
		(
			frappe.generate_hash(length=12),
			now,
			now,
			user,
			user,
			c.unit,
			c.unit_item,
			c.component,
			c.component_item,
			how,
			c.rate,
			c.posting,
			c.voucher_type,
			c.voucher_no,
			c.voucher_detail_no,
		)
		for c in changes
	]
	bulk_insert.insert(LINK, COLUMNS, rows)


def end_links(doc: Document, names: list[str], removed_rates: dict[str, float]) -> None:
	"""The links ``names`` end with ``doc``; a part a repair took out keeps the value it came back at."""
	link = frappe.qb.DocType(LINK)
	posting = get_datetime(f"{doc.posting_date} {doc.posting_time}")
	(
		frappe.qb.update(link)
		.set(link.ended_on, posting)
		.set(link.ended_by_type, doc.doctype)
		.set(link.ended_by, doc.name)
		.where(link.name.isin(names))
	).run()
	for component, rate in removed_rates.items():
		if rate:
			(
				frappe.qb.update(link)
				.set(link.removed_rate, rate)
				.where(link.name.isin(names) & (link.component == component))
			).run()


def write_events(changes: list[LinkChange]) -> None:
	if not changes:
		return
	heads = trail.load_heads({c.unit for c in changes} | {c.component for c in changes})
	events = assembly.link_events(
		changes,
		heads,
		recorded_by=frappe.session.user,
		recorded_at=now_datetime(),
		key=keys.current(),
	)
	event_store.write(events)


def on_cancel(doc: Document) -> None:
	"""Undo the entry's links: those it ended hold again, those it made never held (the audit trail
	reverses the entry's events itself)."""
	link = frappe.qb.DocType(LINK)
	(
		frappe.qb.update(link)
		.set(link.ended_on, None)
		.set(link.ended_by_type, None)
		.set(link.ended_by, None)
		.set(link.removed_rate, 0)
		.where((link.ended_by_type == doc.doctype) & (link.ended_by == doc.name) & (link.cancelled == 0))
	).run()
	(
		frappe.qb.update(link)
		.set(link.cancelled, 1)
		.set(link.ended_on, now_datetime())
		.where((link.voucher_type == doc.doctype) & (link.voucher_no == doc.name) & (link.cancelled == 0))
	).run()
	if doc.get("st_repair"):
		swap = frappe.qb.DocType(SWAPS)
		(
			frappe.qb.update(swap)
			.set(swap.status, "Cancelled")
			.where((swap.receipt_entry == doc.name) | (swap.issue_entry == doc.name))
		).run()
