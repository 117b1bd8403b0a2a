"""The field values of the app's documents, checked before a controller's own rules read them.

Frappe checks links before ``validate`` but selects, numbers and lengths only after it, and casts a
number it cannot read to 0. The desk sends what a form holds; a script through the REST API may send
anything. So each controller the desk writes through starts with :func:`check`: a Select one of its
options, a number a finite number the column can hold, a date a date, a text within its length (with
the rows of the document's tables). A refusal is a translated ValidationError (HTTP 417)."""

import math

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

INTS = ("Int", "Check")
FLOATS = ("Float", "Currency", "Percent")
NAMES = ("Data", "Link", "Dynamic Link", "Select")
TEXTS = ("Small Text", "Text", "Long Text", "Code", "Text Editor", "HTML Editor", "Markdown Editor")
INT_LIMIT = 2**31 - 1  # int(11)
FLOAT_LIMIT = 10**12  # decimal(21,9)
TEXT_LIMIT = 1_000_000


class FieldValueError(frappe.ValidationError):
	"""A field of a document holds a value of the wrong kind; nothing was saved."""


def check(doc, table: str | None = None) -> None:
	"""Refuse ``doc`` (and the rows of its tables; only those of ``table`` when given) when a field holds
	a value of the wrong kind."""
	rows = doc.get(table) or [] if table else [doc, *doc.get_all_children()]
	for row in rows:
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if value is not None and value != "":
				check_value(row, df, value)


def check_value(row, df, value) -> None:
	if df.fieldtype in INTS:
		ok = whole(value) and abs(int(float(value))) <= INT_LIMIT
		ok = ok and (df.fieldtype != "Check" or int(float(value)) in (0, 1))
	elif df.fieldtype in FLOATS:
		ok = finite(value) and abs(float(value)) <= FLOAT_LIMIT
	elif df.fieldtype in NAMES:
		ok = isinstance(value, str) and len(value) <= (df.length or 140)
		ok = ok and (df.fieldtype != "Select" or value in (df.options or "").split("\n"))
	elif df.fieldtype in TEXTS:
		ok = isinstance(value, str) and len(value) <= TEXT_LIMIT
	elif df.fieldtype in ("Date", "Datetime"):
		ok = readable_date(value, df.fieldtype)
	else:
		return
	if not ok:
		label, value, fieldtype = _(df.label or df.fieldname), frappe.bold(shown(value)), _(df.fieldtype)
		if row.get("parentfield"):
			message = _("{0} in row {1}: {2} is not a valid value for a {3} field.").format(
				label, row.idx, value, fieldtype
			)
		else:
			message = _("{0}: {1} is not a valid value for a {2} field.").format(label, value, fieldtype)
		frappe.throw(message, FieldValueError, title=_("Invalid value"))


def finite(value) -> bool:
	if isinstance(value, bool) or not isinstance(value, int | float | str):
		return False
	try:
		return math.isfinite(float(value))
	except (ValueError, OverflowError):
		return False


def whole(value) -> bool:
	return finite(value) and float(value) == int(float(value))


def readable_date(value, fieldtype: str) -> bool:
	if not isinstance(value, str) or len(value) > 40:
		return hasattr(value, "year")  # a date or datetime set by code
	try:
		(getdate if fieldtype == "Date" else get_datetime)(value)
		return True
	except Exception:
		return False


def shown(value) -> str:
	text = frappe.utils.escape_html(str(value))
	return text if len(text) <= 40 else f"{text[:40]}…"


class CheckedFields:
	"""A controller whose fields are checked first: before Frappe's check of links (which fails with a
	TypeError on a link sent as a list) as well as before its own rules (``validate`` calls :func:`check`
	too, for saves that skip the links)."""

	def _validate_links(self):
		check(self)
		super()._validate_links()
