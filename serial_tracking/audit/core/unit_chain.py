"""The per-unit audit trail: a tamper-evident chain of events.

Each unit's events are numbered 1, 2, 3 ... (``seq``); each event's seal covers its canonical content
and the previous event's seal, so changing, removing or reordering any event breaks the chain from
there on. Cancelling a transaction appends reversing events; nothing is ever deleted. Which event a
movement is comes from :mod:`serial_tracking.units.core.ledger`.

Seals are keyed: an HMAC-SHA256 under a secret of the site's key epoch (a :class:`SealKey`, handed in by
the caller; the key never lives in the database), so whoever can write to the database alone cannot
make a valid seal. Events sealed before the site had a key carry ``key_epoch`` 0 and a plain SHA-256 of
the same canonical form, which stays exactly as it was. Checkpoints (:mod:`~serial_tracking.audit.core.
checkpoint`) catch what a chain alone cannot: events removed from its end, or a whole chain.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import lifecycle
from serial_tracking.units.core.ledger import CANCELLED, Movement, Voucher, status_after


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
	key_epoch: int = 0
	name: str | None = field(default=None, compare=False)

	def as_dict(self) -> dict:
		return dict(vars(self))


def normalise(value) -> str | None:
	"""An event's value as text, the same whatever type storage gave it back as (the seal covers text).

	Fast paths first (the verifier runs this a million times): they give exactly what the general
	rules below give."""
	kind = type(value)
	if kind is str:
		return value or None
	if value is None:
		return None
	if kind is int:
		return f"{value}.000000000"
	if kind is datetime and value.year >= 1000:
		return value.isoformat(" ", "microseconds")
	return slow_normalise(value)


def slow_normalise(value) -> str | None:
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


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical(values: Mapping) -> str:
	get = values.get
	return _dumps([normalise(get(key)) for key in HASHED])


@dataclass(frozen=True)
class SealKey:
	"""The secret of one key epoch: events sealed with it carry ``key_epoch`` = ``epoch``."""

	epoch: int
	secret: bytes = field(repr=False)


def keyed_message(epoch: int, text: str) -> bytes:
	"""What a keyed seal covers: the scheme, the key epoch (so an event cannot claim another epoch) and
	the canonical form."""
	return f"st-seal-2|{epoch}|{text}".encode()


def seal(values: Mapping, key: SealKey | None = None) -> str:
	"""The seal of an event: its canonical content (which includes the previous event's seal), as an
	HMAC-SHA256 under ``key``, or as the plain SHA-256 of events sealed before the site had a key."""
	if key is None:
		return hashlib.sha256(canonical(values).encode()).hexdigest()
	return hmac.digest(key.secret, keyed_message(key.epoch, canonical(values)), "sha256").hex()


def append(
	event: Event, head: Head, *, new_episode: bool = False, key: SealKey | None = None
) -> tuple[Event, Head]:
	"""Chain ``event`` after ``head``: number it, give it its episode, and seal it under ``key`` (in
	place)."""
	event.episode = head.episode + 1 if new_episode or not head.episode else head.episode
	event.seq = head.seq + 1
	event.previous_hash = head.hash
	event.status_before = head.status
	event.key_epoch = key.epoch if key else 0
	event.hash = seal(vars(event), key)
	return event, Head(event.seq, event.hash, event.episode, event.status_after)


def record_movements(
	moved: Iterable[Movement],
	heads: dict[str, Head],
	voucher: Voucher,
	*,
	recorded_by: str,
	recorded_at: datetime,
	remarks: str | None = None,
	key: SealKey | None = None,
) -> list[Event]:
	"""Events for the units one voucher moved; ``heads`` is updated as the chains grow.

	The voucher names each event (see :func:`~serial_tracking.units.core.ledger.classify`). A unit that comes
	back into stock after it left (sold, returned to its supplier, consumed, retired) starts a new
	episode.
	"""
	events = []
	for move in moved:
		head = heads.get(move.serial_no, Head())
		kind = voucher.kind_of(move)
		after = status_after(kind, move.direction, head.status)
		event = Event(
			serial_no=move.serial_no,
			item_code=move.item_code,
			event=kind,
			posting=move.posting,
			recorded_by=recorded_by,
			recorded_at=recorded_at,
			voucher_type=voucher.voucher_type,
			voucher_no=voucher.voucher_no,
			voucher_detail_no=move.voucher_detail_no,
			from_warehouse=move.from_warehouse,
			to_warehouse=move.to_warehouse,
			party_type=voucher.party_type,
			party=voucher.party,
			rate_in=move.rate_in,
			rate_out=move.rate_out,
			status_after=after,
			remarks=remarks,
		)
		new_episode = head.status in lifecycle.GONE and after in lifecycle.ON_HAND
		chained, heads[move.serial_no] = append(event, head, new_episode=new_episode, key=key)
		events.append(chained)
	return events


def reversals(
	originals: Iterable[Mapping],
	heads: dict[str, Head],
	*,
	recorded_by: str,
	recorded_at: datetime,
	posting: datetime,
	key: SealKey | None = None,
	keep_status: bool = False,
) -> list[Event]:
	"""Cancelling events for a cancelled voucher's events (latest first): the unit goes back to where
	and in which status it was before each of them (``keep_status``: events that moved nothing, such
	as counts, leave the unit in the status it has now)."""
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
			status_after=head.status if keep_status else original.get("status_before"),
			reverses=original["name"],
			remarks=original["event"],
		)
		chained, heads[original["serial_no"]] = append(event, head, key=key)
		events.append(chained)
	return events


# The remark of events written from the stock ledger after the fact (stored untranslated: the trail
# is data; Unit History translates it where it shows it).
BACKFILLED = _("Back-filled from the stock ledger")
