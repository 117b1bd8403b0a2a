"""The table of ./erpnext-suite: ERPNext's test modules without the app and with it, test by test.

    python3 .ci/erpnext-suite-report.py <results dir> <expected file> <module>...

Reads, for each module, <results>/plain/<module>.xml and <results>/app/<module>.xml (JUnit XML written by
`bench run-tests --module <module> --junit-xml-output ...`) and <results>/<side>/<module>.status ("rc=<exit
status> seconds=<run time>"). Prints one row per module (passed/failed/errors/skipped on each site, the
run times, the tests whose outcome differs), then every difference with the error the app's site gave.

A difference is a regression when the test passed without the app and did not pass with it (failed,
error, skipped, or never ran because the module crashed or timed out). The expected-differences file lists
known, explained differences, one a line: a test name (method, Class.method or the full dotted id) and the
reason; `#` starts a comment. Exit status: 1 when a regression is not listed there, or a module gave no
results on either site (nothing compared), else 0. Differences the other way (a test that passes with
the app only) are printed but do not fail.
Python's standard library only: runs without Frappe.
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PASSED, FAILED, ERROR, SKIPPED, ABSENT = "passed", "failed", "error", "skipped", "absent"
SIDES = ("plain", "app")
STDLIB_FRAMES = ("/unittest/", "/frappe/tests/utils.py", "/contextlib.py")
FRAME = re.compile(r'File "[^"]*", line \d+, in \S+')
# A frame is the app's when its file is under the app's package (any capability folder or Frappe edge of
# it, whatever the layout) and not one of the app's own tests.
APP_PACKAGE, APP_TESTS = "/serial_tracking/", "/serial_tracking/tests/"


def load(path: Path) -> tuple[dict[str, str], dict[str, str]] | None:
	"""Outcome and error text per test id, or None when the file is missing, unreadable or names no
	test."""
	try:
		root = ET.parse(path).getroot()
	except (OSError, ET.ParseError):
		return None
	outcomes: dict[str, str] = {}
	errors: dict[str, str] = {}
	rank = {PASSED: 0, SKIPPED: 1, FAILED: 2, ERROR: 3}
	for case in root.iter("testcase"):
		test_id = f"{case.get('classname', '')}.{case.get('name', '')}"
		outcome, text = PASSED, ""
		for tag, kind in (("error", ERROR), ("failure", FAILED), ("skipped", SKIPPED)):
			node = case.find(tag)
			if node is not None:
				outcome, text = kind, (node.text or node.get("message") or "").strip()
				break
		if rank[outcome] >= rank.get(outcomes.get(test_id, PASSED), 0):
			outcomes[test_id], errors[test_id] = outcome, text
	if not outcomes:
		return None  # a run that stopped before any test (or an XML writer that wrote none)
	return outcomes, errors


def status(path: Path) -> dict[str, str]:
	try:
		return dict(part.split("=", 1) for part in path.read_text().split() if "=" in part)
	except OSError:
		return {}


def log_tail(path: Path) -> str:
	"""The last traceback of a run's log (a module that crashed before its tests ran)."""
	try:
		text = path.read_text(errors="replace")
	except OSError:
		return ""
	return text[text.rfind("Traceback (most recent call last)") :] if "Traceback" in text else text[-2000:]


def load_expected(path: Path) -> dict[str, str]:
	expected: dict[str, str] = {}
	try:
		lines = path.read_text().splitlines()
	except OSError:
		return expected
	for line in lines:
		line = line.split("#", 1)[0].strip()
		if line:
			name, _, reason = line.partition(" ")
			expected[name] = reason.strip() or "(no reason given)"
	return expected


def explained(test_id: str, expected: dict[str, str]) -> str | None:
	for name, reason in expected.items():
		if test_id == name or test_id.endswith("." + name):
			return reason
	return None


def summary(loaded: tuple[dict[str, str], dict[str, str]] | None, run: dict[str, str]) -> str:
	if loaded is None:
		return "no results" + (" (timeout)" if run.get("rc") == "124" else f" (rc {run.get('rc', '?')})")
	counts = [sum(1 for o in loaded[0].values() if o == kind) for kind in (PASSED, FAILED, ERROR, SKIPPED)]
	return "/".join(map(str, counts))


def short(test_id: str) -> str:
	return ".".join(test_id.split(".")[-2:])


def excerpt(text: str, lines: int = 3) -> list[str]:
	"""The exception (what follows the traceback's last frame, HTML tags dropped) and the app's frames
	it went through (chained tracebacks joined), or else the innermost frame outside unittest."""
	rows = [row.rstrip() for row in text.splitlines() if row.strip()]
	at = [i for i, row in enumerate(rows) if row.strip().startswith('File "')]
	exception = rows[at[-1] + 2 :] if at else rows
	out = [re.sub(r"</?\w+>", "", row.strip()) for row in (exception or rows[-lines:])[:lines]]
	chain: list[str] = []
	for part in reversed(re.split(r"During handling of the above exception|The above exception was", text)):
		found = [
			frame(f)
			for f in FRAME.findall(part)
			if APP_PACKAGE in f and APP_TESTS not in f and "/platform/messages.py" not in f
		]
		if found and chain and chain[-1].split(":")[0] == found[0].split(":")[0]:
			chain.pop()  # the frame that caught the inner exception, given again by the inner traceback
		chain += found
	frames = [rows[i].strip() for i in at if not any(skip in rows[i] for skip in STDLIB_FRAMES)]
	if chain:
		out.append("app: " + " > ".join(chain[-5:]))
	elif frames:
		out.append("last frame: " + frame(frames[-1]))
	return out


def frame(row: str) -> str:
	"""'File "/x/serial_tracking/audit/trail.py", line 9, in f' as 'audit/trail.py:9 f'."""
	found = re.match(r'File "(.*)", line (\d+), in (.*)', row)
	if not found:
		return row
	path = found[1].rsplit(APP_PACKAGE, 1)[-1] if APP_PACKAGE in found[1] else found[1]
	path = path.split("/apps/", 1)[-1]
	return f"{path}:{found[2]} {found[3]}"


def main(results: Path, expected_path: Path, modules: list[str]) -> int:
	expected = load_expected(expected_path)
	used: set[str] = set()
	rows = [("module", "without app P/F/E/S", "with app P/F/E/S", "time (s)", "differing tests")]
	details: list[str] = []
	unexplained = 0
	for module in modules:
		loaded = {side: load(results / side / f"{module}.xml") for side in SIDES}
		runs = {side: status(results / side / f"{module}.status") for side in SIDES}
		if not any(runs.values()) and not any(loaded.values()):
			continue  # not run
		outs = {side: (loaded[side] or ({}, {}))[0] for side in SIDES}
		errs = {side: (loaded[side] or ({}, {}))[1] for side in SIDES}
		diffs = []
		for test_id in sorted(set(outs["plain"]) | set(outs["app"])):
			before, after = outs["plain"].get(test_id, ABSENT), outs["app"].get(test_id, ABSENT)
			if before == after:
				continue
			regression = before == PASSED
			reason = explained(test_id, expected)
			if reason:
				used.update(name for name in expected if test_id == name or test_id.endswith("." + name))
			verdict = (
				f"explained: {reason}" if reason else ("UNEXPLAINED" if regression else "not a regression")
			)
			if regression and not reason:
				unexplained += 1
			diffs.append(f"{short(test_id)} ({before}->{after})")
			details.append(f"- {test_id}: {before} without the app, {after} with it [{verdict}]")
			if after in (FAILED, ERROR):
				details.extend("    " + row for row in excerpt(errs["app"].get(test_id, "")))
			elif before in (FAILED, ERROR):
				details.extend(
					"    without the app: " + row for row in excerpt(errs["plain"].get(test_id, ""))
				)
		if loaded["plain"] is None and loaded["app"] is None:
			unexplained += 1
			details.append(f"- {module}: NOT COMPARED, no results on either site; without the app:")
			details.extend("    " + row for row in excerpt(log_tail(results / "plain" / f"{module}.log")))
		elif loaded["plain"] is not None and loaded["app"] is None:
			unexplained += 1
			details.append(
				f"- {module}: no results with the app (see {results}/app/{module}.log) [UNEXPLAINED]"
			)
		times = "/".join(runs[side].get("seconds", "-") for side in SIDES)
		rows.append(
			(
				module.removeprefix("erpnext."),
				summary(loaded["plain"], runs["plain"]),
				summary(loaded["app"], runs["app"]),
				times,
				f"{len(diffs)}: " + ", ".join(diffs) if diffs else "-",
			)
		)
	widths = [max(len(row[i]) for row in rows) for i in range(4)]
	for row in rows:
		print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
	print("(P/F/E/S = passed/failed/errors/skipped; time = without/with the app)")
	if details:
		print("\nDifferences:")
		print("\n".join(details))
	stale = [name for name in expected if name not in used]
	if stale:
		print(
			f"\nListed in {expected_path.name} but not seen differing in the modules run: {', '.join(stale)}"
		)
	print(
		f"\n{unexplained} unexplained regression(s) or module(s) not compared"
		if unexplained
		else "\nno unexplained regression"
	)
	return 1 if unexplained else 0


if __name__ == "__main__":
	if len(sys.argv) < 4:
		sys.exit("usage: erpnext-suite-report.py <results dir> <expected file> <module>...")
	sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]))
