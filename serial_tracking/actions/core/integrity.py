"""Drift between a unit's record (ERPNext's Serial No warehouse and status, the app's lifecycle status)
and what the stock ledger says, and what a repair sets.

Problems are codes; :data:`PROBLEMS` names them for people (translated where they are shown).
"""

from dataclasses import dataclass

from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import lifecycle

WAREHOUSE = "warehouse"
STATUS = "status"
LIFECYCLE = "lifecycle"
PROBLEMS = {
	WAREHOUSE: _("Warehouse differs from the ledger"),
	STATUS: _("ERPNext status differs from the ledger"),
	LIFECYCLE: _("Lifecycle status differs from the ledger"),
}

# Stock Entry purposes after which ERPNext calls a unit "Consumed" rather than "Delivered".
CONSUMING_PURPOSES = frozenset(
	("Manufacture", "Material Issue", "Repack", "Material Consumption for Manufacture")
)


@dataclass(frozen=True)
class Position:
	"""A unit's last live ledger movement."""

	warehouse: str
	actual_qty: float
	voucher_type: str
	voucher_no: str
	purpose: str | None = None  # of a Stock Entry


@dataclass(frozen=True)
class Expected:
	warehouse: str | None
	status: str
	lifecycle: str | None
	voucher_type: str | None = None
	voucher_no: str | None = None


@dataclass(frozen=True)
class Unit:
	warehouse: str | None
	status: str | None
	lifecycle: str | None


def expected(position: Position | None) -> Expected:
	"""What ERPNext itself sets after the unit's last movement (see its serial_batch_bundle.py)."""
	if not position:
		return Expected(None, "Inactive", None)
	where = {"voucher_type": position.voucher_type, "voucher_no": position.voucher_no}
	if position.actual_qty > 0:
		return Expected(position.warehouse, "Active", lifecycle.IN_STOCK, **where)
	if position.voucher_type == "Stock Entry" and position.purpose in CONSUMING_PURPOSES:
		return Expected(None, "Consumed", lifecycle.CONSUMED, **where)
	return Expected(None, "Delivered", lifecycle.DELIVERED, **where)


def worth_comparing(unit: Unit, position: Position | None) -> bool:
	"""A unit that never moved (or whose every movement was cancelled) and is not on hand by any
	record has nothing to compare."""
	return bool(position or unit.warehouse or unit.lifecycle in lifecycle.ON_HAND)


def problems(unit: Unit, should: Expected) -> frozenset[str]:
	found = set()
	if (unit.warehouse or None) != should.warehouse:
		found.add(WAREHOUSE)
	# ERPNext gives units out of stock one of several statuses; only "Active" contradicts the ledger.
	if (unit.status == "Active") != (should.status == "Active"):
		found.add(STATUS)
	if unit.lifecycle and (unit.lifecycle in lifecycle.ON_HAND) != bool(should.warehouse):
		found.add(LIFECYCLE)
	return frozenset(found)


def repaired(unit: Unit, should: Expected, found: frozenset[str]) -> Unit:
	"""The unit as a repair leaves it: each value that is a problem takes the ledger's, the others stay."""
	return Unit(
		should.warehouse,
		should.status if STATUS in found else unit.status,
		should.lifecycle if LIFECYCLE in found or not unit.lifecycle else unit.lifecycle,
	)
