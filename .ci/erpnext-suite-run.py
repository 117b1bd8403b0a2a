"""One module of ./erpnext-suite on Frappe 16 and later: `bench run-tests --module`, with two repairs.

    cd <bench>/sites && ../env/bin/python <repo>/.ci/erpnext-suite-run.py <site> <module> <xml file>

Runs Frappe's own command (`frappe --site <site> run-tests --module <module>`) in this process, and:

- keeps the site's test-record log. Frappe 16's run-tests deletes `<site>/.test_records.jsonl` when it
  starts; that log is how Frappe knows which test records (ERPNext's _Test Customer, Item Prices, BOMs,
  orders...) the site already has. Without it the next module creates them again: ERPNext's setUpClass
  fails on a duplicate Item Price (ItemPriceDuplicateItem), and customers, BOMs and orders are made twice.
  The suite's sites keep their records from module to module, as one ERPNext CI run does, so the log
  stays.
- records the outcome of every test and writes it as JUnit XML (what the report reads). Frappe 16's
  `--junit-xml-output` opens the file and writes nothing: its runner never uses the XML runner.

Exit status: Frappe's (1 when a test failed). Frappe 15 runs `bench run-tests --junit-xml-output` as is.
"""

import sys
import time
import unittest
import xml.etree.ElementTree as ET

PASSED, FAILED, ERROR, SKIPPED = "passed", "failure", "error", "skipped"


class Outcomes:
	"""Every test's outcome, as Frappe's TestResult reports it."""

	def __init__(self):
		self.rows: list[tuple[str, str, str, str, float]] = []

	def add(self, result, test, kind: str, text: str = "") -> None:
		classname, name = identify(test)
		started = getattr(result, "_started_at", None)
		seconds = time.monotonic() - started if started and kind != ERROR else 0.0
		self.rows.append((classname, name, kind, text, seconds))

	def write(self, path: str) -> None:
		suite = ET.Element("testsuite", tests=str(len(self.rows)))
		for classname, name, kind, text, seconds in self.rows:
			case = ET.SubElement(suite, "testcase", classname=classname, name=name, time=f"{seconds:.3f}")
			if kind != PASSED:
				node = ET.SubElement(case, kind, message=text.strip().splitlines()[-1][:500] if text else "")
				node.text = text
		root = ET.Element("testsuites")
		root.append(suite)
		ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def identify(test) -> tuple[str, str]:
	"""(class, method) of a test; a class or module fixture's error ("setUpClass (module.Class)") is
	named after the fixture, in its class."""
	test = getattr(test, "test_case", test)  # a subTest: its test
	if isinstance(test, unittest.TestCase):
		return f"{type(test).__module__}.{type(test).__qualname__}", test._testMethodName
	description = getattr(test, "description", str(test))
	fixture, _, owner = description.partition(" (")
	return owner.rstrip(")") or description, fixture


def record_outcomes(outcomes: Outcomes) -> None:
	from frappe.testing.result import TestResult

	def wrap(method: str, kind: str, text=None):
		original = getattr(TestResult, method)

		def recorder(self, test, *args):
			original(self, test, *args)
			outcomes.add(self, test, kind, text(self, test, *args) if text else "")

		setattr(TestResult, method, recorder)

	def error_text(result, test, err):
		return result._exc_info_to_string(err, test)

	wrap("addSuccess", PASSED)
	wrap("addExpectedFailure", PASSED)
	wrap("addUnexpectedSuccess", FAILED, lambda result, test: "unexpected success")
	wrap("addFailure", FAILED, error_text)
	wrap("addError", ERROR, error_text)
	wrap("addSkip", SKIPPED, lambda result, test, reason: reason)

	original_subtest = TestResult.addSubTest

	def add_subtest(self, test, subtest, err):
		original_subtest(self, test, subtest, err)
		if err is not None:
			kind = FAILED if issubclass(err[0], test.failureException) else ERROR
			outcomes.add(self, test, kind, f"{subtest}\n{self._exc_info_to_string(err, test)}")

	TestResult.addSubTest = add_subtest


def keep_test_record_log() -> None:
	import frappe.tests.utils.generators as generators

	generators._clear_test_log = lambda: None  # run-tests imports it when it starts


def main(site: str, module: str, xml_path: str) -> None:
	outcomes = Outcomes()
	keep_test_record_log()
	record_outcomes(outcomes)
	from frappe.utils import bench_helper

	# as `python -m frappe.utils.bench_helper frappe --site <site> run-tests --module <module>`
	sys.argv = ["bench_helper", "frappe", "--site", site, "run-tests", "--module", module]
	code = 0
	try:
		bench_helper.main()
	except SystemExit as exit:
		code = exit.code if isinstance(exit.code, int) else 1
	finally:
		outcomes.write(xml_path)
	sys.exit(code)


if __name__ == "__main__":
	if len(sys.argv) != 4:
		sys.exit("usage: erpnext-suite-run.py <site> <module> <xml file>  (from the bench's sites folder)")
	main(*sys.argv[1:])
