"""Which serials and maker serials a transaction may bring into stock.

A unit's internal serial is the Serial No's name, so one serial string belongs to one item. The
manufacturer's serial follows NetSuite's rule: unique per item among the units on hand; it may repeat
on another item, and may be received again once the earlier unit has left stock.
"""

from dataclasses import dataclass

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _


class IdentityError(RuleError):
	title = _("Serial number")


@dataclass(frozen=True)
class Incoming:
	"""One unit a transaction line brings in; ``serial`` is None while it is still to be generated."""

	row: int
	item_code: str
	serial: str | None = None
	maker_serial: str | None = None
	expected_at: str | None = None  # a transfer in (or a count) of a unit on hand there: not a new one


@dataclass(frozen=True)
class Known:
	"""An existing unit: its item and, when it is on hand, its warehouse."""

	serial: str
	item_code: str
	warehouse: str | None = None
	maker_serial: str | None = None
	moved: bool = True  # a stock transaction moved it (ERPNext creates a draft bundle's units unmoved)


def check_line(row: int, item_code: str, qty: float, serials: list[str], makers: list[str]) -> int:
	"""A serialized line: a whole number of units, and serials and maker serials all given or none."""
	if qty != int(qty):
		raise IdentityError(
			_(
				"Row #{row}: {item} is tracked as serialized units, so its quantity must be a whole number, not {qty}."
			),
			row=row,
			item=item_code,
			qty=qty,
		)
	qty = int(qty)
	if serials and len(serials) != qty:
		raise IdentityError(
			_(
				"Row #{row}: {count} serials entered for {qty} units of {item}. Enter all {qty}, or leave "
				"them blank to generate them."
			),
			row=row,
			count=len(serials),
			qty=qty,
			item=item_code,
		)
	if makers and len(makers) != qty:
		raise IdentityError(
			_("Row #{row}: {count} maker serials for {qty} units of {item}. Give one per unit, or none."),
			row=row,
			count=len(makers),
			qty=qty,
			item=item_code,
		)
	return qty


def refuse_blank_serials(row: int, item_code: str, qty: float) -> None:
	raise IdentityError(
		_(
			"Row #{row}: enter or scan the serials of the {qty} units of {item}; its serials are not generated."
		),
		row=row,
		qty=qty,
		item=item_code,
	)


def check_incoming(
	units: list[Incoming],
	known_serials: dict[str, Known],
	maker_serials_on_hand: dict[tuple[str, str], Known],
) -> None:
	"""Refuse units that would give a serial two items, two stock places, or repeat a maker serial.

	``known_serials`` maps each incoming serial that exists already to its unit; ``maker_serials_on_hand``
	maps (item, upper-cased maker serial) to the unit on hand that carries it. A unit that left stock
	(a return, a re-purchase) may come in again under its serial; one still on hand may not, unless
	the line expects it where it is (``expected_at``: an internal transfer's source warehouse).
	"""
	known_serials = {serial.upper(): unit for serial, unit in known_serials.items()}  # as the database
	seen_serials: dict[str, int] = {}
	seen_makers: dict[tuple[str, str], int] = {}
	for unit in units:
		if unit.serial:
			key = unit.serial.upper()
			if key in seen_serials:
				raise IdentityError(
					_("Serial {serial} appears twice in this transaction (rows #{first} and #{row})."),
					serial=unit.serial,
					first=seen_serials[key],
					row=unit.row,
				)
			seen_serials[key] = unit.row
			known = known_serials.get(key)
			if known and known.item_code != unit.item_code:
				raise IdentityError(
					_(
						"Row #{row}: serial {serial} already belongs to item {other}, and one serial can "
						"belong to only one item. Put the manufacturer's number in Maker Serials, or use "
						"another serial."
					),
					row=unit.row,
					serial=unit.serial,
					other=known.item_code,
				)
			if known and known.warehouse and known.warehouse != unit.expected_at:
				raise IdentityError(
					_("Row #{row}: serial {serial} of {item} is already on hand in {warehouse}."),
					row=unit.row,
					serial=unit.serial,
					item=unit.item_code,
					warehouse=known.warehouse,
				)
		if unit.maker_serial:
			key = (unit.item_code, unit.maker_serial.upper())
			if key in seen_makers:
				raise IdentityError(
					_(
						"Maker serial {maker} of {item} appears twice in this transaction (rows #{first} and #{row})."
					),
					maker=unit.maker_serial,
					item=unit.item_code,
					first=seen_makers[key],
					row=unit.row,
				)
			seen_makers[key] = unit.row
			holder = maker_serials_on_hand.get((unit.item_code, unit.maker_serial.upper()))
			if holder and holder.serial != unit.serial:
				raise IdentityError(
					_(
						"Row #{row}: maker serial {maker} of {item} is already on hand as unit {serial} in "
						"{warehouse}. It can be received again once that unit has left stock."
					),
					row=unit.row,
					maker=unit.maker_serial,
					item=unit.item_code,
					serial=holder.serial,
					warehouse=holder.warehouse,
				)
