"""Unit genealogy: which unit went into which, by assembly and by repair.

A *link* says that a component unit was part of an assembly unit from ``since`` until ``until`` (open
while it still is). Assembly on a Manufacture or Repack entry deals the consumed component units out
to the finished units (:func:`default_assignment`, in order, as many per finished unit as the BOM
says), or takes the user's assignment after checking it (:func:`assignment`); a repair swaps parts
(:func:`check_swap`); both sides of a link get their events (:func:`link_events`). Walking the links
is :mod:`~serial_tracking.genealogy.core.walk`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from serial_tracking.audit.core import unit_chain
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle

POSITION = "#"  # "#2": the second finished unit of an entry, before its serial is known


class GenealogyError(RuleError):
	title = _("Components")


# --- assembly: which consumed unit goes into which finished unit ----------------------------------


def default_assignment(
	finished: Sequence[str],
	components: Sequence[tuple[str, Sequence[str]]],
	per_unit: Mapping[str, float] | None = None,
) -> list[tuple[str, str]]:
	"""(component, finished unit) pairs: each item's consumed units dealt out in order.

	``components``: (item, its consumed units in line order) per item. ``per_unit``: how many of an
	item one finished unit takes (from the BOM); the first ``per_unit`` go to the first finished unit,
	the next to the second, and units beyond what the finished units take stay unassigned. An item
	without a BOM quantity (or with more finished units than its units cover) is shared out evenly:
	unit ``i`` of ``k`` goes to finished unit ``i * n // k``.
	"""
	pairs: list[tuple[str, str]] = []
	n = len(finished)
	if not n:
		return pairs
	for item, units in components:
		k = len(units)
		quantity = Fraction((per_unit or {}).get(item) or 0).limit_denominator(10**6)
		if quantity and quantity == int(quantity) and int(quantity) * n <= k:
			each = int(quantity)
			pairs += [(unit, finished[i // each]) for i, unit in enumerate(units[: each * n])]
		else:
			pairs += [(unit, finished[i * n // k]) for i, unit in enumerate(units)]
	return pairs


def position(index: int) -> str:
	"""How an assignment names the ``index``-th (from 1) finished unit of an entry."""
	return f"{POSITION}{index}"


def resolve(unit_ref: str, finished: Sequence[str]) -> str:
	"""The finished unit an assignment names: one of ``finished`` by serial, or by position ("#2")."""
	if unit_ref in finished:
		return unit_ref
	if unit_ref.startswith(POSITION) and unit_ref[1:].isdigit():
		index = int(unit_ref[1:])
		if 1 <= index <= len(finished):
			return finished[index - 1]
		raise GenealogyError(
			_("Finished unit {position} does not exist: this entry makes {count} units."),
			position=unit_ref,
			count=len(finished),
		)
	raise GenealogyError(_("Unit {unit} is not made by this entry."), unit=unit_ref)


def assignment(
	requested: Iterable[Mapping] | None,
	finished: Sequence[str],
	consumed: Mapping[str, str],
	per_unit: Mapping[str, float] | None = None,
) -> list[tuple[str, str]]:
	"""The (component, finished unit) pairs of an entry.

	``consumed``: the entry's consumed units and their items, in line order. Without ``requested``
	(the user's rows: ``component`` and ``unit``, a serial or a position; an empty unit leaves the
	component unassigned), :func:`default_assignment`. A requested assignment must name every
	consumed unit once and only finished units of the entry.
	"""
	if requested is None:
		by_item: dict[str, list[str]] = {}
		for serial, item in consumed.items():
			by_item.setdefault(item, []).append(serial)
		return default_assignment(finished, list(by_item.items()), per_unit)
	pairs, seen = [], set()
	for row in requested:
		component, unit_ref = (row.get("component") or "").strip(), (row.get("unit") or "").strip()
		if component not in consumed:
			raise GenealogyError(
				_("Component {component} is not consumed by this entry."), component=component
			)
		if component in seen:
			raise GenealogyError(_("Component {component} is assigned twice."), component=component)
		seen.add(component)
		if not unit_ref:
			continue
		unit = resolve(unit_ref, finished)
		if unit == component:
			raise GenealogyError(_("Unit {unit} cannot be a component of itself."), unit=unit)
		pairs.append((component, unit))
	if missing := [serial for serial in consumed if serial not in seen]:
		raise GenealogyError(
			_("Components {components} have no place in the assignment: assign the components again."),
			components=missing[:5],
		)
	return pairs


# --- repair: a part taken out, a part put in -----------------------------------------------------------


def check_swap(
	unit: str,
	removed: str | None,
	fitted: str | None,
	*,
	holds: Iterable[str],
	removed_to: str | None,
	fitted_status: str | None,
) -> None:
	"""A repair may take out only a part the unit holds now (to a warehouse), and put in only a part
	that is free in stock."""
	if not removed and not fitted:
		raise GenealogyError(
			_("Name the part taken out of unit {unit}, the part put in, or both."), unit=unit
		)
	if unit in (removed, fitted) or (removed and removed == fitted):
		raise GenealogyError(
			_("A part swap on unit {unit} needs two different parts, neither of them the unit itself."),
			unit=unit,
		)
	if removed and removed not in set(holds):
		raise GenealogyError(
			_("Part {part} is not part of unit {unit} now: only a part the unit holds can be taken out."),
			part=removed,
			unit=unit,
		)
	if removed and not removed_to:
		raise GenealogyError(
			_("Choose the warehouse part {part} goes to when it is taken out."), part=removed
		)
	if fitted and fitted_status not in lifecycle.AVAILABLE:
		raise GenealogyError(
			_("Part {part} is {status}: only a part free in stock can be put in."),
			part=fitted,
			status=Term(fitted_status or lifecycle.NOT_RECEIVED),
		)


def check_not_inside(component: str, unit: str, since, allowed: Iterable[str] = ()) -> None:
	"""A unit inside another unit is part of it until a part swap or a Disassemble entry takes it out:
	nothing else brings it back into stock, or puts it into a second unit (``allowed``: the units the
	voucher takes it out of)."""
	if unit not in set(allowed):
		raise GenealogyError(
			_(
				"Unit {component} is part of unit {unit} (since {since}): take it out with a part swap or a Disassemble entry first."
			),
			component=component,
			unit=unit,
			since=since,
		)


# --- the events of a link on both sides --------------------------------------------------------------


@dataclass(frozen=True)
class LinkChange:
	"""A link made or ended by a voucher, as events: ``component_kind`` on the component (None when
	the voucher's own movement of it says so already) and ``unit_kind`` on the unit it is part of."""

	component: str
	component_item: str
	unit: str
	unit_item: str
	unit_kind: str
	component_kind: str | None
	posting: datetime
	voucher_type: str
	voucher_no: str
	voucher_detail_no: str | None = None
	rate: float = 0.0


def link_events(
	changes: Iterable[LinkChange],
	heads: dict[str, unit_chain.Head],
	*,
	recorded_by: str,
	recorded_at: datetime,
	remarks: str | None = None,
	key: unit_chain.SealKey | None = None,
) -> list[unit_chain.Event]:
	"""One event per side of each change, naming the unit at the other end as its party, sealed under
	``key``; a unit's status does not change (the voucher's movements changed it already). ``heads``
	grows."""
	events = []
	for change in changes:
		sides = [(change.unit, change.unit_item, change.unit_kind, change.component, True)]
		if change.component_kind:
			sides.insert(
				0, (change.component, change.component_item, change.component_kind, change.unit, False)
			)
		for serial, item, kind, other, is_unit in sides:
			head = heads.get(serial, unit_chain.Head())
			event = unit_chain.Event(
				serial_no=serial,
				item_code=item,
				event=kind,
				posting=change.posting,
				recorded_by=recorded_by,
				recorded_at=recorded_at,
				voucher_type=change.voucher_type,
				voucher_no=change.voucher_no,
				voucher_detail_no=change.voucher_detail_no,
				party_type="Serial No",
				party=other,
				rate_in=change.rate if is_unit else 0.0,
				rate_out=0.0 if is_unit else change.rate,
				status_after=head.status,
				remarks=remarks,
			)
			chained, heads[serial] = unit_chain.append(event, head, key=key)
			events.append(chained)
	return events
