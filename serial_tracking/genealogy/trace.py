"""Following component links: which units contain (or contained) given units, at any depth, and a
unit's own tree. One query per level of the tree for a whole set of units (genealogy/core/walk.py), never
one per unit; links undone by a cancelled voucher are not followed."""

from collections import defaultdict

import frappe

from serial_tracking.genealogy.core import walk
from serial_tracking.genealogy.core.walk import Edge

CHUNK = 10_000

# Parameterized statements (the table and columns are fixed; the units travel as parameters): a set of
# tens of thousands of units costs more to render through the query builder than to look up.
UP = """select component, unit, linked_on, ended_on from `tabSerial Unit Link`
	where cancelled = 0 and component in %(units)s"""
DOWN = """select unit, component, linked_on, ended_on from `tabSerial Unit Link`
	where cancelled = 0 and unit in %(units)s"""
HELD_BY = """select component, unit from `tabSerial Unit Link`
	where cancelled = 0 and ended_on is null and component in %(units)s"""
LINKS_BELOW = """select name, unit, component, component_item, how, rate, linked_on, ended_on,
	voucher_type, voucher_no, ended_by_type, ended_by from `tabSerial Unit Link`
	where cancelled = 0 and unit in %(units)s order by linked_on, component"""
LINKS_ABOVE = """select name, unit, unit_item, component, how, linked_on, ended_on, voucher_type,
	voucher_no, ended_by_type, ended_by from `tabSerial Unit Link`
	where cancelled = 0 and component in %(units)s order by linked_on, unit"""


def chunked(statement: str, units) -> list[tuple]:
	units = list(units)
	rows: list[tuple] = []
	for start in range(0, len(units), CHUNK):
		rows += frappe.db.sql(statement, {"units": tuple(units[start : start + CHUNK])})
	return rows


def step(statement: str):
	def follow(frontier: set[str]) -> list[Edge]:
		return [Edge(*row) for row in chunked(statement, frontier)]

	return follow


def containing(units, held_by: dict | None = None, walked: set | None = None) -> dict[str, walk.Reach]:
	"""Every unit that contains or contained any of ``units``, at any depth, and when. On the way it
	notes in ``held_by`` the unit each unit it walked through (``walked``) is inside now."""
	follow = step(UP)

	def noting(frontier: set[str]) -> list[Edge]:
		edges = follow(frontier)
		if walked is not None:
			walked.update(frontier)
		if held_by is not None:
			held_by.update((edge.source, edge.target) for edge in edges if edge.until is None)
		return edges

	return walk.walk(units, noting)


def contained(units) -> dict[str, walk.Reach]:
	"""Every unit that is or was inside any of ``units``, at any depth."""
	return walk.walk(units, step(DOWN))


def outermost(units, held_by: dict | None = None, walked=frozenset()) -> dict[str, str]:
	"""For each of ``units`` the unit it is inside now at the top (itself when it is in none); what a
	walk noted (``held_by`` of the units it ``walked``) is not asked again."""
	known, asked = dict(held_by or {}), set(walked)
	pending = set(units) | set(known.values())
	for _level in range(walk.MAX_DEPTH):
		ask = pending - asked
		if not ask:
			break
		found = dict(chunked(HELD_BY, ask))
		asked |= ask
		known.update(found)
		pending = set(found.values())
	return {unit: walk.outermost(known, unit) for unit in units}


def levels(statement: str, root: str, key: int) -> dict[str, list[dict]]:
	"""The links from ``root`` level by level (one query per level), grouped by the unit they leave."""
	by_unit: dict[str, list[dict]] = defaultdict(list)
	seen, frontier = {root}, {root}
	for _level in range(walk.MAX_DEPTH):
		if not frontier:
			break
		rows = frappe.db.sql(statement, {"units": tuple(frontier)}, as_dict=True)
		for row in rows:
			by_unit[row[key]].append(row)
		reached = {row[other(key)] for row in rows}
		frontier = reached - seen
		seen |= reached
	return by_unit


def other(key: str) -> str:
	return "component" if key == "unit" else "unit"


def unit_tree(serial_no: str) -> dict:
	"""The unit's place in its product and its own components: ``top`` (the unit it is inside now at
	the top, or itself), ``components`` (the tree under ``top``, parts taken out marked) and
	``was_part_of`` (the units it was taken out of)."""
	top = outermost([serial_no])[serial_no]
	below = levels(LINKS_BELOW, top, "unit")
	rows = walk.tree(top, below, "component")
	above = frappe.db.sql(LINKS_ABOVE, {"units": (serial_no,)}, as_dict=True)
	was_part_of = [link for link in above if link.ended_on]
	info = units_info({r.unit for r in rows} | {link.unit for link in was_part_of})
	return {
		"unit": serial_no,
		"top": top,
		"components": [
			{
				"depth": row.depth,
				"serial_no": row.unit,
				"parent": row.parent,
				"current": row.current,
				"this": row.unit == serial_no,
				**(info.get(row.unit) or {}),
				**link_fields(row.link),
			}
			for row in rows
		],
		"was_part_of": [
			{"serial_no": link.unit, **(info.get(link.unit) or {}), **link_fields(link)}
			for link in was_part_of
		],
	}


def link_fields(link) -> dict:
	if not link:
		return {}
	return {
		"how": link.how,
		"linked_on": link.linked_on,
		"voucher_type": link.voucher_type,
		"voucher_no": link.voucher_no,
		"ended_on": link.ended_on,
		"ended_by_type": link.ended_by_type,
		"ended_by": link.ended_by,
	}


def units_info(serials) -> dict[str, dict]:
	if not serials:
		return {}
	unit = frappe.qb.DocType("Serial No")
	rows = (
		frappe.qb.from_(unit)
		.select(
			unit.name,
			unit.item_code,
			unit.st_maker_serial.as_("maker_serial"),
			unit.st_lifecycle_status.as_("status"),
			unit.warehouse,
		)
		.where(unit.name.isin(list(serials)))
	).run(as_dict=True)
	return {row.pop("name"): row for row in rows}
