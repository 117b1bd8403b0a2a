"""How the new units of an import come in: Material Receipts by supplier and date (the units' events name
the supplier, so a recall from it finds them), a line per item, warehouse and cost, typed serials and
generated ones on lines of their own, at most :data:`LINE` units a line; the installed base then goes out
on Delivery Notes by customer and delivery date. Large imports go in parts of :data:`PART` units, each
whole in itself, so a part that fails, or a worker that dies, leaves the parts before it imported."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from serial_tracking.unit_import.core.rows import Row
from serial_tracking.units.core import lifecycle

LINE = 400  # ERPNext 16 cannot submit a line of 1,000 typed serials (see README, Benchmarks)
PART = 2000


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


def receipt_date(row: Row, *, posting: date, on_purchase_date: bool) -> date:
	"""When a unit comes in: the import's posting date, or its purchase date when so chosen; a unit of
	the installed base no later than it went out."""
	day = row.purchase_date if on_purchase_date and row.purchase_date else posting
	if row.status == lifecycle.DELIVERED:
		return min(day, row.delivery_date or posting)
	return day


def receipts(rows: list[Row], *, posting: date, on_purchase_date: bool = False) -> dict[tuple, list[Line]]:
	"""The lines of each receipt, by (supplier (None: none), the supplier's reference, date), in the
	rows' order."""
	by_receipt: dict[tuple, list[Row]] = defaultdict(list)
	for row in rows:
		day = receipt_date(row, posting=posting, on_purchase_date=on_purchase_date)
		by_receipt[(row.supplier, row.supplier_reference, day)].append(row)
	return {key: lines(group) for key, group in by_receipt.items()}


def deliveries(rows: list[Row], *, posting: date) -> dict[tuple, list[Line]]:
	"""The lines of each Delivery Note of the installed base, by (customer, delivery date)."""
	by_note: dict[tuple, list[Row]] = defaultdict(list)
	for row in rows:
		if row.status == lifecycle.DELIVERED:
			by_note[(row.customer, row.delivery_date or posting)].append(row)
	return {key: lines(group) for key, group in by_note.items()}


def lines(rows: list[Row]) -> list[Line]:
	grouped: dict[tuple, list[Row]] = defaultdict(list)
	for row in rows:
		sold = row.status == lifecycle.DELIVERED  # its cost was booked when it was sold, before these books
		rate = Decimal(0) if sold or row.cost is None else row.cost
		grouped[(row.item, row.warehouse, rate, not row.serial, bool(row.maker_serial))].append(row)
	out = []
	for (item, warehouse, rate, generated, _makers), group in grouped.items():
		for start in range(0, len(group), LINE):
			out.append(Line(item, warehouse, rate, generated, group[start : start + LINE]))
	return out


def parts(rows: list, size: int = PART) -> list[list]:
	return [rows[start : start + size] for start in range(0, len(rows), size)]
