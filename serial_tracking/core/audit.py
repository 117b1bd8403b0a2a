"""The per-unit audit trail: which event a stock movement is, and a tamper-evident chain of events.

Each unit's events are numbered 1, 2, 3 ... (``seq``); each event's hash covers its canonical content
and the previous event's hash, so changing, removing or reordering any event breaks the chain from
there on. Cancelling a transaction appends reversing events; nothing is ever deleted.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from serial_tracking.core import lifecycle

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
)

IN, OUT, MOVE = 1, -1, 0
PRODUCTION_PURPOSES = ("Manufacture", "Repack", "Disassemble")
BUYING = ("Purchase Receipt", "Purchase Invoice", "Subcontracting Receipt")
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
		LOST: lifecycle.LOST,
		RETIRED: lifecycle.RETIRED,
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


@dataclass(frozen=True)
class Head:
	"""Where a unit's chain stands: its last event."""

	seq: int = 0
	hash: str = ""
	episode: int = 0
	status: str | None = None


HASHED = (
	"serial_no",
	"item_code",
	"seq",
	"episode",
	"event",
	"voucher_type",
	"voucher_no",
	"voucher_detail_no",
	"posting",
	"from_warehouse",
	"to_warehouse",
	"party_type",
	"party",
	"rate_in",
	"rate_out",
	"status_before",
	"status_after",
	"condition",
	"custodian_type",
	"custodian",
	"due_date",
	"reverses",
	"remarks",
	"recorded_by",
	"recorded_at",
	"previous_hash",
)


@dataclass
class Event:
	serial_no: str
	item_code: str
	event: str
	posting: datetime
	recorded_by: str
	recorded_at: datetime
	voucher_type: str | None = None
	voucher_no: str | None = None
	voucher_detail_no: str | None = None
	from_warehouse: str | None = None
	to_warehouse: str | None = None
	party_type: str | None = None
	party: str | None = None
	rate_in: float = 0.0
	rate_out: float = 0.0
	status_before: str | None = None
	status_after: str | None = None
	condition: str | None = None
	custodian_type: str | None = None
	custodian: str | None = None
	due_date: date | None = None
	reverses: str | None = None
	remarks: str | None = None
	seq: int = 0
	episode: int = 0
	previous_hash: str = ""
	hash: str = ""
	name: str | None = field(default=None, compare=False)

	def as_dict(self) -> dict:
		return dict(vars(self))


def normalise(value) -> str | None:
	if value is None or value == "":
		return None
	if isinstance(value, bool):
		return str(int(value))
	if isinstance(value, datetime):
		return value.strftime("%Y-%m-%d %H:%M:%S.%f")
	if isinstance(value, date):
		return value.isoformat()
	if isinstance(value, float | int | Decimal):
		return format(Decimal(str(value)).quantize(Decimal("0.000000001")), "f")
	return str(value)


def canonical(values: Mapping) -> str:
	return json.dumps(
		[normalise(values.get(key)) for key in HASHED], ensure_ascii=False, separators=(",", ":")
	)


def seal(values: Mapping) -> str:
	"""The hash of an event: its canonical content, which includes the previous event's hash."""
	return hashlib.sha256(canonical(values).encode()).hexdigest()


def append(event: Event, head: Head, *, new_episode: bool = False) -> tuple[Event, Head]:
	"""Chain ``event`` after ``head``: number it, give it its episode, and seal it (in place)."""
	event.episode = head.episode + 1 if new_episode or not head.episode else head.episode
	event.seq = head.seq + 1
	event.previous_hash = head.hash
	event.status_before = head.status
	event.hash = seal(vars(event))
	return event, Head(event.seq, event.hash, event.episode, event.status_after)


def record_movements(
	moved: Iterable[Movement],
	heads: dict[str, Head],
	*,
	voucher_type: str,
	voucher_no: str,
	kind_of,
	party_type: str | None,
	party: str | None,
	recorded_by: str,
	recorded_at: datetime,
	remarks: str | None = None,
) -> list[Event]:
	"""Events for the units one voucher moved; ``heads`` is updated as the chains grow.

	``kind_of(movement)`` names the event (see :func:`classify`). A unit that comes back into stock
	after it left (sold, returned to its supplier, consumed, retired) starts a new episode.
	"""
	events = []
	for move in moved:
		head = heads.get(move.serial_no, Head())
		kind = kind_of(move)
		after = status_after(kind, move.direction, head.status)
		event = Event(
			serial_no=move.serial_no,
			item_code=move.item_code,
			event=kind,
			posting=move.posting,
			recorded_by=recorded_by,
			recorded_at=recorded_at,
			voucher_type=voucher_type,
			voucher_no=voucher_no,
			voucher_detail_no=move.voucher_detail_no,
			from_warehouse=move.from_warehouse,
			to_warehouse=move.to_warehouse,
			party_type=party_type,
			party=party,
			rate_in=move.rate_in,
			rate_out=move.rate_out,
			status_after=after,
			remarks=remarks,
		)
		new_episode = head.status in lifecycle.GONE and after in lifecycle.ON_HAND
		chained, heads[move.serial_no] = append(event, head, new_episode=new_episode)
		events.append(chained)
	return events


def reversals(
	originals: Iterable[Mapping],
	heads: dict[str, Head],
	*,
	recorded_by: str,
	recorded_at: datetime,
	posting: datetime,
) -> list[Event]:
	"""Cancelling events for a cancelled voucher's events (latest first): the unit goes back to where
	and in which status it was before each of them."""
	events = []
	for original in sorted(originals, key=lambda e: (e["serial_no"], -e["seq"])):
		head = heads.get(original["serial_no"], Head())
		event = Event(
			serial_no=original["serial_no"],
			item_code=original["item_code"],
			event=CANCELLED,
			posting=posting,
			recorded_by=recorded_by,
			recorded_at=recorded_at,
			voucher_type=original["voucher_type"],
			voucher_no=original["voucher_no"],
			voucher_detail_no=original.get("voucher_detail_no"),
			from_warehouse=original.get("to_warehouse"),
			to_warehouse=original.get("from_warehouse"),
			party_type=original.get("party_type"),
			party=original.get("party"),
			rate_in=original.get("rate_out") or 0.0,
			rate_out=original.get("rate_in") or 0.0,
			status_after=original.get("status_before"),
			reverses=original["name"],
			remarks=original["event"],
		)
		chained, heads[original["serial_no"]] = append(event, head)
		events.append(chained)
	return events


@dataclass(frozen=True)
class Break:
	serial_no: str
	seq: int
	problem: str


def verify(chain: list[Mapping]) -> list[Break]:
	"""Every break in one unit's chain (its events in ``seq`` order): gaps, altered or unlinked events."""
	problems = []
	previous_hash, expected_seq = "", 1
	for values in chain:
		serial, seq = values["serial_no"], values["seq"]
		if seq != expected_seq:
			problems.append(Break(serial, seq, f"expected event #{expected_seq}, found #{seq}"))
		if (values.get("previous_hash") or "") != previous_hash:
			problems.append(Break(serial, seq, "does not link to the event before it"))
		if seal(values) != values.get("hash"):
			problems.append(Break(serial, seq, "content does not match its hash (altered)"))
		previous_hash, expected_seq = values.get("hash") or "", seq + 1
	return problems
