"""Show core rule errors to users: translated, with their values in bold, as a ValidationError."""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import escape_html

from serial_tracking.core.errors import RuleError


class SerialTrackingError(frappe.ValidationError):
	"""A serial tracking rule refused the input; nothing was written."""


def translate(error: RuleError) -> str:
	params = {key: frappe.bold(escape_html(str(value))) for key, value in error.params.items()}
	return _(error.message).format(**params)


def throw(error: RuleError):
	frappe.throw(translate(error), SerialTrackingError, title=_(error.title))


@contextmanager
def rules_as_messages():
	"""Turn a core :class:`RuleError` raised inside the block into a translated Frappe error."""
	try:
		yield
	except RuleError as error:
		throw(error)
