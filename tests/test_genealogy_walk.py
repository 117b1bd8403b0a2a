"""Walking links up and down at any depth, a unit's tree, and an assembled unit's cost."""

from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.genealogy.core import walk
from serial_tracking.genealogy.core.walk import Edge
from serial_tracking.profitability.core import profit


def stepper(edges):
	"""A ``step`` over a list of edges that records the frontiers it was asked about."""
	asked = []

	def step(frontier):
		asked.append(set(frontier))
		return [e for e in edges if e.source in frontier]

	step.asked = asked
	return step


def test_a_component_is_traced_up_through_every_level():
	edges = [Edge("CELL", "PACK", 1), Edge("PACK", "BIKE", 2), Edge("BIKE", "FLEET", 3)]
	step = stepper(edges)
	found = walk.walk(["CELL"], step)
	assert {u: r.depth for u, r in found.items()} == {"PACK": 1, "BIKE": 2, "FLEET": 3}
	assert found["FLEET"].sources == {"CELL"} and found["FLEET"].now
	assert found["FLEET"].span == (3, None)
	assert len(step.asked) == 4, "one set-based step per level (the last finds nothing)"


def test_a_part_removed_before_its_sub_assembly_was_built_in_was_never_in_the_product():
	edges = [
		Edge("CELL", "PACK", 1, 4),  # taken out of the pack at 4
		Edge("PACK", "BIKE", 6),  # the pack went into the bike at 6
		Edge("CELL", "PACK2", 5),  # the cell went into another pack at 5
		Edge("PACK2", "BIKE2", 5, 9),
	]
	found = walk.walk(["CELL"], stepper(edges))
	assert set(found) == {"PACK", "PACK2", "BIKE2"}
	assert not found["PACK"].now and found["PACK"].span == (1, 4)
	assert not found["BIKE2"].now and found["BIKE2"].span == (5, 9)


def test_units_holding_several_affected_components_list_them_all_and_loops_end():
	edges = [Edge("A", "S"), Edge("B", "S"), Edge("S", "P"), Edge("P", "S")]  # a loop of bad data
	found = walk.walk(["A", "B"], stepper(edges))
	assert found["P"].sources == {"A", "B"}
	assert found["S"].depth == 1


def test_a_start_unit_inside_another_start_unit_is_reached_through_it():
	found = walk.walk(["CELL", "PACK"], stepper([Edge("CELL", "PACK"), Edge("PACK", "BIKE")]))
	assert found["PACK"].sources == {"CELL"}
	assert found["BIKE"].sources == {"CELL", "PACK"}


times = st.one_of(st.none(), st.integers(0, 6))


@st.composite
def graphs(draw):
	nodes = [f"N{i}" for i in range(draw(st.integers(2, 7)))]
	edges = []
	for _ in range(draw(st.integers(0, 12))):
		source, target = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
		since, until = draw(times), draw(times)
		if since is not None and until is not None and since >= until:
			until = None
		edges.append(Edge(source, target, since, until))
	starts = draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=3, unique=True))
	return starts, edges


POINTS = [p + 0.5 for p in range(-1, 7)]


def covered(window):
	since, until = window
	return {p for p in POINTS if (since is None or p >= since) and (until is None or p < until)}


def brute_force(starts, edges):
	"""Every simple path from every start: which start each unit held at which moments, least depth."""
	held, depth = defaultdict(lambda: defaultdict(set)), {}

	def go(node, window, source, length, path):
		for e in edges:
			if e.source != node or e.target in path:
				continue
			met = walk.intersect(window, (e.since, e.until))
			if met is None:
				continue
			held[e.target][source] |= covered(met)
			depth[e.target] = min(depth.get(e.target, length + 1), length + 1)
			go(e.target, met, source, length + 1, path | {e.target})

	for s in starts:
		go(s, walk.ALWAYS, s, 0, frozenset({s}))
	return held, depth


@given(graphs())
def test_the_walk_finds_exactly_what_following_every_path_finds(graph):
	starts, edges = graph
	found = walk.walk(starts, stepper(edges))
	held, depth = brute_force(starts, edges)
	assert set(found) == {node for node, by_source in held.items() if any(by_source.values())}
	for node, reach in found.items():
		assert reach.depth == depth[node]
		mine = defaultdict(set)
		for window, sources in reach.held.items():
			for source in sources:
				mine[source] |= covered(window)
		assert dict(mine) == {s: points for s, points in held[node].items() if points}


def test_a_units_tree_is_an_indented_list_with_removed_parts_marked():
	below = {
		"BIKE": [{"component": "PACK"}, {"component": "OLD-CELL", "ended_on": 3}],
		"PACK": [{"component": "CELL1"}, {"component": "CELL2"}, {"component": "BIKE"}],
		"OLD-CELL": [{"component": "CHIP"}],
	}
	rows = walk.tree("BIKE", below, "component")
	assert [(r.depth, r.unit, r.parent, r.current) for r in rows] == [
		(0, "BIKE", None, True),
		(1, "PACK", "BIKE", True),
		(2, "CELL1", "PACK", True),
		(2, "CELL2", "PACK", True),
		(1, "OLD-CELL", "BIKE", False),
		(2, "CHIP", "OLD-CELL", False),
	]


# --- cost ---------------------------------------------------------------------------------------------


def test_finished_units_take_their_own_components_instead_of_the_entrys_average():
	# One Manufacture entry: boards of 100 and 110 into K1, 120 and 130 into K2; ERPNext values each kit
	# at (460 + 50 of screws + 20 additional costs) / 2 = 265.
	finished = {"K1": "SE-1", "K2": "SE-1"}
	costs = profit.assembly_costs(finished, [("K1", 100), ("K1", 110), ("K2", 120), ("K2", 130)])
	assert costs == {"K1": (210, -20), "K2": (250, 20)}
	assert 265 + costs["K1"][1] == 245 and 265 + costs["K2"][1] == 285


@given(
	st.dictionaries(
		st.sampled_from([f"U{i}" for i in range(8)]), st.sampled_from(["E1", "E2", "E3"]), min_size=1
	),
	st.lists(
		st.tuples(st.sampled_from([f"U{i}" for i in range(9)]), st.floats(0, 1e6, allow_nan=False)),
		max_size=20,
	),
)
def test_the_changes_of_one_entrys_units_add_up_to_nothing(finished, components):
	costs = profit.assembly_costs(finished, components)
	assert set(costs) == set(finished)
	for entry in set(finished.values()):
		assert sum(costs[u][1] for u, e in finished.items() if e == entry) == pytest.approx(0, abs=1e-3)
		assert sum(costs[u][0] for u, e in finished.items() if e == entry) == pytest.approx(
			sum(a for u, a in components if finished.get(u) == entry), abs=1e-3
		)


def test_a_component_passes_its_cost_on_and_a_swapped_part_adds_to_the_unit():
	part = profit.with_margin(
		{**dict.fromkeys(profit.AMOUNTS, 0.0), "acquisition_cost": 100, "passed_on": 100}
	)
	assert part["margin"] == 0
	unit = profit.with_margin(
		{**dict.fromkeys(profit.AMOUNTS, 0.0), "acquisition_cost": 245, "parts_cost": 140, "revenue": 500}
	)
	assert profit.cost(unit) == 385 and unit["margin"] == 115


def test_the_outermost_unit_is_the_top_of_the_chain_a_unit_is_in_now():
	held_by = {"CELL": "PACK", "PACK": "BIKE", "X": "Y", "Y": "X"}
	assert walk.outermost(held_by, "CELL") == "BIKE"
	assert walk.outermost(held_by, "BIKE") == "BIKE"
	assert walk.outermost(held_by, "X") == "Y"
