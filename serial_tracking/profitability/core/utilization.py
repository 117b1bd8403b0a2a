"""How much a unit earned its keep over a period: the days it spent in each place, and which of them
count.

A unit is ours while it is in stock, on loan (checked out or rented) or in repair; utilization is the
share of those days it was on loan. Days after it was sold (delivered), returned to its supplier,
consumed, lost or retired are not ours to use: they count neither way, so a unit sold before the period
is *Sold*, not *Always out* at 100%.
"""

from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import lifecycle

BUCKETS = {
	lifecycle.IN_STOCK: "in_stock",
	lifecycle.RESERVED: "in_stock",
	lifecycle.ON_LOAN: "on_loan",
	lifecycle.IN_REPAIR: "in_repair",
	lifecycle.DELIVERED: "sold",
}
DAYS = ("in_stock", "on_loan", "in_repair", "sold", "other")
OWNED = ("in_stock", "on_loan", "in_repair")
NEVER_MOVES, ALWAYS_OUT, SOLD = _("Never moves"), _("Always out"), _("Sold")
ALWAYS = 0.9  # on loan this share of the days it was ours: always out


def buckets(spent: dict[str, float]) -> dict[str, float]:
	"""Days per status (``profit.status_days``) as days in stock, on loan, in repair, sold, other."""
	days = dict.fromkeys(DAYS, 0.0)
	for status, spent_days in spent.items():
		days[BUCKETS.get(status, "other")] += spent_days
	return days


def percent(days: dict[str, float]) -> float | None:
	"""On-loan days as a share of the days the unit was ours (None: it never was, in the period)."""
	owned = sum(days[key] for key in OWNED)
	return round(days["on_loan"] * 100 / owned, 2) if owned > 1e-9 else None


def pattern(days: dict[str, float]) -> str:
	"""Never moves (in stock all the days it was ours), Always out (on loan at least 90% of them), Sold
	(never ours in the period, sold before it), else nothing to say."""
	owned = sum(days[key] for key in OWNED)
	if owned <= 1e-9:
		return SOLD if days["sold"] > 0 else ""
	if days["in_stock"] >= owned - 1e-9:
		return NEVER_MOVES
	return ALWAYS_OUT if days["on_loan"] >= ALWAYS * owned else ""
