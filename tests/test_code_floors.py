"""The floors of the codebase, checked on every run: no import circle between the app's modules (imports
inside functions count: a function-local import hides a circle, it does not remove it) and no source
file over 400 lines."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "serial_tracking"
MAX_LINES = 400


def module_name(path: Path) -> str:
	parts = list(path.relative_to(ROOT).with_suffix("").parts)
	if parts[-1] == "__init__":
		parts.pop()
	return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
	modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
	graph = {}
	for name, path in modules.items():
		targets = set()
		for node in ast.walk(ast.parse(path.read_text(), str(path))):
			if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
				targets.add(node.module)
				targets.update(f"{node.module}.{alias.name}" for alias in node.names)
			elif isinstance(node, ast.Import):
				targets.update(alias.name for alias in node.names)
		graph[name] = {target for target in targets if target in modules and target != name}
	return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
	"""Strongly connected components of more than one module (Tarjan, iterative)."""
	index: dict[str, int] = {}
	low: dict[str, int] = {}
	stack: list[str] = []
	on_stack: set[str] = set()
	found = []
	for start in graph:
		if start in index:
			continue
		work = [(start, iter(sorted(graph[start])))]
		index[start] = low[start] = len(index)
		stack.append(start)
		on_stack.add(start)
		while work:
			node, edges = work[-1]
			for target in edges:
				if target not in index:
					index[target] = low[target] = len(index)
					stack.append(target)
					on_stack.add(target)
					work.append((target, iter(sorted(graph[target]))))
					break
				if target in on_stack:
					low[node] = min(low[node], index[target])
			else:
				work.pop()
				if work:
					low[work[-1][0]] = min(low[work[-1][0]], low[node])
				if low[node] == index[node]:
					component = []
					while True:
						member = stack.pop()
						on_stack.discard(member)
						component.append(member)
						if member == node:
							break
					if len(component) > 1:
						found.append(sorted(component))
	return found


def test_the_app_has_no_import_circle():
	assert circles(import_graph()) == []


def test_a_circle_is_found_when_there_is_one():
	graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
	assert circles(graph) == [["a", "b", "c"]]


def test_no_source_file_is_over_400_lines():
	sources = [path for pattern in ("*.py", "*.js") for path in ROOT.rglob(pattern)]
	long = {
		str(path.relative_to(ROOT)): count
		for path in sources
		if not {".git", "node_modules", "dist"} & set(path.parts)
		and (count := len(path.read_text().splitlines())) > MAX_LINES
	}
	assert long == {}
