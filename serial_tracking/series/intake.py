"""Serials coming into stock on ERPNext's inward transactions: what users entered or scanned.

``validate`` checks the serials and maker serials of every line that brings units in (whole
quantities, check digits, serials of other items or already on hand, maker serials);
``record_maker_serials`` stores maker serials on the units once ERPNext has created or moved them.
Blank serials are generated at submit by :mod:`~serial_tracking.series.generation`.
"""

from dataclasses import dataclass

import frappe
from frappe.model.document import Document
from frappe.query_builder import Case
from frappe.utils import flt

from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos

from serial_tracking.platform import voucher_state
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series.core import identity, series_rules, tracking
from serial_tracking.series.item_settings import serial_settings
from serial_tracking.units.bundles import serials_by_bundle


@dataclass
class InwardLine:
	row: Document
	qty: float
	warehouse: str
	is_return: bool = False
	bundled: list[str] | None = None  # the serials of the line's bundle, read once for all lines
	# Where the line's units are expected on hand already: the source warehouse of an internal transfer
	# received on a Purchase Receipt / Invoice, or the warehouse a Stock Reconciliation counts.
	expected_at: str | None = None

	@property
	def serials(self) -> list[str]:
		if self.row.get("serial_no"):
			return get_serial_nos(self.row.serial_no)
		return self.bundled or []

	@property
	def makers(self) -> list[str]:
		return get_serial_nos(self.row.get("st_maker_serials") or "")


def inward_lines(doc: Document) -> list[InwardLine]:
	"""The lines of ``doc`` that bring new units into a warehouse."""
	if doc.get("is_return"):
		return unserialized_returns(doc)
	if doc.doctype in ("Purchase Receipt", "Purchase Invoice"):
		if doc.doctype == "Purchase Invoice" and not doc.update_stock:
			return []
		return [
			InwardLine(
				row,
				flt(row.stock_qty) or flt(row.qty) * flt(row.conversion_factor or 1),
				row.warehouse,
				expected_at=row.get("from_warehouse"),
			)
			for row in doc.items
			if row.warehouse and flt(row.qty) > 0
		]
	if doc.doctype == "Subcontracting Receipt":  # the finished goods the subcontractor delivers
		return [
			InwardLine(row, flt(row.qty) * flt(row.conversion_factor or 1), row.warehouse)
			for row in doc.items
			if row.warehouse and flt(row.qty) > 0
		]
	if doc.doctype == "Stock Entry":
		return [
			InwardLine(
				row, flt(row.transfer_qty) or flt(row.qty) * flt(row.conversion_factor or 1), row.t_warehouse
			)
			for row in doc.items
			if row.t_warehouse and not row.s_warehouse and flt(row.qty) > 0
		]
	if doc.doctype == "Stock Reconciliation" and doc.purpose == "Opening Stock":
		return [
			InwardLine(row, flt(row.qty), row.warehouse, expected_at=row.warehouse)
			for row in doc.items
			if flt(row.qty) > 0 and not flt(row.current_qty)
		]
	return []


def forget_serials_of_quantity_returns(doc: Document) -> None:
	"""Units sold while their item was serialized, returned after it switched to quantity tracking,
	come back as a count: the serials copied from the original sale are dropped from the return."""
	if not doc.get("is_return") or doc.doctype not in ("Delivery Note", "Sales Invoice", "POS Invoice"):
		return
	rows = [row for row in doc.items if row.get("serial_no") or row.get("serial_and_batch_bundle")]
	if not rows:
		return
	serialized = set(
		frappe.get_all(
			"Item", {"name": ("in", [r.item_code for r in rows]), "has_serial_no": 1}, pluck="name"
		)
	)
	for row in rows:
		if row.item_code not in serialized and not row.get("batch_no"):
			row.serial_no = None
			row.serial_and_batch_bundle = None
			row.use_serial_batch_fields = 0


def unserialized_returns(doc: Document) -> list[InwardLine]:
	"""Customer returns of units sold while their item was still tracked by quantity: the units come
	back with no serial to return under, so they get new ones like any receipt."""
	if doc.doctype not in ("Delivery Note", "Sales Invoice") or (
		doc.doctype == "Sales Invoice" and not doc.update_stock
	):
		return []
	original = {
		"Delivery Note": ("dn_detail", "Delivery Note Item"),
		"Sales Invoice": ("sales_invoice_item", "Sales Invoice Item"),
	}
	field, child = original[doc.doctype]
	candidates = [
		row
		for row in doc.items
		if flt(row.qty) < 0
		and row.get(field)
		and not row.get("serial_no")
		and not row.get("serial_and_batch_bundle")
	]
	if not candidates:
		return []
	sold_with_serials = set(
		frappe.get_all(
			child,
			{
				"name": ("in", [row.get(field) for row in candidates]),
				"serial_and_batch_bundle": ("is", "set"),
			},
			pluck="name",
		)
	)
	return [
		InwardLine(row, abs(flt(row.stock_qty) or flt(row.qty)), row.warehouse, is_return=True)
		for row in candidates
		if row.get(field) not in sold_with_serials
	]


def serialized_lines(doc: Document) -> tuple[list[InwardLine], dict]:
	lines = inward_lines(doc)
	settings = serial_settings({line.row.item_code for line in lines})
	lines = [line for line in lines if line.row.item_code in settings]
	bundles = {line.row.serial_and_batch_bundle for line in lines if line.row.get("serial_and_batch_bundle")}
	if bundles:  # serials picked in ERPNext's bundle dialog: one query for every line
		by_bundle = serials_by_bundle(bundles)
		for line in lines:
			line.bundled = by_bundle.get(line.row.get("serial_and_batch_bundle"))
	return lines, settings


def validate(doc: Document) -> None:
	forget_serials_of_quantity_returns(doc)
	lines, settings = serialized_lines(doc)
	if not lines:
		return
	units: list[identity.Incoming] = []
	with rules_as_messages():
		for line in lines:
			item = settings[line.row.item_code]
			serials, makers = line.serials, line.makers
			qty = identity.check_line(line.row.idx, line.row.item_code, line.qty, serials, makers)
			if item.template and serials and item.source != tracking.SOURCE_MANUAL:
				template = series_rules.parse(item.template)
				for serial in serials:
					series_rules.check_entered(
						template, serial, from_series_only=item.source == tracking.SOURCE_SERIES
					)
			for i in range(qty):
				units.append(
					identity.Incoming(
						row=line.row.idx,
						item_code=line.row.item_code,
						serial=serials[i] if serials else None,
						maker_serial=makers[i] if makers else None,
						expected_at=line.expected_at,
					)
				)
		known, on_hand, with_history = known_units(units)
		identity.check_incoming(units, known, on_hand)
	# Units that never moved before this voucher have no history: the audit trail need not look. A unit
	# whose every movement was cancelled has one (its events and their reversals).
	voucher_state.of(voucher_state.NEW_UNITS, doc.doctype, doc.name, set).update(
		u.serial for u in units if u.serial and u.serial not in with_history
	)


def known_units(units: list[identity.Incoming]) -> tuple[dict, dict, set[str]]:
	"""Existing units by serial, units on hand by (item, maker serial), and the existing units with a
	history (moved by a submitted bundle, or by one cancelled since), in three queries at most.

	ERPNext creates the Serial Nos of a bundle, warehouse and all, when it builds the bundle (a draft
	voucher's too): a unit is on hand only once a submitted bundle moved it."""
	serial_no = frappe.qb.DocType("Serial No")
	fields = (serial_no.name, serial_no.item_code, serial_no.warehouse, serial_no.st_maker_serial)
	serials = [u.serial for u in units if u.serial]
	known = {}
	with_history: set[str] = set()
	if serials:
		rows = frappe.qb.from_(serial_no).select(*fields).where(serial_no.name.isin(serials)).run()
		moved, with_history = bundle_history([row[0] for row in rows])
		for name, item_code, warehouse, maker in rows:
			was_moved = name in moved
			known[name] = identity.Known(name, item_code, warehouse if was_moved else None, maker, was_moved)
	makers = [u.maker_serial for u in units if u.maker_serial]
	on_hand = {}
	if makers:
		for name, item_code, warehouse, maker in (
			frappe.qb.from_(serial_no)
			.select(*fields)
			.where(serial_no.st_maker_serial.isin(makers))
			.where(serial_no.item_code.isin({u.item_code for u in units}))
			.where(serial_no.warehouse.isnotnull())
		).run():
			on_hand[(item_code, maker.upper())] = identity.Known(name, item_code, warehouse, maker)
	return known, on_hand, with_history


def bundle_history(serials: list[str]) -> tuple[set[str], set[str]]:
	"""Those of ``serials`` that a submitted Serial and Batch Bundle moved, and those that a submitted
	bundle or one cancelled since moved, in one query."""
	if not serials:
		return set(), set()
	entry = frappe.qb.DocType("Serial and Batch Entry")
	rows = (
		frappe.qb.from_(entry)
		.select(entry.serial_no, entry.docstatus)
		.distinct()
		.where(entry.serial_no.isin(serials) & entry.docstatus.isin([1, 2]))
	).run()
	return {serial for serial, docstatus in rows if docstatus == 1}, {serial for serial, _ds in rows}


def existing_serials(serials: list[str]) -> set[str]:
	"""Those of ``serials`` that are Serial Nos already (as stored: the database compares case-blind)."""
	if not serials:
		return set()
	serial_no = frappe.qb.DocType("Serial No")
	return set(
		frappe.qb.from_(serial_no).select(serial_no.name).where(serial_no.name.isin(serials)).run(pluck=True)
	)


def record_maker_serials(doc: Document) -> None:
	"""After ERPNext created or moved the units of entered serials, store their maker serials."""
	if not any(row.get("st_maker_serials") for row in doc.get("items") or []):
		return  # the common case: no maker serials scanned, nothing to read
	pairs = {}
	for line in serialized_lines(doc)[0]:
		serials = line.serials
		if line.makers and serials:  # generated units got their maker serials when they were inserted
			pairs.update(zip(serials, line.makers, strict=True))
	if not pairs:
		return
	serial_no = frappe.qb.DocType("Serial No")
	case = Case()
	for serial, maker in pairs.items():
		case = case.when(serial_no.name == serial, maker)
	frappe.qb.update(serial_no).set(serial_no.st_maker_serial, case).where(
		serial_no.name.isin(list(pairs))
	).run()
