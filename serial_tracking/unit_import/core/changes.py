"""A row of a unit that exists: what it would change, or why it cannot.

An import moves no unit and sells none: a row that puts a unit on hand elsewhere, or in another status
than a loan's, or sells one the books have on hand, fails, naming where the books have it. What it may
change: the condition, a maker serial the unit lacks, the warranty, contract and due dates, the location
note, the unit attributes, and the loan (check out, check in, another custodian), on a unit on hand;
the same but the loan and condition on a unit of the installed base (delivered to the same customer).
"""

from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core.rows import Row
from serial_tracking.unit_import.core.vocabulary import (
	ADD,
	ATTRIBUTE,
	CHANGE,
	ERROR,
	LOAN,
	SKIPPED,
	UNCHANGED,
	UPDATABLE,
	UPDATE,
	UnitFacts,
	Verdict,
	label_of,
)
from serial_tracking.units.core import lifecycle

# On hand, the loan is one of these statuses; the others change through the unit's own actions.
LENDABLE = frozenset({lifecycle.IN_STOCK, lifecycle.ON_LOAN})
# Kept as they are on a delivered unit
NOT_OF_THE_INSTALLED_BASE = frozenset({"condition", "due_date", LOAN})


def existing(row: Row, unit: UnitFacts, mode: str, company: str, makers_on_hand, new) -> Verdict:
	"""The verdict of a row of an existing unit (``new``: how a unit that comes back in is judged)."""
	if row.item and row.item != unit.item_code:
		row.fail(
			_("Serial {serial} belongs to item {other}, not {item}: one serial is one unit of one item."),
			c.ITEM,
			serial=unit.serial,
			other=unit.item_code,
			item=row.item,
		)
		return Verdict(ERROR, unit=unit.serial)
	row.item = unit.item_code
	if unit.company and unit.company != company and (unit.on_hand or unit.status == lifecycle.DELIVERED):
		row.fail(_("Unit {serial} belongs to company {other}."), serial=unit.serial, other=unit.company)
		return Verdict(ERROR, unit=unit.serial)
	installed = unit.status == lifecycle.DELIVERED and row.status == lifecycle.DELIVERED
	if not unit.on_hand and not installed and not (unit.status == row.status == lifecycle.RETIRED):
		return gone(row, unit, mode, new)
	if not in_its_place(row, unit):
		return Verdict(ERROR, unit=unit.serial)
	found = changes(row, unit)
	if installed:
		found = {k: v for k, v in found.items() if k not in NOT_OF_THE_INSTALLED_BASE}
	if "maker_serial" in found:
		if unit.maker_serial:
			row.fail(
				_("Unit {serial} has maker serial {maker}: an import fills in a missing maker serial only."),
				c.MAKER_SERIAL,
				serial=unit.serial,
				maker=unit.maker_serial,
			)
			return Verdict(ERROR, unit=unit.serial)
		holder = makers_on_hand.get((unit.item_code, row.maker_serial.upper()))
		if holder and holder.upper() != unit.serial.upper():
			row.fail(
				_("Maker serial {maker} of {item} is already on hand as unit {other}."),
				c.MAKER_SERIAL,
				maker=row.maker_serial,
				item=unit.item_code,
				other=holder,
			)
			return Verdict(ERROR, unit=unit.serial)
	if not found:
		if unit.imported_by:
			row.warn(_("Already imported by {name}."), name=unit.imported_by)
		return Verdict(UNCHANGED, unit=unit.serial)
	if mode == ADD:
		row.warn(
			_("Unit {serial} exists, and the row would change its {fields}: Add and Update changes it."),
			serial=unit.serial,
			fields=tuple(Term(label_of(k)) for k in found),
		)
		return Verdict(SKIPPED, unit=unit.serial)
	return Verdict(CHANGE, found, unit=unit.serial)


def gone(row: Row, unit: UnitFacts, mode: str, new) -> Verdict:
	"""A unit the shop no longer has by the books: it comes back in, unless lost or only updated."""
	if unit.status == lifecycle.LOST:
		row.fail(_("Unit {serial} is Lost: Mark Found brings it back where it was lost."), serial=unit.serial)
		return Verdict(ERROR, unit=unit.serial)
	if mode == UPDATE:
		row.fail(
			_("Unit {serial} is {status}, not on hand: an update changes units on hand or delivered only."),
			serial=unit.serial,
			status=Term(unit.status or lifecycle.NOT_RECEIVED),
		)
		return Verdict(ERROR, unit=unit.serial)
	verdict = new(row, unit)
	if verdict.verdict != ERROR:
		row.warn(
			_("Unit {serial} was {status}: it comes back, as a new episode of its history."),
			serial=unit.serial,
			status=Term(unit.status or lifecycle.NOT_RECEIVED),
		)
	return verdict


def in_its_place(row: Row, unit: UnitFacts) -> bool:
	"""An import moves no unit and sells none: the row's warehouse, customer and status (those it gives)
	are the books', but for a loan; otherwise the row fails, naming where the books have the unit."""
	if row.warehouse and unit.warehouse and row.warehouse != unit.warehouse:
		row.fail(
			_(
				"Unit {serial} is in {books} by the books, and the file puts it in {file}. An import moves no unit: transfer it, or count the warehouse."
			),
			c.WAREHOUSE,
			serial=unit.serial,
			books=unit.warehouse,
			file=row.warehouse,
		)
		return False
	if unit.status == lifecycle.DELIVERED and row.customer != unit.customer:
		row.fail(
			_("Unit {serial} went to customer {books} by the books, and the file says {file}."),
			c.CUSTOMER,
			serial=unit.serial,
			books=unit.customer or "-",
			file=row.customer,
		)
		return False
	gives_status = c.STATUS in row.given or c.CUSTODIAN in row.given or c.CUSTOMER in row.given
	lending = {row.status, unit.status} <= LENDABLE
	if gives_status and row.status != unit.status and not lending:
		row.fail(
			_(
				"Unit {serial} is {books} by the books, and the file says {file}: the unit's actions change that."
			),
			c.STATUS,
			serial=unit.serial,
			books=Term(unit.status),
			file=Term(row.status),
		)
		return False
	return True


def changes(row: Row, unit: UnitFacts) -> dict[str, tuple]:
	"""What the row gives that the unit has otherwise: field -> (before, after)."""
	found = {
		name: (getattr(unit, name), getattr(row, name))
		for name in UPDATABLE
		if getattr(row, name) is not None and not same(getattr(unit, name), getattr(row, name))
	}
	for label, value in row.attributes.items():
		if not same(unit.attributes.get(label), value):
			found[ATTRIBUTE + label] = (unit.attributes.get(label), value)
	gives_status = c.STATUS in row.given or c.CUSTODIAN in row.given
	before = (unit.custodian_type, unit.custodian) if unit.status == lifecycle.ON_LOAN else None
	after = (row.custodian_type, row.custodian) if row.status == lifecycle.ON_LOAN else None
	if gives_status and before != after and {row.status, unit.status} <= LENDABLE:
		# a loan: (custodian type, custodian, due date) before and after (None: not on loan)
		found[LOAN] = (before and (*before, unit.due_date), after and (*after, row.due_date))
		found.pop("due_date", None)  # a new loan has its own
	return found


def same(before, after) -> bool:
	if isinstance(before, str) and isinstance(after, str):
		return before.strip().upper() == after.strip().upper()
	if before is not None and after is not None and type(before) is not type(after):
		return str(before) == str(after)
	return before == after
