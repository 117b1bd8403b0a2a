"""The house by capability, under a test: each capability is a folder with its framework-free rules in
its own ``core/``; capabilities are ranked and a module imports only its own capability or lower ones;
nothing in a capability imports the Frappe edges; capability packages are empty; and every dotted path
the code hands Frappe as a string (hooks, jobs, jinja methods, desk calls) names something that exists."""

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "serial_tracking"

# Lowest first: a capability may import those before it, never those after it.
CAPABILITIES = (
	"platform",  # plumbing: errors, translations, messages, versions, bulk insert, locks, ToDos
	"units",  # what a unit is: statuses, ledger events, bundles, what a voucher moves
	"audit",  # the tamper-evident trail: chains, keys, checkpoints, verification
	"concurrency",  # a unit moves once: the unit locks
	"series",  # tracking modes, serial series, check digits, maker serials, generation, labels
	"actions",  # what people do to a unit: check out, repair, reserve, lose, retire; integrity
	"maintenance",  # plans, schedules, warranties, visit reminders
	"genealogy",  # which unit went into which: assembly, repair swaps, traces
	"gs1",  # GS1: reading element strings and Digital Links, GS1 labels, the resolver, EPCIS export
	"counting",  # unit counts: scanning, closing, approval, cadence
	"unit_import",  # units a shop already has, from a file or another system; and exported back
	"customers",  # units on the customer's side: RMAs, the till, the portal, their papers
	"profitability",  # per-unit cost and income
	"unit_form",  # what the Serial No form shows of a unit
	"demo",  # the demo business
)
# Where Frappe expects the app's entry points: they may import any capability, none imports them.
EDGES = (
	"hooks",
	"overrides",
	"api",
	"serial_tracking",  # the module folder: doctypes, reports, workspace
	"custom_fields",
	"patches",
	"install",
	"boot",
	"commands",
	"tasks",
	"tests",
	"public",
	"templates",
	"www",  # portal pages
	"locale",
	"fixtures",
	"workspace_sidebar",
	"modules",  # modules.txt
)
FRAMEWORK = ("frappe", "erpnext", "pypika")


def modules():
	for path in sorted(PACKAGE.rglob("*.py")):
		parts = path.relative_to(PACKAGE).with_suffix("").parts
		yield path, parts


def app_imports(path: Path):
	"""(imported module, line) of every absolute import, function-local ones included."""
	for node in ast.walk(ast.parse(path.read_text(), str(path))):
		if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
			yield node.module, node.lineno
			for alias in node.names:
				yield f"{node.module}.{alias.name}", node.lineno
		elif isinstance(node, ast.Import):
			for alias in node.names:
				yield alias.name, node.lineno


def test_every_folder_is_a_capability_or_a_frappe_edge():
	top = {
		path.stem for path in PACKAGE.iterdir() if path.name != "__init__.py" and path.name != "__pycache__"
	}
	assert top - set(CAPABILITIES) - set(EDGES) == set(), (
		"register a new folder as a capability (ranked) or an edge"
	)


def test_core_folders_know_no_framework():
	found = []
	for path, parts in modules():
		if parts[0] in CAPABILITIES and "core" in parts[:-1]:
			for target, line in app_imports(path):
				if target.split(".")[0] in FRAMEWORK:
					found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
				elif target.startswith("serial_tracking.") and ".core" not in target:
					found.append(f"{path.relative_to(ROOT)}:{line} imports {target}, which is no core")
	assert found == []


def test_capabilities_import_their_own_or_lower_ones_and_no_edge():
	rank = {name: i for i, name in enumerate(CAPABILITIES)}
	found = []
	for path, parts in modules():
		if parts[0] not in rank:
			continue
		for target, line in app_imports(path):
			if not target.startswith("serial_tracking."):
				continue
			other = target.split(".")[1]
			where = f"{path.relative_to(ROOT)}:{line} imports {target}"
			if other in EDGES:
				found.append(f"{where}: a Frappe edge")
			elif other in rank and rank[other] > rank[parts[0]]:
				found.append(f"{where}: {other} ranks above {parts[0]}")
	assert found == []


def test_capability_packages_are_empty():
	full = [
		str(init.relative_to(ROOT))
		for name in CAPABILITIES
		for init in (PACKAGE / name).rglob("__init__.py")
		if init.read_text().strip()
	]
	assert full == []


# --- dotted strings --------------------------------------------------------------------------------

DOTTED = re.compile(r"""["'](serial_tracking(?:\.\w+)+)["']""")


def defined(module_path: Path) -> set[str]:
	"""The names a module defines at its top level."""
	names = set()
	for node in ast.parse(module_path.read_text()).body:
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
			names.add(node.name)
		elif isinstance(node, ast.Assign | ast.AnnAssign):
			targets = node.targets if isinstance(node, ast.Assign) else [node.target]
			for target in targets:
				names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
		elif isinstance(node, ast.ImportFrom):
			names.update(alias.asname or alias.name for alias in node.names)
	return names


def resolves(dotted: str) -> bool:
	"""Whether ``dotted`` is a module of the app, or a name a module of it defines."""
	parts = dotted.split(".")
	for cut in range(len(parts), 0, -1):
		base = ROOT.joinpath(*parts[:cut])
		module = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
		if module.exists():
			rest = parts[cut:]
			return not rest or (len(rest) == 1 and rest[0] in defined(module))
	return False


def dotted_strings():
	sources = [
		*PACKAGE.rglob("*.py"),
		*PACKAGE.rglob("*.js"),
		*PACKAGE.rglob("*.json"),
		*PACKAGE.rglob("*.html"),
	]
	for path in sources:
		if {"dist", "node_modules", "locale"} & set(path.parts):
			continue
		for number, line in enumerate(path.read_text().splitlines(), 1):
			if "frappe.provide(" in line:  # a JavaScript namespace of the desk, not a Python path
				continue
			for dotted in DOTTED.findall(line):
				if dotted.rsplit(".", 1)[-1] not in ("js", "css", "json"):  # a file name, not a path
					yield f"{path.relative_to(ROOT)}:{number}", dotted


def test_every_dotted_string_names_something_that_exists():
	found = list(dotted_strings())
	assert len(found) > 30, "the hooks, jobs and desk calls were found"
	assert [(where, dotted) for where, dotted in found if not resolves(dotted)] == []


def test_a_dotted_string_that_names_nothing_is_caught():
	assert resolves("serial_tracking.audit.verifier.run")
	assert not resolves("serial_tracking.services.audit_verify.run")
	assert not resolves("serial_tracking.audit.verifier.no_such_function")


def test_number_cards_and_reports_name_methods_that_exist():
	methods = [
		json.loads(path.read_text()).get("method")
		for path in (PACKAGE / "serial_tracking" / "number_card").rglob("*.json")
	]
	assert methods and all(resolves(method) for method in methods if method)


def test_every_import_of_the_app_resolves():
	"""Function-local imports too: a module moved without them leaves a command or a job that fails only
	when it runs."""
	broken = []
	for path in sorted(
		[*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
	):
		for node in ast.walk(ast.parse(path.read_text(), str(path))):
			if (
				isinstance(node, ast.ImportFrom)
				and node.level == 0
				and (node.module or "").startswith("serial_tracking")
			):
				for alias in node.names:
					if not (
						resolves(f"{node.module}.{alias.name}")
						or (resolves(node.module) and alias.name == "*")
					):
						broken.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}")
			elif isinstance(node, ast.Import):
				broken += [
					f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}"
					for alias in node.names
					if alias.name.startswith("serial_tracking") and not resolves(alias.name)
				]
	assert broken == []
