"""A unit moves once: what a voucher may still do with its units once it holds them.

Two transactions that move the same unit at the same instant both validate against what they read when
they began (MariaDB's REPEATABLE READ keeps each transaction's first snapshot), so both could land. The
Frappe layer therefore locks the units' rows, in one order, before a voucher validates, and reads them
twice: as the transaction's snapshot shows them and as they are now (a locking read sees the latest
committed row). Units that read the same both ways changed nobody's mind: ERPNext's own checks, and the
app's, decide about them as they always do. A unit that another transaction changed in between is held
to what this voucher means to do with it (:func:`conflicts`): still where the voucher takes it from, not
received meanwhile, not made unavailable, not sold at a till. Anything else is refused, naming the
document that just moved it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle
from serial_tracking.units.core.moves import IN, NOWHERE, OUT, Move


class UnitRaceError(RuleError):
	title = _("Unit moved meanwhile")


MOVED = _("Unit {serial} was just moved by {by}: it is no longer in {warehouse}. Nothing was changed.")
ARRIVED = _("Unit {serial} was just brought into {warehouse} by {by}. Nothing was changed.")
UNAVAILABLE = _("Unit {serial} was just made {status} by {by}, so it cannot be {doing}. Nothing was changed.")
HELD = _("Unit {serial} was just sold by {by}. Nothing was changed.")
BUSY = _(
	"Another transaction is moving units {serials} right now and has not finished: nothing was changed. Try again in a moment."
)
DOINGS = {lifecycle.SELL: _("sold or delivered"), lifecycle.ISSUE: _("issued or consumed")}


@dataclass(frozen=True)
class Unit:
	"""What a unit's row says: its warehouse and lifecycle status (absent: no such unit)."""

	warehouse: str | None
	status: str | None


@dataclass(frozen=True)
class Intent:
	"""Where a unit may be when the voucher takes it (``places``) and what the voucher does with it."""

	places: frozenset
	doing: str | None = None


def intents(moves: Iterable[Move]) -> dict[str, Intent]:
	"""Per unit, the places it may be in for the voucher: where it is taken from (a transfer's source
	wins over its target), nowhere when it is brought in, where it is counted or nowhere for a count."""
	out: dict[str, Intent] = {}
	for move in moves:
		if move.direction == OUT:
			out[move.serial] = Intent(frozenset({move.warehouse}), move.doing)
		elif move.serial in out:
			continue  # the target of a transfer, or a count of a unit also taken out: the source decides
		elif move.direction == IN:
			out[move.serial] = Intent(frozenset({NOWHERE}))
		else:
			out[move.serial] = Intent(frozenset({NOWHERE, move.warehouse}))
	return out


def after(moves: Iterable[Move]) -> dict[str, Intent]:
	"""Per unit, where a submitted voucher left it: the warehouse it brought it into, else nowhere (what
	cancelling it expects to find)."""
	out: dict[str, Intent] = {}
	for move in moves:
		if move.direction == OUT:
			out.setdefault(move.serial, Intent(frozenset({NOWHERE})))
		else:
			out[move.serial] = Intent(frozenset({move.warehouse}))
	return out


@dataclass(frozen=True)
class Conflict:
	serial: str
	message: str
	warehouse: str | None = None
	status: str | None = None
	doing: str | None = None


def conflicts(
	wanted: Mapping[str, Intent],
	snapshot: Mapping[str, Unit],
	latest: Mapping[str, Unit],
	held_before: Mapping[str, str] | None = None,
	held_now: Mapping[str, str] | None = None,
) -> list[Conflict]:
	"""The units another transaction changed since this one's ``snapshot`` (``latest``: the locking read)
	that no longer fit what the voucher means to do with them; ``held_before``/``held_now``: units a till
	holds (submitted POS Invoices not yet consolidated), by invoice, as the snapshot and now see them."""
	found = []
	held_before, held_now = held_before or {}, held_now or {}
	for serial in sorted(wanted):
		intent, now = wanted[serial], latest.get(serial)
		if now != snapshot.get(serial) and now is not None:
			if now.warehouse not in intent.places:
				if NOWHERE in intent.places:  # it was to come in, or be counted: it came in elsewhere
					found.append(Conflict(serial, ARRIVED, warehouse=now.warehouse))
				else:  # it was to leave (or stay in) a warehouse it is no longer in
					found.append(Conflict(serial, MOVED, warehouse=min(intent.places)))
				continue
			if intent.doing and now.status in lifecycle.UNAVAILABLE:
				found.append(Conflict(serial, UNAVAILABLE, status=now.status, doing=intent.doing))
				continue
		till = held_now.get(serial)
		if intent.doing == lifecycle.SELL and till and till != held_before.get(serial):
			found.append(Conflict(serial, HELD))
	return found


def refusal(conflict: Conflict, by: str) -> UnitRaceError:
	"""The error that refuses ``conflict``; ``by``: the document (or action) that just moved the unit."""
	params = {"serial": conflict.serial, "by": by}
	if conflict.message in (MOVED, ARRIVED):
		params["warehouse"] = conflict.warehouse
	if conflict.message == UNAVAILABLE:
		params.update(status=Term(conflict.status), doing=Term(DOINGS[conflict.doing]))
	return UnitRaceError(conflict.message, **params)


def busy(serials: Iterable[str], shown: int = 5) -> UnitRaceError:
	ordered = sorted(serials)
	text = ", ".join(ordered[:shown]) + (f" (+{len(ordered) - shown})" if len(ordered) > shown else "")
	return UnitRaceError(BUSY, serials=text)
