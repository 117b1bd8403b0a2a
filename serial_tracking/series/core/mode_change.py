"""Switching an item's tracking mode while it has stock: when it is allowed, and how value is kept.

Every unit on hand leaves through one stock transaction and comes back through another, at the same
value per warehouse to the cent; :func:`value_rows` splits a warehouse's value over its quantity so
that the rates, rounded to the cent, add up exactly.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from serial_tracking.platform.core.errors import TrackingModeError
from serial_tracking.platform.core.i18n import _
from serial_tracking.series.core.tracking import MODES


@dataclass(frozen=True)
class ItemFacts:
	item_code: str
	mode: str
	is_stock_item: bool = True
	has_batch_no: bool = False
	variant_of: str | None = None
	draft: tuple[str, str] | None = None  # a draft (doctype, name) of a transaction of the item
	reservation: str | None = None  # an open Stock Reservation Entry
	negative: tuple[str, float] | None = None  # (warehouse, qty) below zero
	busy_units: tuple[str, ...] = field(default_factory=tuple)  # units on loan / in repair / reserved


def check_change(facts: ItemFacts, to_mode: str) -> None:
	"""Refuse a switch that cannot keep quantities and values, with the reason."""
	item = facts.item_code
	if to_mode not in MODES:
		raise TrackingModeError(_("Switch to Quantity or Serialized, not {mode}."), mode=to_mode)
	if to_mode == facts.mode:
		raise TrackingModeError(_("{item} is already tracked as {mode}."), item=item, mode=to_mode)
	if not facts.is_stock_item:
		raise TrackingModeError(_("{item} does not maintain stock, so it has no units to switch."), item=item)
	if facts.variant_of:
		raise TrackingModeError(
			_(
				"{item} is a variant of {template}: variants share their template's tracking mode. Make the "
				"Tracking Mode Change for {template}; it switches every variant."
			),
			item=item,
			template=facts.variant_of,
		)
	if facts.has_batch_no:
		raise TrackingModeError(
			_("{item} is tracked by batch as well; switching batch-tracked items is not supported."),
			item=item,
		)
	if facts.draft:
		raise TrackingModeError(
			_(
				"{doctype} {name} is a draft with {item}: submit or delete it first, so no transaction is left half in each mode."
			),
			doctype=facts.draft[0],
			name=facts.draft[1],
			item=item,
		)
	if facts.reservation:
		raise TrackingModeError(
			_("Stock of {item} is reserved ({reservation}): release the reservation first."),
			item=item,
			reservation=facts.reservation,
		)
	if facts.negative:
		raise TrackingModeError(
			_("{item} has negative stock ({qty}) in {warehouse}: correct it first."),
			item=item,
			warehouse=facts.negative[0],
			qty=facts.negative[1],
		)
	if facts.busy_units:
		raise TrackingModeError(
			_(
				"Units of {item} are on loan, in repair or reserved ({units}): bring them back to In Stock first."
			),
			item=item,
			units=", ".join(facts.busy_units[:5]) + (" ..." if len(facts.busy_units) > 5 else ""),
		)


def check_has_stock(item: str, company: str, warehouses: int) -> None:
	if not warehouses:
		raise TrackingModeError(
			_("{item} has no stock in {company}: change its mode on the item itself."),
			item=item,
			company=company,
		)


def check_can_generate(cannot_generate: set[str]) -> None:
	"""Items switching to Serialized with no serials given need a series to generate them from."""
	if cannot_generate:
		raise TrackingModeError(
			_("Give the serials of {item}'s units, or set a Series Template on it to generate them."),
			item=sorted(cannot_generate)[0],
		)


def check_undo(item: str, moved: tuple[str, str] | None) -> None:
	"""A switch can be undone only while nothing of the item moved since."""
	if moved:
		raise TrackingModeError(
			_(
				"{item} has moved since the switch ({doctype} {name}): cancel that first, or switch back with "
				"a new Tracking Mode Change."
			),
			item=item,
			doctype=moved[0],
			name=moved[1],
		)


def check_serials(warehouse: str, qty: float, serials: list[str], existing: set[str]) -> None:
	"""Serials given for a warehouse: exactly one per unit on hand, each new."""
	if qty != int(qty):
		raise TrackingModeError(
			_(
				"{warehouse} holds {qty}, not a whole number of units: adjust the stock before serializing it."
			),
			warehouse=warehouse,
			qty=qty,
		)
	if serials and len(serials) != int(qty):
		raise TrackingModeError(
			_(
				"{count} serials given for {warehouse}, which holds {qty} units: give one per unit, or none to generate them."
			),
			count=len(serials),
			warehouse=warehouse,
			qty=int(qty),
		)
	if len({s.upper() for s in serials}) != len(serials):
		raise TrackingModeError(_("A serial is given twice for {warehouse}."), warehouse=warehouse)
	clashing = {s.upper() for s in existing}  # names compare as the database does: case-blind
	taken = [s for s in serials if s.upper() in clashing]
	if taken:
		raise TrackingModeError(
			_("Serial {serial} already exists; one serial can belong to only one unit."), serial=taken[0]
		)


def value_rows(value, qty: int) -> list[tuple[int, Decimal]]:
	"""(qty, rate) rows whose amounts add up to ``value`` exactly, rates in whole cents.

	Money is counted in integer cents and returned as exact decimals: binary floats cannot hold most
	cent amounts, so rates a cent apart could differ by a hair more than a cent.

	>>> value_rows(100, 3)
	[(2, Decimal('33.33')), (1, Decimal('33.34'))]
	"""
	if qty <= 0:
		return []
	cents = int(Decimal(str(value)).quantize(Decimal("0.01")) * 100)
	rate, extra = divmod(cents, qty)  # ``extra`` units carry one cent more: every rate within a cent
	rows = [(qty - extra, Decimal(rate).scaleb(-2)), (extra, Decimal(rate + 1).scaleb(-2))]
	return [(count, rate) for count, rate in rows if count]
