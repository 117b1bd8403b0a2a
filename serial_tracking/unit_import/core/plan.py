"""How the new units of an import come into stock: one Material Receipt per supplier (the units' events
name it, so a recall from that supplier finds them), a line per item, warehouse and cost, typed serials
and generated ones on lines of their own, at most :data:`LINE` units a line."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from serial_tracking.unit_import.core.rows import Row

LINE = 400  # ERPNext 16 cannot submit a line of 1,000 typed serials (see README, Benchmarks)


@dataclass
class Line:
	item_code: str
	warehouse: str
	rate: Decimal
	generated: bool  # the serials are blank: the item's series gives them, in the order of the rows
	rows: list[Row] = field(default_factory=list)

	@property
	def serials(self) -> list[str]:
		return [row.serial for row in self.rows if row.serial]

	@property
	def makers(self) -> list[str]:
		"""One per unit, or none (a line whose units carry some but not all is split by :func:`lines`)."""
		return [row.maker_serial for row in self.rows] if self.rows[0].maker_serial else []


def receipts(rows: list[Row]) -> dict[str | None, list[Line]]:
	"""The lines of each supplier's receipt (None: units without a supplier), in the rows' order."""
	by_supplier: dict[str | None, list[Row]] = defaultdict(list)
	for row in rows:
		by_supplier[row.supplier].append(row)
	return {supplier: lines(group) for supplier, group in by_supplier.items()}


def lines(rows: list[Row]) -> list[Line]:
	grouped: dict[tuple, list[Row]] = defaultdict(list)
	for row in rows:
		rate = row.cost if row.cost is not None else Decimal(0)
		grouped[(row.item, row.warehouse, rate, not row.serial, bool(row.maker_serial))].append(row)
	out = []
	for (item, warehouse, rate, generated, _makers), group in grouped.items():
		for start in range(0, len(group), LINE):
			out.append(Line(item, warehouse, rate, generated, group[start : start + LINE]))
	return out
