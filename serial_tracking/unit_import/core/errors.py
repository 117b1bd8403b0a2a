"""The refusal of a unit import's rules."""

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _


class ImportRuleError(RuleError):
	title = _("Unit import")
