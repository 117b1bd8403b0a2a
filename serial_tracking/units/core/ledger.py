"""Which event a stock movement of a unit is, and the unit's lifecycle status after it.

ERPNext posts one stock ledger line per warehouse a voucher line touches; :func:`movements` turns the
lines of one voucher into one movement per unit (a transfer's out- and in-line joined), and
:func:`classify` names the event from the voucher that posted it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from serial_tracking.units.core import lifecycle

# Event kinds
RECEIVED = "Received"
MANUFACTURED = "Manufactured"
TRANSFERRED = "Transferred"
DELIVERED = "Delivered"
RETURNED_TO_SUPPLIER = "Returned to Supplier"
RETURNED_FROM_CUSTOMER = "Returned from Customer"
CONSUMED = "Consumed"
RECONCILED = "Reconciled"
ADJUSTED = "Adjusted"
CANCELLED = "Cancelled"
MODE_CHANGED = "Mode Changed"
LOST = "Lost"
FOUND = "Found"
RETIRED = "Retired"
CHECKED_OUT = "Checked Out"
CHECKED_IN = "Checked In"
SENT_TO_REPAIR = "Sent to Repair"
BACK_FROM_REPAIR = "Back from Repair"
RESERVED = "Reserved"
UNRESERVED = "Unreserved"
CONDITION_CHANGED = "Condition Changed"
# Genealogy: a component unit and the unit it is part of (see genealogy/core/assembly.py). Assembly on a Manufacture
# or Repack entry writes "Became Part Of" on each component and "Made Of" on its finished unit; a repair
# fits a part ("Fitted Into": the part leaves stock; "Part Fitted" on the unit) or takes one out
# ("Removed From": the part comes back into stock, or out of a disassembled unit; "Part Removed").
BECAME_PART_OF = "Became Part Of"
MADE_OF = "Made Of"
FITTED_INTO = "Fitted Into"
PART_FITTED = "Part Fitted"
REMOVED_FROM = "Removed From"
PART_REMOVED = "Part Removed"
LINK_EVENTS = (BECAME_PART_OF, MADE_OF, FITTED_INTO, PART_FITTED, REMOVED_FROM, PART_REMOVED)
COUNTED = "Counted"  # seen (or found missing) by an approved Unit Count; moves nothing
# A Unit Import: units a shop already had come into stock (its Material Receipt names the event), and units on
# hand get the maker serial or vendor warranty a file gives them (moves nothing).
IMPORTED = "Imported"
UPDATED = "Updated"
# The customer side (customers/, an RMA): a customer's unit received into the service warehouse at no value
# of ours and given back to the customer; in an exchange the defective unit leaves its customer ("Exchanged
# For") and comes in as ours ("Received in Exchange"), the replacement delivered in its place is "Exchanged
# From" it (beside its delivery; moves nothing).
RECEIVED_FOR_SERVICE = "Received for Service"
RETURNED_AFTER_SERVICE = "Returned after Service"
EXCHANGED_FOR = "Exchanged For"
EXCHANGED_FROM = "Exchanged From"
RECEIVED_IN_EXCHANGE = "Received in Exchange"
SERVICE_EVENTS = (
	RECEIVED_FOR_SERVICE,
	RETURNED_AFTER_SERVICE,
	EXCHANGED_FOR,
	EXCHANGED_FROM,
	RECEIVED_IN_EXCHANGE,
)

ACTION_EVENTS = {
	lifecycle.CHECK_OUT: CHECKED_OUT,
	lifecycle.CHECK_IN: CHECKED_IN,
	lifecycle.SEND_TO_REPAIR: SENT_TO_REPAIR,
	lifecycle.BACK_FROM_REPAIR: BACK_FROM_REPAIR,
	lifecycle.RESERVE: RESERVED,
	lifecycle.UNRESERVE: UNRESERVED,
	lifecycle.MARK_LOST: LOST,
	lifecycle.MARK_FOUND: FOUND,
	lifecycle.RETIRE: RETIRED,
}
EVENTS = (
	RECEIVED,
	MANUFACTURED,
	TRANSFERRED,
	DELIVERED,
	RETURNED_TO_SUPPLIER,
	RETURNED_FROM_CUSTOMER,
	CONSUMED,
	RECONCILED,
	ADJUSTED,
	CANCELLED,
	MODE_CHANGED,
	*ACTION_EVENTS.values(),
	CONDITION_CHANGED,
	*LINK_EVENTS,
	COUNTED,
	IMPORTED,
	UPDATED,
	*SERVICE_EVENTS,
)

# A unit's life summary: events after which it is no longer ours, and events that turn it (earn).
EXITS = frozenset((DELIVERED, RETURNED_TO_SUPPLIER, CONSUMED, RETIRED, ADJUSTED, FITTED_INTO))
TURNS = frozenset((DELIVERED, CHECKED_OUT))

IN, OUT, MOVE = 1, -1, 0
PRODUCTION_PURPOSES = ("Manufacture", "Repack", "Disassemble")
SUBCONTRACTING = "Subcontracting Receipt"
BUYING = ("Purchase Receipt", "Purchase Invoice", SUBCONTRACTING)
SELLING = ("Delivery Note", "Sales Invoice", "POS Invoice")


def classify(voucher_type: str, direction: int, *, purpose=None, is_return=False, intent=None) -> str:
	"""The event a stock movement of a unit is, from the transaction that posted it."""
	if intent:
		return intent
	if voucher_type == "Stock Reconciliation":
		return RECONCILED  # counted in (or confirmed where it was), or counted out
	if direction == MOVE:
		return TRANSFERRED
	inward = direction == IN
	if voucher_type in BUYING:
		if is_return:
			return RETURNED_TO_SUPPLIER if not inward else RECEIVED
		if voucher_type == SUBCONTRACTING and not inward:
			return CONSUMED  # the parts the subcontractor made the received goods of
		return RECEIVED if inward else ADJUSTED
	if voucher_type in SELLING:
		return RETURNED_FROM_CUSTOMER if inward else DELIVERED
	if voucher_type == "Stock Entry":
		if purpose in PRODUCTION_PURPOSES:
			return MANUFACTURED if inward else CONSUMED
		if purpose == "Material Consumption for Manufacture":
			return CONSUMED
		if purpose == "Material Issue":
			return ADJUSTED
		return RECEIVED if inward else ADJUSTED
	return RECEIVED if inward else ADJUSTED


def status_after(kind: str, direction: int, before: str | None) -> str:
	"""A unit's lifecycle status after a stock movement of kind ``kind``."""
	on_hand_or = before if before in lifecycle.ON_HAND else lifecycle.IN_STOCK
	fixed = {
		RECEIVED: lifecycle.IN_STOCK,
		MANUFACTURED: lifecycle.IN_STOCK,
		RETURNED_FROM_CUSTOMER: lifecycle.IN_STOCK,
		FOUND: lifecycle.IN_STOCK,
		DELIVERED: lifecycle.DELIVERED,
		RETURNED_TO_SUPPLIER: lifecycle.RETURNED,
		CONSUMED: lifecycle.CONSUMED,
		FITTED_INTO: lifecycle.CONSUMED,
		LOST: lifecycle.LOST,
		RETIRED: lifecycle.RETIRED,
		RECEIVED_FOR_SERVICE: lifecycle.IN_SERVICE,
		RETURNED_AFTER_SERVICE: lifecycle.DELIVERED,
		EXCHANGED_FOR: lifecycle.DELIVERED,
		RECEIVED_IN_EXCHANGE: lifecycle.IN_STOCK,
	}
	if kind in fixed:
		return fixed[kind]
	if direction != OUT:
		return on_hand_or
	# A count that no longer finds a unit reports it missing; a switch to quantity tracking merges it
	# into the count; other write-offs retire it.
	return {RECONCILED: lifecycle.LOST, MODE_CHANGED: lifecycle.COLLAPSED}.get(kind, lifecycle.RETIRED)


@dataclass(frozen=True)
class LedgerLine:
	"""One unit on one stock ledger line, as ERPNext posted it."""

	serial_no: str
	item_code: str
	voucher_detail_no: str | None
	warehouse: str
	direction: int  # IN or OUT
	posting: datetime
	rate: float = 0.0


@dataclass(frozen=True)
class Movement:
	serial_no: str
	item_code: str
	voucher_detail_no: str | None
	posting: datetime
	direction: int
	from_warehouse: str | None
	to_warehouse: str | None
	rate_in: float = 0.0
	rate_out: float = 0.0


def movements(lines: Iterable[LedgerLine]) -> list[Movement]:
	"""Units moved by one voucher, with the out- and in-lines of a transfer joined into one move."""
	pending: dict[tuple, LedgerLine] = {}
	moved: list[Movement] = []
	for line in lines:
		key = (line.serial_no, line.voucher_detail_no)
		other = pending.pop(key, None)
		if other and other.direction != line.direction:
			out, into = (other, line) if other.direction == OUT else (line, other)
			moved.append(
				Movement(
					line.serial_no,
					line.item_code,
					line.voucher_detail_no,
					out.posting,
					MOVE,
					out.warehouse,
					into.warehouse,
					into.rate,
					out.rate,
				)
			)
			continue
		if other:
			moved.append(single(other))
		pending[key] = line
	moved.extend(single(line) for line in pending.values())
	return moved


def single(line: LedgerLine) -> Movement:
	inward = line.direction == IN
	return Movement(
		line.serial_no,
		line.item_code,
		line.voucher_detail_no,
		line.posting,
		line.direction,
		None if inward else line.warehouse,
		line.warehouse if inward else None,
		line.rate if inward else 0.0,
		0.0 if inward else line.rate,
	)


def line(serial_no, item_code, voucher_detail_no, warehouse, qty, posting: datetime, rate) -> LedgerLine:
	"""One unit on a stock ledger line of ``qty`` (its sign is the direction)."""
	return LedgerLine(
		serial_no, item_code, voucher_detail_no, warehouse, IN if qty > 0 else OUT, posting, rate or 0.0
	)


# The party of a voucher's events; a repair's Stock Entry names the unit its part went into or came from.
# An RMA's Stock Entry names the customer whose unit it moves (st_customer).
PARTY_FIELDS = (
	("Supplier", "supplier"),
	("Customer", "customer"),
	("Customer", "st_customer"),
	("Serial No", "st_assembly"),
)


@dataclass(frozen=True)
class Voucher:
	"""The facts of the transaction that moved units which decide what its events are."""

	voucher_type: str
	voucher_no: str
	purpose: str | None = None
	is_return: bool = False
	intent: str | None = None  # an event named by the app itself (a lifecycle action, a mode change)
	party_type: str | None = None
	party: str | None = None

	@classmethod
	def of(cls, voucher_type: str, voucher_no: str, fields: Mapping) -> "Voucher":
		"""From the voucher's fields (a document, or a row read from its table)."""
		party_type, party = next(
			((kind, fields.get(name)) for kind, name in PARTY_FIELDS if fields.get(name)), (None, None)
		)
		return cls(
			voucher_type,
			voucher_no,
			purpose=fields.get("purpose"),
			is_return=bool(fields.get("is_return")),
			intent=fields.get("st_unit_intent") or None,
			party_type=party_type,
			party=party,
		)

	def kind_of(self, move: Movement) -> str:
		return classify(
			self.voucher_type,
			move.direction,
			purpose=self.purpose,
			is_return=self.is_return,
			intent=self.intent,
		)
