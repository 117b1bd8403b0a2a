"""Unit genealogy: which unit went into which, by assembly and by repair.

A *link* says that a component unit was part of an assembly unit from ``since`` until ``until`` (open
while it still is). Assembly on a Manufacture or Repack entry deals the consumed component units out
to the finished units (:func:`default_assignment`, in order, as many per finished unit as the BOM
says), or takes the user's assignment after checking it (:func:`assignment`). :func:`walk` follows
links up (which units contain a component) or down, at any depth, one set-based step per level, with
the time each unit held an affected component; :func:`tree` lays a unit's components out as an
indented list.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import NamedTuple

from serial_tracking.audit.core import unit_chain
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import ledger, lifecycle

# How deep a walk goes at most: deeper than any real product, and a stop for data that loops.
MAX_DEPTH = 64
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


ASSEMBLED = (ledger.BECAME_PART_OF, ledger.MADE_OF)
DISASSEMBLED = (ledger.REMOVED_FROM, ledger.PART_REMOVED)


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


# --- walking the links ------------------------------------------------------------------------------


class Edge(NamedTuple):
	"""One link followed in the walk's direction: ``source`` to ``target`` during [since, until)."""

	source: str
	target: str
	since: datetime | None = None
	until: datetime | None = None  # None: still linked


Window = tuple[datetime | None, datetime | None]  # [since, until); None: since always / until now
ALWAYS: Window = (None, None)


def intersect(a: Window, b: Window) -> Window | None:
	"""The common part of two windows, None if they do not meet."""
	since = a[0] if b[0] is None or (a[0] is not None and a[0] >= b[0]) else b[0]
	until = a[1] if b[1] is None or (a[1] is not None and a[1] <= b[1]) else b[1]
	if since is not None and until is not None and since >= until:
		return None
	return since, until


@dataclass
class Reach:
	"""How a unit was reached: its least depth, and which start units it held during which windows."""

	depth: int
	held: dict[Window, frozenset] = field(default_factory=dict)

	@property
	def sources(self) -> frozenset:
		return frozenset().union(*self.held.values())

	@property
	def now(self) -> bool:
		"""It still holds a start unit."""
		return any(window[1] is None for window in self.held)

	@property
	def span(self) -> Window:
		"""From the first to the last moment it held one (until None: it still does)."""
		starts = [w[0] for w in self.held]
		ends = [w[1] for w in self.held]
		return (None if None in starts else min(starts), None if None in ends else max(ends))


def walk(
	start: Iterable[str],
	step: Callable[[set[str]], Iterable[Edge]],
	max_depth: int = MAX_DEPTH,
) -> dict[str, Reach]:
	"""Every unit reached from ``start`` through links, at any depth, one ``step`` per level.

	``step(frontier)`` returns the links leaving a set of units (one query per level, never one per
	unit). A unit is reached only through links that overlap in time the links that led to it: a part
	removed before its sub-assembly was built into a product was never in that product. Start units
	are reached only if another start unit leads to them.
	"""
	found: dict[str, Reach] = {}
	# What each unit passes on along its links: itself if it is a start unit, and what it was found to hold.
	carry: dict[str, dict[Window, frozenset]] = {unit: {ALWAYS: frozenset((unit,))} for unit in start}
	frontier = set(carry)
	for depth in range(1, max_depth + 1):
		if not frontier:
			break
		arrivals: dict[str, dict[Window, set]] = {}
		for edge in step(frontier):
			held = carry.get(edge.source)
			if not held:
				continue
			target, link, into = edge.target, (edge.since, edge.until), None
			for window, sources in held.items():
				met = intersect(window, link)
				if met is None:
					continue
				if target in sources:  # never inside itself
					sources = sources - {target}
					if not sources:
						continue
				if into is None:
					into = arrivals.setdefault(target, {})
				if met in into:
					into[met] |= sources
				else:
					into[met] = set(sources)
		frontier = set()
		for unit, windows in arrivals.items():
			reach = found.get(unit)
			if reach is None:
				reach = found[unit] = Reach(depth)
			passes = carry.setdefault(unit, {})
			for window, sources in windows.items():
				before = reach.held.get(window)
				if before is not None and sources <= before:
					continue
				reach.held[window] = frozenset(sources) if before is None else before | sources
				passes[window] = passes.get(window, frozenset()) | sources
				frontier.add(unit)
	return found


# --- a unit's tree ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeRow:
	depth: int
	unit: str
	parent: str | None
	link: Mapping | None  # the link that put it there (None for the root)
	current: bool  # every link from the root down to it is still in place


def tree(root: str, below: Mapping[str, Sequence[Mapping]], unit_key: str) -> list[TreeRow]:
	"""``root`` and everything under it as an indented list (depth first, in link order).

	``below[unit]``: the links from ``unit`` one level down (``unit_key`` names the unit at the other
	end; ``ended_on`` set when the link ended). A unit already on the path is not followed again.
	"""
	rows: list[TreeRow] = [TreeRow(0, root, None, None, True)]

	def descend(unit: str, depth: int, path: frozenset, current: bool) -> None:
		if depth > MAX_DEPTH:
			return
		for link in below.get(unit, ()):
			child = link[unit_key]
			if child in path:
				continue
			now = current and not link.get("ended_on")
			rows.append(TreeRow(depth, child, unit, link, now))
			descend(child, depth + 1, path | {child}, now)

	descend(root, 1, frozenset({root}), True)
	return rows


def outermost(held_by: Mapping[str, str], unit: str) -> str:
	"""The unit at the top of the chain ``unit`` is inside now (``held_by``: a unit -> the unit it is
	in now); ``unit`` itself when it is in none. A chain that loops stops where it would repeat."""
	seen = {unit}
	while unit in held_by and held_by[unit] not in seen:
		unit = held_by[unit]
		seen.add(unit)
	return unit
