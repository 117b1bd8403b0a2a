"""What an exchange carries over: the customer warranty the replacement gets, and what the defective unit
is worth to us once it is ours.

The company decides both (its *Customer Service* settings): the replacement keeps the defective unit's
remaining warranty, or that with a minimum, or a full warranty of its own item from the exchange; the
defective unit comes in at no value or at a salvage rate, a percentage of what it cost.
"""

from datetime import date, timedelta

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _

REMAINING = "Remaining Days"
AT_LEAST = "Remaining Days, at Least the Minimum"
FULL = "Full Warranty from the Exchange"
CARRY_OVER_RULES = (REMAINING, AT_LEAST, FULL)

ZERO = "Zero"
SALVAGE = "Salvage Rate"
VALUATIONS = (ZERO, SALVAGE)


def remaining_days(end: date | None, on: date) -> int:
	"""Days of warranty left on ``on`` (the day itself counts as covered): 0 once it has ended."""
	if not end:
		return 0
	return max(0, (end - on).days)


def carried_over(
	rule: str, on: date, defective_end: date | None, item_days: int = 0, minimum_days: int = 0
) -> date | None:
	"""The replacement's warranty end when it is given on ``on`` for a unit whose warranty ends
	``defective_end``; None when it has none."""
	if rule not in CARRY_OVER_RULES:
		raise RuleError(_("Unknown warranty carry-over rule {rule}."), rule=rule)
	if rule == FULL:
		return on + timedelta(days=item_days) if item_days > 0 else None
	days = remaining_days(defective_end, on)
	if rule == AT_LEAST:
		days = max(days, minimum_days)
	return on + timedelta(days=days) if days > 0 else None


def salvage_value(valuation: str, cost: float, percent: float) -> float:
	"""What the defective unit is worth to us: nothing, or ``percent`` of what it cost (to the cent,
	never below nothing nor above its cost)."""
	if valuation not in VALUATIONS:
		raise RuleError(_("Unknown valuation of exchanged units {valuation}."), valuation=valuation)
	if valuation == ZERO or cost <= 0 or percent <= 0:
		return 0.0
	return round(min(cost, cost * min(percent, 100.0) / 100.0), 2)
