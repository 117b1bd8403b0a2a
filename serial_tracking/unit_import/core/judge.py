"""What each row of an import does, judged against the other rows and the units the books hold.

A row names its unit by serial or, without one, by its maker serial (a unit of that item on hand with it
is that unit). A row is **New** (a unit comes into stock), an **Update** of a unit on hand (its condition, maker serial
or vendor warranty), **Unchanged** (the unit is on hand as the row says: a file imported again, or an
export of the app read back), **Skipped** (a repeat of an earlier row; in *Add* mode, a unit on hand that
the row would change) or an **Error**, which says why.

Rules across rows: a serial once per file (an exact repeat is skipped; the same unit in two places, or
with other values, is an error on each of its rows); a maker serial once per item. Against the books: a
serial belongs to one item; an import never moves a unit, so a unit on hand elsewhere, or in another
status or with another custodian, is an error naming both places; a unit the shop no longer has comes
back in as a new episode, except a lost one (Mark Found brings it back where it was lost).
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _
from serial_tracking.series.core import series_rules
from serial_tracking.unit_import.core import changes
from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core.rows import WARNING, Row
from serial_tracking.unit_import.core.vocabulary import (  # noqa: F401 -- the words, named here too
	ADD,
	ADD_AND_UPDATE,
	ATTRIBUTE,
	CANCELLED,
	CHANGE,
	CHECKED,
	DRAFT,
	ERROR,
	FIELD_LABELS,
	IMPORTED,
	INTERRUPTED,
	LOAN,
	MODES,
	NEW,
	POST_ON,
	QUEUED,
	SKIPPED,
	STATUSES,
	UNCHANGED,
	UPDATABLE,
	UPDATE,
	VERDICT_COLOURS,
	VERDICTS,
	ItemFacts,
	UnitFacts,
	Verdict,
	label_of,
)
from serial_tracking.units.core import lifecycle


def judge(
	rows: list[Row],
	*,
	mode: str,
	company: str,
	items: Mapping[str, ItemFacts],
	units: Mapping[str, UnitFacts],
	makers_on_hand: Mapping[tuple[str, str], str],
	warehouse: str | None = None,
) -> list[Verdict]:
	"""A verdict per row (``units``: existing units by upper-cased serial; ``makers_on_hand``: the unit
	on hand carrying each (item, upper-cased maker serial); ``warehouse``: where a new unit whose row gives
	none comes in); the rows' problems say why."""
	return judge_part(
		rows,
		Crossing.of(lambda: rows),
		mode=mode,
		company=company,
		items=items,
		units=units,
		makers_on_hand=makers_on_hand,
		warehouse=warehouse,
	)


def judge_part(rows: Iterable[Row], crossing: "Crossing", **facts) -> list[Verdict]:
	"""The verdicts of some of a file's rows, once ``crossing`` has noted every row of the file (a file
	too large to hold is judged in parts: read once to learn the rules between its rows, then again)."""
	verdicts = []
	for row in rows:
		if crossing.apply(row):
			verdicts.append(Verdict(SKIPPED))
			continue
		verdicts.append(one(row, **facts))
	return verdicts


class Crossing:
	"""The rules between rows: a serial once per file (the rows of a serial given twice fail unless they say
	the same: then the repeats are skipped), a maker serial once per item.

	A file too large to hold is read for them twice. First :meth:`note` keeps a hash per serial and maker
	serial (the common case, no serial twice, ends there); when hashes repeat (:meth:`suspects`),
	:meth:`learn` reads every row again and keeps what the messages of those sharing one need; then
	:meth:`settle`, and each row, read again to be judged, gets its part from :meth:`apply`."""

	@classmethod
	def of(cls, read: Callable[[], Iterable[Row]]) -> "Crossing":
		"""The rules between the rows ``read()`` gives (called once, twice when hashes repeat)."""
		crossing = cls()
		for row in read():
			crossing.note(row)
		if crossing.suspects():
			for row in read():
				crossing.learn(row)
		crossing.settle()
		return crossing

	def __init__(self) -> None:
		self.seen: set[int] = set()
		self.twice: set[int] = set()
		self.by_serial: dict[str, list[tuple]] = {}
		self.by_maker: dict[tuple[str, str], list[tuple[int, str]]] = {}
		self.problems: dict[int, list[tuple]] = {}
		self.repeats: dict[int, int] = {}

	@staticmethod
	def hashes(row: Row) -> list[int]:
		found = []
		if row.serial:
			found.append(hash(("serial", row.serial.upper())))
		if row.maker_serial and row.item:
			found.append(hash(("maker", row.item, row.maker_serial.upper())))
		return found

	def note(self, row: Row) -> None:
		for key_hash in self.hashes(row):
			(self.twice if key_hash in self.seen else self.seen).add(key_hash)

	def suspects(self) -> bool:
		"""Whether rows may share a serial or maker serial (then every row goes to :meth:`learn`)."""
		self.seen = set()
		return bool(self.twice)

	def learn(self, row: Row) -> None:
		"""What a row that shares a hash with another says (other rows are passed over)."""
		if not any(key_hash in self.twice for key_hash in self.hashes(row)):
			return
		if row.serial:
			said = hashlib.blake2b(repr(key(row)).encode(), digest_size=12).digest()
			self.by_serial.setdefault(row.serial.upper(), []).append(
				(row.number, row.serial, row.place, said)
			)
		if row.maker_serial and row.item:
			self.by_maker.setdefault((row.item, row.maker_serial.upper()), []).append(
				(row.number, (row.serial or f"#{row.number}").upper())
			)

	def settle(self) -> None:
		for same in self.by_serial.values():
			if len(same) < 2:
				continue
			(first, serial, _place, said), *others = same
			lines = tuple(number for number, *_rest in same)
			if len({place for _n, _s, place, _d in same}) > 1:
				places = tuple(
					f"{n}: {' / '.join(p for p in place if p) or '-'}" for n, _s, place, _d in same
				)
				self.fail(
					lines,
					_("Serial {serial} is in two places in the file: rows {places}."),
					serial=serial,
					places=places,
				)
			elif any(other[3] != said for other in others):
				self.fail(
					lines,
					_("Serial {serial} is on rows {rows} with different values: keep one."),
					serial=serial,
					rows=lines,
				)
			else:
				for number, *_rest in others:
					self.repeats[number] = first
		self.by_serial = {}
		for (item, _maker), same in self.by_maker.items():
			same = [(number, unit) for number, unit in same if number not in self.repeats]
			if len({unit for _n, unit in same}) > 1:
				lines = tuple(number for number, _u in same)
				self.fail(
					lines,
					_("Maker serial {maker} of {item} is on rows {rows}: one maker serial is one unit."),
					item=item,
					rows=lines,
					maker=None,  # each row's own, as it writes it
				)
		self.by_maker = {}

	def fail(self, lines: tuple[int, ...], message: str, **params) -> None:
		for number in lines:
			self.problems.setdefault(number, []).append((message, params))

	def apply(self, row: Row) -> bool:
		"""The row's problems with the other rows; True: it repeats an earlier row and is skipped."""
		for message, params in self.problems.get(row.number, ()):
			row.fail(message, **{**params, "maker": row.maker_serial} if "maker" in params else params)
		if row.number in self.repeats:
			row.warn(_("A repeat of row {row}: skipped."), row=self.repeats[row.number])
			return True
		return False


def key(row: Row) -> tuple:
	"""What a row says of its unit (repeats say the same)."""
	said = {name: value for name, value in vars(row).items() if name not in ("number", "given", "problems")}
	return tuple({**said, "serial": (row.serial or "").upper()}.values())


def one(row, mode, company, items, units, makers_on_hand, warehouse=None) -> Verdict:
	unit = units.get(row.serial.upper()) if row.serial else None
	if not row.serial and row.maker_serial and row.item:  # a unit without our serial: known by its maker's
		holder = makers_on_hand.get((row.item, row.maker_serial.upper()))
		unit = units.get(holder.upper()) if holder else None
	if row.failed:
		return Verdict(ERROR, unit=unit and unit.serial)
	if unit:
		verdict = changes.existing(
			row,
			unit,
			mode,
			company,
			makers_on_hand,
			lambda r, u: new(r, items, makers_on_hand, unit=u, warehouse=warehouse),
		)
	elif mode == UPDATE:
		if row.serial:
			row.fail(_("No unit has serial {serial}: Add and Update adds it."), c.SERIAL, serial=row.serial)
		else:
			row.fail(
				_("An update names each unit by its serial or maker serial: no unit has those of this row.")
			)
		verdict = Verdict(ERROR)
	else:
		verdict = new(row, items, makers_on_hand, unit=None, warehouse=warehouse)
	return Verdict(ERROR, unit=verdict.unit) if row.failed else verdict


def new(
	row: Row,
	items: Mapping[str, ItemFacts],
	makers_on_hand,
	*,
	unit: UnitFacts | None,
	warehouse: str | None = None,
) -> Verdict:
	"""A unit that comes in: its item takes serialized units, its serial fits the item's series (or is
	generated), its maker serial is not on another unit on hand, and it goes to a warehouse (a unit of
	the installed base too: it is delivered from there)."""
	item = items.get(row.item) if row.item else None
	row.warehouse = row.warehouse or warehouse
	if not row.item:
		row.fail(_("Give the item of serial {serial}."), c.ITEM, serial=row.serial)
	elif unit is None and item is None:
		row.fail(_("No item is called {value}."), c.ITEM, value=row.item)
	if not row.warehouse:
		row.fail(_("Give the warehouse the unit is in (or comes from, when it was sold)."), c.WAREHOUSE)
	if item:
		refuse_item(row, item)
	if row.maker_serial and row.item:
		holder = makers_on_hand.get((row.item, row.maker_serial.upper()))
		if holder and (not row.serial or holder.upper() != row.serial.upper()):
			row.fail(
				_("Maker serial {maker} of {item} is already on hand as unit {other}."),
				c.MAKER_SERIAL,
				maker=row.maker_serial,
				item=row.item,
				other=holder,
			)
	if row.status == lifecycle.DELIVERED and row.cost and not row.failed:
		row.warn(
			_("A unit sold before these books comes in and goes out at zero value: its cost is not booked."),
			c.COST,
		)
	elif row.cost is None and row.status != lifecycle.DELIVERED and not row.failed:
		row.warn(_("No cost: the unit comes into stock at zero value."), c.COST)
	return Verdict(ERROR if row.failed else NEW, unit=unit and unit.serial)


def refuse_item(row: Row, item: ItemFacts) -> None:
	if item.disabled:
		row.fail(_("Item {item} is disabled."), item=item.item_code)
	elif not item.stock_item:
		row.fail(_("Item {item} is not a stock item."), item=item.item_code)
	elif not item.serialized:
		row.fail(
			_(
				"Item {item} is tracked by quantity: switch it to Serialized (Change Tracking Mode) to import its units."
			),
			item=item.item_code,
		)
	elif item.batched:
		row.fail(_("Item {item} is batch-tracked: a unit import brings no batches in."), item=item.item_code)
	elif not row.serial and not item.generates:
		row.fail(
			_("Give the serial of this unit of {item}: its serials are not generated."), item=item.item_code
		)
	elif row.serial and item.template:
		try:
			series_rules.check_entered(
				series_rules.parse(item.template), row.serial, from_series_only=item.series_only
			)
		except RuleError as error:
			row.fail(error.message, **error.params)


def counts(verdicts: Iterable[Verdict]) -> dict[str, int]:
	totals = dict.fromkeys(VERDICTS, 0)
	for verdict in verdicts:
		totals[verdict.verdict] += 1
	return totals


def warnings(row: Row) -> list:
	return [p for p in row.problems if p.severity == WARNING]
