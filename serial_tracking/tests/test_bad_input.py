"""Every bad input gets an answer, not a 500: a sweep of every whitelisted method of the app.

The methods are found in Frappe's registry (``frappe.whitelisted``), not listed by hand; each parameter
gets bad values generated from its annotation (empty, null, a missing record, a plain string where a
list or JSON is expected, malformed and deeply nested JSON, 200,000 characters, unicode, right-to-left
text, SQL-looking text, negative, huge and fractional numbers, lists of the wrong shape or size), with
the other parameters missing records or real ones. Each call is an HTTP request through Frappe's
application as the Administrator; none may answer 5xx, change a row of the tables the methods write or
queue a background job. A Guest is refused everywhere. See ``sweep.py`` for the machinery."""

from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.api import arguments
from serial_tracking.tests import count_helpers, sweep
from serial_tracking.tests import factories as f


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()
		wh = count_helpers.place("Sweep")
		cls.item, serials = count_helpers.units(1, wh)
		count = count_helpers.close(count_helpers.start(wh))
		frappe.db.commit()
		# real records for the parameters that name one, so the checks past the lookup run too (a closed
		# count refuses scans, so nothing a sweep sends may be recorded)
		cls.real = {"serial_no": serials[0], "serials": serials, "item_code": cls.item, "count": count.name}
		cls.methods = sweep.whitelisted_methods()
		cls.tables = sweep.tables()
		cls.sid = sweep.administrator_session()

	@classmethod
	def tearDownClass(cls):
		from frappe.sessions import delete_session

		delete_session(cls.sid, reason="Logged Out")
		frappe.db.commit()
		super().tearDownClass()

	def test_the_sweep_finds_the_apps_methods(self):
		paths = [sweep.path(fn) for fn in self.methods]
		self.assertGreaterEqual(len(paths), 20, paths)
		for expected in ("serial_tracking.api.unit.act", "serial_tracking.api.labels.prepare"):
			self.assertIn(expected, paths)
		self.assertTrue(all(sweep.parameters(fn) is not None for fn in self.methods))

	def test_serials_come_as_a_list_one_per_line_or_one(self):
		serial = self.real["serial_no"]
		for sent in ([serial], f'["{serial}"]', serial, f"{serial}\n{serial}\n", f" {serial} , {serial}"):
			with self.subTest(sent=sent):
				self.assertEqual(arguments.serial_list(sent), [serial])
				status, answer = sweep.request(
					"POST", "serial_tracking.api.labels.prepare", {"serials": sent}, self.sid
				)
				self.assertEqual((status, answer.get("message", {}).get("count")), (200, 1))
		for refused in ("", "[1, 2", '{"a": 1}', [1], [f"{serial}\x00"], ["x" * 141], [serial] * 10_001):
			with self.subTest(refused=str(refused)[:40]), self.assertRaises(arguments.BadArgument):
				arguments.serial_list(refused)
		status, answer = sweep.request(
			"POST",
			"serial_tracking.api.unit.act",
			{"serials": "ST-SWEEP-NO-SUCH-UNIT", "action": "Reserve"},
			self.sid,
		)
		self.assertEqual(status, 404)
		self.assertIn("ST-SWEEP-NO-SUCH-UNIT", answer.get("_server_messages", ""))

	def test_a_guest_is_refused_everywhere(self):
		before = sweep.fingerprint(self.tables)
		with sweep.captured_jobs() as jobs:
			for fn in self.methods:
				arguments = {p.name: sweep.placeholder(p) for p in sweep.parameters(fn)}
				status, _answer = sweep.request(sweep.http_method(fn), sweep.path(fn), arguments, sid=None)
				with self.subTest(sweep.path(fn)):
					if (
						fn in frappe.guest_methods
					):  # public on purpose (a unit's public page): refused, not a 500
						self.assertIn(status, (400, 403, 404, 417, 429))
					else:
						self.assertEqual(status, 403)
		self.assertEqual(sweep.changed(before, sweep.fingerprint(self.tables)), [])
		self.assertEqual([job for job in jobs if job.startswith("serial_tracking")], [])

	def test_every_bad_input_gets_an_answer_not_a_500(self):
		errors, writes, queued = Counter(), [], []
		statuses, covered, calls = Counter(), set(), 0
		before = sweep.fingerprint(self.tables)
		with sweep.captured_jobs() as jobs:
			for fn in self.methods:
				fn_path, method = sweep.path(fn), sweep.http_method(fn)
				for param, label, arguments in sweep.calls(fn, self.real):
					status, answer = sweep.request(method, fn_path, arguments, self.sid)
					calls += 1
					covered.add((fn_path, param))
					statuses[status] += 1
					where = f"{fn_path}({param}: {label})"
					if status >= 500:
						errors[f"{fn_path}({param}): {sweep.failure(status, answer)}"] += 1
					after = sweep.fingerprint(self.tables)
					if moved := sweep.changed(before, after):
						writes.append(f"{where} [{status}] changed {', '.join(moved)}")
						before = after
					if app_jobs := [job for job in jobs if job.startswith("serial_tracking")]:
						queued.append(f"{where} [{status}] queued {', '.join(app_jobs)}")
					jobs.clear()
		print(
			f"\nbad-input sweep: {calls} calls, {len(self.methods)} methods, {len(covered)} parameters; "
			f"answers: {dict(sorted(statuses.items()))}; 5xx: {sum(errors.values())}"
		)
		report = [f"{count} x {line}" for line, count in errors.most_common()]
		for line in report[:60]:
			print(f"  5xx {line}")
		self.assertEqual(report, [], f"{sum(errors.values())} answers were 5xx")
		self.assertEqual(writes, [], "bad input changed rows")
		self.assertEqual(queued, [], "bad input queued background jobs")
		self.assertEqual(len(covered), sum(len(sweep.parameters(fn)) for fn in self.methods))

	def test_every_bad_field_value_gets_an_answer_not_a_500(self):
		"""The documents the desk writes through, saved through Frappe's REST API with one field (of the
		document or of a row of its tables) of the wrong kind at a time: refused, never a 500."""
		errors, writes, statuses, calls, fields = [], [], Counter(), 0, set()
		doctypes = sweep.written_doctypes()
		self.addCleanup(sweep.restore_singles, sweep.singles(doctypes))  # a bad value let through stays out
		before = sweep.fingerprint(self.tables)
		with sweep.captured_jobs() as jobs:
			for meta in doctypes:
				for method, url, field, label, body in sweep.document_calls(meta):
					status, answer = sweep.request(method, url, body, self.sid)
					calls += 1
					fields.add((meta.name, field))
					statuses[status] += 1
					where = f"{meta.name}.{field}: {label}"
					if status >= 500:
						errors.append(f"{where}: {sweep.failure(status, answer)}")
					after = sweep.fingerprint(self.tables)
					if moved := sweep.changed(before, after):
						writes.append(f"{where} [{status}] changed {', '.join(moved)}")
						before = after
		print(
			f"\nbad-field sweep: {calls} saves, {len(doctypes)} doctypes, {len(fields)} fields; "
			f"answers: {dict(sorted(statuses.items()))}; 5xx: {len(errors)}"
		)
		for line in errors[:60]:
			print(f"  5xx {line}")
		self.assertEqual(errors, [], f"{len(errors)} answers were 5xx")
		self.assertEqual(writes, [], "bad field values changed rows")
		self.assertEqual([job for job in jobs if job.startswith("serial_tracking")], [])
		self.assertGreaterEqual(len(doctypes), 3, [meta.name for meta in doctypes])
