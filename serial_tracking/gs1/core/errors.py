"""The refusals of GS1 codes: one error class, so the desk titles them alike."""

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _


class GS1Error(RuleError):
	title = _("GS1 code")
