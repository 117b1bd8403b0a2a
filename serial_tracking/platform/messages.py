"""Show the core's messages to users: translated, with their values in bold, as a ValidationError."""

from collections.abc import Mapping
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import escape_html

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term


class SerialTrackingError(frappe.ValidationError):
	"""A serial tracking rule refused the input; nothing was written."""


def render(message: str, params: Mapping | None = None, *, bold: bool = True) -> str:
	"""``message`` (an untranslated template of the core) translated, with ``params`` formatted in;
	values that are words of the app (:class:`Term`) are translated too."""
	values = {}
	for key, value in (params or {}).items():
		items = value if isinstance(value, list | tuple) else (value,)
		text = " / ".join(_(item) if isinstance(item, Term) else str(item) for item in items)
		values[key] = frappe.bold(escape_html(text)) if bold else text
	return _(message).format(**values)


def translate(error: RuleError) -> str:
	return render(error.message, error.params)


def throw(error: RuleError):
	frappe.throw(translate(error), SerialTrackingError, title=_(error.title))


@contextmanager
def rules_as_messages():
	"""Turn a core :class:`RuleError` raised inside the block into a translated Frappe error."""
	try:
		yield
	except RuleError as error:
		throw(error)
