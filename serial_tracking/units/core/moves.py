"""What a stock voucher does with a unit, in one line: takes it out of a warehouse, brings it into one, or
counts it in one (a Stock Reconciliation finds a unit where it says)."""

from dataclasses import dataclass

OUT, IN, COUNT = "out", "in", "count"
NOWHERE = None  # the unit is in no warehouse (delivered, consumed, never received)


@dataclass(frozen=True)
class Move:
	"""One unit in one line of a voucher: ``direction`` OUT of / IN to / COUNT in ``warehouse``;
	``doing``: a sale or an issue (the unit must be available), else None."""

	serial: str
	direction: str
	warehouse: str | None
	doing: str | None = None
