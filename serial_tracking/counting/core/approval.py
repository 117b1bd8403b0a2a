"""Approving and cancelling a Unit Count: which action fits which result line, when a movement since
the count closed (or since it posted) refuses approval (or cancelling), and how the lines group into
the ERPNext documents approval posts."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from serial_tracking.counting.core.count_rules import (
	ALLOWED_ACTIONS,
	MARK_LOST,
	NO_ACTION,
	RECEIVE,
	RECONCILE,
	TRANSFER,
	Result,
	Scope,
	Unit,
	can_transfer,
)
from serial_tracking.platform.core.errors import CountError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import ledger


def check_action(line: int, key: str, result: str, action: str | None, *, item: str | None = None) -> None:
	"""Refuse an action that does not fit a result line."""
	allowed = ALLOWED_ACTIONS.get(result, ())
	if not action and not allowed:
		return
	if action not in allowed:
		raise CountError(
			_("Row {line}: {serial} is {result}; its action must be one of {actions}, not {action}."),
			line=line,
			serial=key,
			result=Term(result),
			actions=tuple(Term(a) for a in allowed) or Term(NO_ACTION),
			action=Term(action or NO_ACTION),
		)
	if action == RECEIVE and not item:
		raise CountError(
			_("Row {line}: give the item of unknown serial {serial} to receive it."), line=line, serial=key
		)


def check_transfer(line: int, scope: Scope, unit: Unit | None) -> None:
	if not can_transfer(scope, unit):
		raise CountError(
			_(
				"Row {line}: {serial} cannot be transferred here: only units on the shelf of another warehouse of {company} can."
			),
			line=line,
			serial=unit.serial_no if unit else "",
			company=scope.company or "",
		)


def check_unmoved(moved: Iterable[tuple[str, str, str]], *, doing: str) -> None:
	"""Refuse when a unit the count concluded on moved since (serial, voucher type, voucher name):
	``doing`` is "approve" (moved after the count closed) or "cancel" (moved after its postings)."""
	for serial, voucher_type, voucher_no in moved:
		if doing == "approve":
			raise CountError(
				_(
					"{serial} moved after the count was closed ({doctype} {name}): reopen the count and close it again."
				),
				serial=serial,
				doctype=voucher_type or "",
				name=voucher_no or "",
			)
		raise CountError(
			_(
				"{serial} moved after the count was approved ({doctype} {name}): cancel that first, then cancel the count."
			),
			serial=serial,
			doctype=voucher_type or "",
			name=voucher_no or "",
		)


def live_moves(events: Iterable[tuple[str, str | None, str | None, str]]) -> list[tuple[str, str, str]]:
	"""Of the events of units since a count posted (serial, voucher type, voucher name, event kind), the
	ones still in force, as (serial, voucher type, voucher name): a voucher whose events its
	cancellation reversed moved nothing in the end. A unit action (no voucher) is named by its kind."""
	net: Counter = Counter()
	for serial, voucher_type, voucher_no, kind in events:
		key = (serial, voucher_type or kind, voucher_no or "")
		net[key] += -1 if kind == ledger.CANCELLED else 1
	return [key for key, count in net.items() if count > 0]


@dataclass
class Plan:
	"""What approval posts, grouped as ERPNext documents want it."""

	transfers: dict = field(default_factory=dict)  # (item, from warehouse) -> serials
	lost: list = field(default_factory=list)  # serials to Mark Lost
	reconcile: dict = field(default_factory=dict)  # (item, warehouse) -> serials to count out


def plan(results: Iterable[Result]) -> Plan:
	out = Plan()
	for line in results:
		if line.action == TRANSFER:
			out.transfers.setdefault((line.unit.item_code, line.unit.warehouse), []).append(line.key)
		elif line.action == MARK_LOST:
			out.lost.append(line.key)
		elif line.action == RECONCILE:
			out.reconcile.setdefault((line.unit.item_code, line.unit.warehouse), []).append(line.key)
	return out
