"""Which units the till may sell: a unit on loan, in repair, missing, retired, a customer's unit in
service, or one reserved for somebody else is not offered, and a scan of it is refused with the reason."""

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle


class TillError(RuleError):
	title = _("Not available at the till")


REASONS = {
	lifecycle.ON_LOAN: _("Unit {serial} is on loan to {holder}: it cannot be sold until it is checked in."),
	lifecycle.IN_REPAIR: _("Unit {serial} is in repair: it cannot be sold until it is back from repair."),
	lifecycle.LOST: _("Unit {serial} is missing (marked lost, or not found by a count): it cannot be sold."),
	lifecycle.RETIRED: _("Unit {serial} is retired: it cannot be sold."),
	lifecycle.COLLAPSED: _(
		"Unit {serial} is no unit any more (its item is tracked by quantity): scan the item."
	),
	lifecycle.IN_SERVICE: _("Unit {serial} is a customer's unit in for service: it cannot be sold."),
}
RESERVED_FOR = _("Unit {serial} is reserved for {holder}: it cannot be sold to anyone else.")
RESERVED = _("Unit {serial} is reserved: unreserve it before it is sold.")
NOT_IN_STOCK = _("Unit {serial} is not in stock (it is {status}): it cannot be sold.")


def refusal(
	serial: str, status: str | None, *, holder: str | None = None, customer: str | None = None
) -> TillError | None:
	"""Why the till may not sell the unit (None: it may). ``holder``: who has it on loan, or whom it is
	reserved for; ``customer``: the invoice's customer, for whom a unit reserved to them is free."""
	if status in REASONS:
		return TillError(REASONS[status], serial=serial, holder=holder or "")
	if status == lifecycle.RESERVED:
		if holder and customer and holder == customer:
			return None
		if holder:
			return TillError(RESERVED_FOR, serial=serial, holder=holder)
		return TillError(RESERVED, serial=serial)
	if status not in (None, lifecycle.IN_STOCK):
		return TillError(NOT_IN_STOCK, serial=serial, status=Term(status))
	return None
