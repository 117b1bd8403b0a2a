"""The machinery of the bad-input sweep (``test_bad_input``): find every whitelisted method of the app in
Frappe's own registry, generate bad values for each parameter from its annotation, call the method the
way a client does (an HTTP request through ``frappe.app.application``, in a thread of its own with its
own database connection, so Frappe's own commit or rollback ends it), and fingerprint the tables the
methods write (row count and checksum of each)."""

import importlib
import inspect
import json
import pkgutil
import threading
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

from werkzeug.test import Client

import frappe
import frappe.app
from frappe.query_builder.functions import Count

import serial_tracking

MISSING = "ST-SWEEP-MISSING-9Z"  # a record name no site has
LONG = "x" * 200_000
# what the methods write besides the app's own doctypes
WRITTEN = (
	"Serial No",
	"Serial and Batch Bundle",
	"Serial and Batch Entry",
	"Stock Entry",
	"Stock Entry Detail",
	"Stock Ledger Entry",
	"GL Entry",
	"Bin",
	"Item",
	"Maintenance Schedule",
	"ToDo",
	"File",
)

TEXT = (
	("empty", ""),
	("blank", "   "),
	("missing record", MISSING),
	("control characters", "A\x00B\x01\x7f"),
	("two lines", "line one\nline two"),
	("200,000 characters", LONG),
	("unicode and emoji", "Ünïcødé ß 😀🔧 漢字"),
	("right-to-left", "\u202e\u0645\u0631\u062d\u0628\u0627 \u05e2\u05d1\u05e8\u05d9\u05ea"),
	("SQL-looking", "' OR 1=1; DROP TABLE `tabSerial No`; -- \\"),
	("malformed JSON", '{"a": [1, '),
	("deeply nested JSON", "[" * 50_000 + "]" * 50_000),
	("JSON null", "null"),
	("negative number as text", "-1"),
)
NUMBERS = (
	("negative", -1),
	("very negative", -(10**18)),
	("huge", 10**30),
	("fraction", 1.5),
	("infinite", "1e400"),
	("word", "abc"),
	("missing record", MISSING),
)
LISTS = (
	("one serial", MISSING),
	("one per line", f"{MISSING}\n{MISSING}-2\n"),
	("comma separated", f"{MISSING}, {MISSING}-2"),
	("JSON object", '{"serial": "A"}'),
	("JSON number", "42"),
	("nested JSON list", '[["A", ["B"]], {"c": null}]'),
	("list of lists", [["A"], {"b": 1}]),
	("list with null", [None]),
	("list with an empty string", [""]),
	("list with a number", [12345]),
	("list of 20,000", [f"{MISSING}-{i}" for i in range(20_000)]),
	("list with 200,000 characters", [LONG]),
	("empty list", []),
	("empty JSON list", "[]"),
)
DICTS = (
	("JSON list", "[1, 2]"),
	("JSON string", '"text"'),
	("malformed JSON", '{"company": ['),
	("wrong shape", {"company": [1, {"a": None}], "warehouse": 12}),
	("list", [1, 2]),
	("number", 42),
)


def whitelisted_methods() -> list[typing.Callable]:
	"""Every function of the app in Frappe's registry of whitelisted methods, after importing every module
	of the app (the tests excepted): the registry fills as modules are imported."""
	for info in pkgutil.walk_packages(serial_tracking.__path__, "serial_tracking."):
		if not info.name.startswith("serial_tracking.tests"):
			importlib.import_module(info.name)
	found = {
		path(fn): fn
		for fn in frappe.whitelisted
		if fn.__module__.startswith("serial_tracking.")
		and fn in frappe.allowed_http_methods_for_whitelisted_func
	}
	return [found[name] for name in sorted(found)]


def path(fn) -> str:
	return f"{fn.__module__}.{fn.__name__}"


def http_method(fn) -> str:
	"""POST when allowed: a request that succeeds then commits what it wrote, so nothing hides."""
	allowed = frappe.allowed_http_methods_for_whitelisted_func[fn]
	return "POST" if "POST" in allowed else allowed[0]


def kinds(annotation) -> set[type]:
	"""The plain types an annotation admits: ``str | list[str] | None`` -> {str, list, NoneType}."""
	if annotation is inspect.Parameter.empty:
		return {str}
	if typing.get_origin(annotation) in (typing.Union, types.UnionType):
		return set().union(*(kinds(arg) for arg in typing.get_args(annotation)))
	return {typing.get_origin(annotation) or annotation}


def parameters(fn) -> list[inspect.Parameter]:
	return [
		p
		for p in inspect.signature(fn).parameters.values()
		if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
	]


def optional(parameter: inspect.Parameter) -> bool:
	return parameter.default is not inspect.Parameter.empty


def bad_values(parameter: inspect.Parameter) -> list[tuple[str, object]]:
	"""Bad values for a parameter, by the kinds its annotation admits. An optional parameter sent empty or
	null is the same as one left out (a valid call), so those two go only to required parameters."""
	admits = kinds(parameter.annotation)
	values = [("null", None)]
	if int in admits or float in admits:
		values += (*NUMBERS, ("empty", ""))
	else:
		values += TEXT
	if list in admits:
		values += LISTS
	if dict in admits:
		values += DICTS
	if optional(parameter):
		values = [(label, value) for label, value in values if value not in (None, "")]
	return values


def placeholder(parameter: inspect.Parameter):
	"""A value for the parameters not under test: a record no site has, of the parameter's kind."""
	admits = kinds(parameter.annotation)
	if str in admits:
		return MISSING
	if int in admits:
		return 987_654_321
	return [MISSING] if list in admits else {"name": MISSING}


def calls(fn, real: dict) -> Iterator[tuple[str, str, dict]]:
	"""(parameter, label of the bad value, arguments) for every bad value of every parameter, with the
	other parameters: required ones a missing record and optional ones left out; all of them a missing
	record; and (where the parameter names one, ``real``) real records, so checks past the lookup run."""
	params = parameters(fn)
	for param in params:
		others = [p for p in params if p is not param]
		bases = [
			{p.name: placeholder(p) for p in others if not optional(p)},
			{p.name: placeholder(p) for p in others},
			{p.name: real.get(p.name, placeholder(p)) for p in others if not optional(p) or p.name in real},
		]
		unique = []
		for base in bases:
			if base not in unique:
				unique.append(base)
		for label, value in bad_values(param):
			for base in unique:
				yield param.name, label, {**base, param.name: value}


def tables() -> list[str]:
	app = frappe.get_all(
		"DocType",
		{"module": "Serial Tracking", "issingle": 0, "is_virtual": 0},
		pluck="name",
		order_by="name",
	)
	return [*app, *WRITTEN]


def fingerprint(doctypes: list[str]) -> dict[str, tuple]:
	"""Row count and checksum of each table, and the app's settings, as another connection committed them."""
	frappe.db.rollback()  # a new snapshot
	sums = dict(frappe.db.sql("checksum table " + ", ".join(f"`tab{doctype}`" for doctype in doctypes)))
	prints = {}
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		count = frappe.qb.from_(table).select(Count("*")).run()[0][0]
		prints[doctype] = (count, next(v for k, v in sums.items() if k.endswith(f".tab{doctype}")))
	singles = frappe.qb.DocType("Singles")
	settings = (
		frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where(singles.doctype == "Serial Tracking Settings")
		.orderby(singles.field)
	).run()
	prints["Serial Tracking Settings"] = tuple(settings)
	return prints


def changed(before: dict, after: dict) -> list[str]:
	return [name for name in after if before.get(name) != after[name]]


def request(method: str, fn_path: str, arguments: dict, sid: str | None) -> tuple[int, dict]:
	"""Call ``fn_path`` (a whitelisted method, or an URL path) as a client would: JSON body, JSON answer,
	in a thread of its own (its own ``frappe.local`` and database connection); the status and the JSON."""
	url = fn_path if fn_path.startswith("/") else f"/api/method/{fn_path}"
	site, out = frappe.local.site, {}

	def run():
		with patch("frappe.app.get_site_name", return_value=site):
			client = Client(frappe.app.application, use_cookies=False)
			headers = {"Accept": "application/json", **({"Cookie": f"sid={sid}"} if sid else {})}
			response = client.open(url, method=method, json=arguments, headers=headers)
			out["status"] = response.status_code
			try:
				out["json"] = json.loads(response.get_data(as_text=True))
			except ValueError:
				out["json"] = {}

	thread = threading.Thread(target=run)
	thread.start()
	thread.join()
	return out["status"], out["json"]


def administrator_session() -> str:
	"""A desk session of the Administrator (its ``sid``), made in a thread of its own as a login would."""
	site, sites_path, out = frappe.local.site, frappe.local.sites_path, {}

	def run():
		from frappe.auth import CookieManager, LoginManager
		from frappe.utils import set_request

		frappe.init(site=site, sites_path=sites_path, force=True)
		frappe.connect()
		try:
			set_request(path="/")
			frappe.local.cookie_manager = CookieManager()
			frappe.local.login_manager = LoginManager()
			frappe.local.login_manager.login_as("Administrator")
			frappe.db.commit()
			out["sid"] = frappe.session.sid
		finally:
			frappe.destroy()

	thread = threading.Thread(target=run)
	thread.start()
	thread.join()
	return out["sid"]


@contextmanager
def captured_jobs() -> Iterator[list]:
	"""Background jobs the calls queue, recorded instead of queued (a bad input must queue none)."""
	jobs: list = []

	def record(method, *args, **kwargs):
		jobs.append(method if isinstance(method, str) else path(method))

	with patch("frappe.enqueue", record), patch("frappe.utils.background_jobs.enqueue", record):
		yield jobs


def failure(status: int, answer: dict) -> str:
	"""The Python error a 5xx answer carries."""
	exception = answer.get("exception") or answer.get("exc_type") or ""
	return str(exception).strip().splitlines()[-1][:160] if exception else f"HTTP {status}"


# The documents the desk writes through: the app's doctypes a role may create or change, saved through
# Frappe's REST API (insert, or save of a single) with one field of the wrong kind at a time.
FIELD_VALUES = {
	"number": (*NUMBERS, ("not finite", "NaN"), ("list", [1])),
	"decimal": (*(v for v in NUMBERS if v[0] != "fraction"), ("not finite", "NaN"), ("list", [1])),
	"select": (("not an option", "Not An Option"), ("200,000 characters", LONG), ("number", 7)),
	"link": (("missing record", MISSING), ("200,000 characters", LONG), ("list", [MISSING])),
	"date": (("not a date", "not a date"), ("month 13", "2026-13-45"), ("number", -1), ("list", ["2026"])),
	"text": (("200,000 characters", LONG * 6), ("number", 12), ("object", {"a": 1})),
}
KIND = {
	**dict.fromkeys(("Int", "Check"), "number"),
	**dict.fromkeys(("Float", "Currency", "Percent"), "decimal"),
	"Select": "select",
	**dict.fromkeys(("Link", "Dynamic Link", "Data"), "link"),
	**dict.fromkeys(("Date", "Datetime"), "date"),
	**dict.fromkeys(("Small Text", "Text", "Long Text", "Code"), "text"),
}


def written_doctypes() -> list:
	"""The app's doctypes (not tables) that a role may create or change: those the desk writes through."""
	names = frappe.get_all(
		"DocType", {"module": "Serial Tracking", "istable": 0, "is_virtual": 0}, pluck="name", order_by="name"
	)
	return [
		frappe.get_meta(name)
		for name in names
		if any(perm.create or perm.write for perm in frappe.get_meta(name).permissions)
	]


def singles(doctypes: list) -> dict[str, dict]:
	"""The stored values of the single doctypes among ``doctypes``."""
	frappe.db.rollback()
	return {meta.name: frappe.db.get_singles_dict(meta.name) for meta in doctypes if meta.issingle}


def restore_singles(values: dict[str, dict]) -> None:
	"""Put the single doctypes' values back (when a bad value was let through, the next tests still see
	the settings they had)."""
	frappe.db.rollback()
	for doctype, fields in values.items():
		if frappe.db.get_singles_dict(doctype) != fields:
			meta = frappe.get_meta(doctype)
			for fieldname, value in fields.items():
				if meta.has_field(fieldname):
					frappe.db.set_single_value(doctype, fieldname, value)
	frappe.db.commit()


def editable(meta) -> list:
	return [df for df in meta.fields if df.fieldtype in KIND and not df.read_only and not df.hidden]


def document_calls(meta) -> Iterator[tuple[str, str, str, str, dict]]:
	"""(HTTP method, URL path, field, label, body) for every bad value of every field a user edits, of
	the document and of the rows of its tables (sent as a one-row table)."""
	if meta.issingle:
		method, url = "PUT", f"/api/resource/{meta.name}/{meta.name}"
	else:
		method, url = "POST", f"/api/resource/{meta.name}"
	for df in editable(meta):
		for label, value in FIELD_VALUES[KIND[df.fieldtype]]:
			yield method, url, df.fieldname, label, {df.fieldname: value}
	for table in meta.get_table_fields():
		for df in editable(frappe.get_meta(table.options)):
			for label, value in FIELD_VALUES[KIND[df.fieldtype]]:
				yield (
					method,
					url,
					f"{table.fieldname}.{df.fieldname}",
					label,
					{table.fieldname: [{df.fieldname: value}]},
				)
