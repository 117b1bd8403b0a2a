"""Domain errors raised by the core.

Each error carries an untranslated message template (marked with :func:`_` so Frappe's string
extraction finds it) and the values to format into it. The Frappe layer translates the template
and formats it, so the core stays free of Frappe while every message reaching a user is translated.
"""

from serial_tracking.platform.core.i18n import _


def plain(value) -> str:
	"""A message value as text, untranslated; a list of values reads "a / b / c"."""
	if isinstance(value, list | tuple):
		return " / ".join(map(str, value))
	return str(value)


class RuleError(Exception):
	"""A rule of serial tracking refused an input."""

	title = _("Not allowed")

	def __init__(self, message: str, **params):
		self.message = message
		self.params = params
		super().__init__(message.format(**{k: plain(v) for k, v in params.items()}) if params else message)


class TrackingModeError(RuleError):
	title = _("Tracking mode")


class SeriesError(RuleError):
	title = _("Serial series")


class CheckDigitError(SeriesError):
	title = _("Check digit")


class TransitionError(RuleError):
	title = _("Unit status")


class ScheduleError(RuleError):
	title = _("Maintenance plan")


class CountError(RuleError):
	title = _("Unit count")
