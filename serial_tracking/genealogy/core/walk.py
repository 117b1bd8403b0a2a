"""Walking unit genealogy: :func:`walk` follows links up (which units contain a component) or down, at any
depth, one set-based step per level, with the time each unit held an affected component; :func:`tree`
lays a unit's components out as an indented list."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

# How deep a walk goes at most: deeper than any real product, and a stop for data that loops.
MAX_DEPTH = 64


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
