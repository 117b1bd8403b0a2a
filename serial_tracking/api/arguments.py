"""The arguments of the whitelisted methods, checked before any work, each refusal a translated 4xx:
``BadArgument`` (a ValidationError: HTTP 417) for a value of the wrong form, Frappe's
``DoesNotExistError`` (404) for a record that is not there. Nothing is written before these checks.

A list of serials comes as a person or a script sends it: a JSON list, a single serial, or one per line
(newline or comma separated, as ERPNext reads a serial number field)."""

import json
import re
from collections.abc import Collection, Iterable

import frappe
from frappe import _
from frappe.utils import getdate

NAME_LENGTH = 140  # Frappe's names (varchar 140)
MAX_SERIALS = 10_000
MAX_TEXT = 10_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SEPARATORS = re.compile(r"[\n\r,]+")


class BadArgument(frappe.ValidationError):
	"""An argument of a desk call is not what the call takes; nothing was changed."""


def refuse(message: str) -> None:
	frappe.throw(message, BadArgument, title=_("Invalid request"))


def name(value, label: str) -> str:
	"""A record name as text: not empty, one line, at most 140 characters."""
	if not isinstance(value, str) or not value.strip():
		refuse(_("{0} is missing: give the name of a record.").format(label))
	value = value.strip()
	if len(value) > NAME_LENGTH or CONTROL.search(value) or "\n" in value:
		refuse(_("{0} is not a valid name: one line of at most {1} characters.").format(label, NAME_LENGTH))
	return value


def record(doctype: str, value, label: str | None = None) -> str:
	"""The name of an existing ``doctype`` record (404 when there is none)."""
	value = name(value, label or _(doctype))
	if not frappe.db.exists(doctype, value):
		frappe.throw(
			_("{0} {1} does not exist.").format(_(doctype), frappe.bold(value)),
			frappe.DoesNotExistError,
			title=_("Not found"),
		)
	return value


def optional_record(doctype: str, value, label: str | None = None) -> str | None:
	return record(doctype, value, label) if value not in (None, "") else None


def one_of(value, allowed: Iterable[str], label: str) -> str:
	"""``value`` when it is one of ``allowed``; a refusal naming them otherwise."""
	allowed = tuple(allowed)
	if value not in allowed:
		refuse(
			_("{0} must be one of {1}.").format(label, ", ".join(_(choice) for choice in allowed))
			if len(allowed) <= 12
			else _("{0} is not one of the values this takes.").format(label)
		)
	return value


def doctype(value, allowed: Collection[str], label: str | None = None) -> str:
	"""A document type among ``allowed`` (never one the call was not made for)."""
	return one_of(value, allowed, label or _("Document Type"))


def text(value, label: str, limit: int = MAX_TEXT) -> str | None:
	"""Free text of at most ``limit`` characters, or None."""
	if value in (None, ""):
		return None
	if not isinstance(value, str):
		refuse(_("{0} must be text.").format(label))
	if len(value) > limit:
		refuse(_("{0} is too long: at most {1} characters.").format(label, limit))
	return value


def number(value, label: str, low: int, high: int) -> int | None:
	"""A whole number between ``low`` and ``high``, or None."""
	if value in (None, ""):
		return None
	if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
		refuse(_("{0} must be a whole number from {1} to {2}.").format(label, low, high))
	return value


def date(value, label: str):
	"""A date (``YYYY-MM-DD``, or as the desk sends it), or None."""
	if value in (None, ""):
		return None
	try:
		if not isinstance(value, str) or len(value) > 40:
			raise ValueError
		return getdate(value)
	except Exception:
		refuse(_("{0} is not a date.").format(label))


def json_object(value, label: str) -> dict | None:
	"""A JSON object (or a dict), or None."""
	if value in (None, ""):
		return None
	if isinstance(value, str):
		value = parse_json(value, label)
	if not isinstance(value, dict):
		refuse(_("{0} must be a JSON object.").format(label))
	return value


def parse_json(value: str, label: str):
	if len(value) > MAX_TEXT:
		refuse(_("{0} is too long: at most {1} characters.").format(label, MAX_TEXT))
	try:
		return json.loads(value)
	except (ValueError, RecursionError):
		refuse(_("{0} is not valid JSON.").format(label))


def serial_list(value, label: str | None = None, limit: int = MAX_SERIALS) -> list[str]:
	"""Serials sent as a JSON list, a single serial, or one per line (newline or comma separated), in
	order and without repeats; refused when empty, not text, or more than ``limit``."""
	label = label or _("Serial numbers")
	if isinstance(value, str):
		stripped = value.strip()
		if stripped.startswith("[") or stripped.startswith("{"):
			value = parse_json(stripped, label)
		else:
			value = SEPARATORS.split(stripped)
	if not isinstance(value, list | tuple):
		refuse(_("{0}: send a list, one serial per line, or a single serial.").format(label))
	if len(value) > limit:
		refuse(_("{0}: at most {1} serials at a time.").format(label, limit))
	serials = []
	for item in value:
		if not isinstance(item, str):
			refuse(_("{0}: each serial must be text.").format(label))
		if item.strip():
			serials.append(name(item, label))
	if not serials:
		refuse(_("{0}: no serial was given.").format(label))
	return list(dict.fromkeys(serials))


def existing_serials(value, label: str | None = None, limit: int = MAX_SERIALS) -> list[str]:
	""":func:`serial_list`, each serial an existing Serial No (404 naming the first that is not)."""
	serials = serial_list(value, label, limit)
	unit = frappe.qb.DocType("Serial No")
	found = set()
	for start in range(0, len(serials), 1000):
		chunk = serials[start : start + 1000]
		rows = frappe.qb.from_(unit).select(unit.name).where(unit.name.isin(chunk)).run(pluck=True)
		found.update(row.casefold() for row in rows)  # names compare as the database does
	if missing := [serial for serial in serials if serial.casefold() not in found]:
		frappe.throw(
			_("Unit {0} does not exist.").format(frappe.bold(missing[0])),
			frappe.DoesNotExistError,
			title=_("Not found"),
		)
	return serials
