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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.series.core import series_rules
from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core.rows import WARNING, Row
from serial_tracking.units.core import lifecycle

# Modes
ADD = "Add New Units"
UPDATE = "Update Units"
ADD_AND_UPDATE = "Add and Update"
MODES = (ADD, UPDATE, ADD_AND_UPDATE)

# An import's statuses: saved (Draft), its file read and every row judged (Checked), importing in the
# background, imported, cancelled.
DRAFT = "Draft"
CHECKED = "Checked"
QUEUED = "Importing"
IMPORTED = "Imported"
CANCELLED = "Cancelled"
STATUSES = (DRAFT, CHECKED, QUEUED, IMPORTED, CANCELLED)

# Verdicts
NEW = "New"
CHANGE = "Update"
UNCHANGED = "Unchanged"
SKIPPED = "Skipped"
ERROR = "Error"
VERDICTS = (NEW, CHANGE, UNCHANGED, SKIPPED, ERROR)
VERDICT_COLOURS = {NEW: "green", CHANGE: "blue", UNCHANGED: "gray", SKIPPED: "orange", ERROR: "red"}

# What an update may change on a unit on hand (the row's attribute and the Serial No's field)
UPDATABLE = {
	"condition": "st_condition",
	"maker_serial": "st_maker_serial",
	"warranty_expiry": "st_vendor_warranty_expiry",
}


@dataclass(frozen=True)
class ItemFacts:
	item_code: str
	serialized: bool = True
	stock_item: bool = True
	batched: bool = False
	disabled: bool = False
	generates: bool = False  # blank serials are generated (by the app's series or ERPNext's)
	template: str | None = None  # the app's series template, when typed serials must fit it
	series_only: bool = False


@dataclass(frozen=True)
class UnitFacts:
	"""An existing unit as the books hold it now."""

	serial: str
	item_code: str
	company: str | None = None
	warehouse: str | None = None
	status: str | None = None
	condition: str | None = None
	maker_serial: str | None = None
	warranty_expiry: date | None = None
	custodian_type: str | None = None
	custodian: str | None = None
	imported_by: str | None = None  # the Unit Import that brought it in, if one did

	@property
	def on_hand(self) -> bool:
		return bool(self.warehouse) and self.status in lifecycle.ON_HAND


@dataclass
class Verdict:
	verdict: str
	changes: dict[str, tuple] = field(default_factory=dict)  # attribute -> (before, after)
	unit: str | None = None  # the existing unit the row names


def judge(
	rows: list[Row],
	*,
	mode: str,
	company: str,
	items: Mapping[str, ItemFacts],
	units: Mapping[str, UnitFacts],
	makers_on_hand: Mapping[tuple[str, str], str],
) -> list[Verdict]:
	"""A verdict per row (``units``: existing units by upper-cased serial; ``makers_on_hand``: the unit
	on hand carrying each (item, upper-cased maker serial)); the rows' problems say why."""
	repeats = across_rows(rows)
	verdicts = []
	for row in rows:
		if row.number in repeats:
			verdicts.append(Verdict(SKIPPED))
			continue
		verdicts.append(one(row, mode, company, items, units, makers_on_hand))
	return verdicts


def across_rows(rows: list[Row]) -> set[int]:
	"""Rules between rows: fail each row of a serial given twice unless the rows say the same (then the
	repeats are skipped), and each row of a maker serial given to two units of one item. Returns the
	line numbers of the skipped repeats."""
	by_serial: dict[str, list[Row]] = defaultdict(list)
	for row in rows:
		if row.serial:
			by_serial[row.serial.upper()].append(row)
	repeats = set()
	for same in by_serial.values():
		if len(same) < 2:
			continue
		first, *others = same
		lines = tuple(r.number for r in same)
		if len({r.place for r in same}) > 1:
			places = tuple(f"{r.number}: {' / '.join(p for p in r.place if p) or '-'}" for r in same)
			for r in same:
				r.fail(
					_("Serial {serial} is in two places in the file: rows {places}."),
					serial=first.serial,
					places=places,
				)
		elif any(key(r) != key(first) for r in others):
			for r in same:
				r.fail(
					_("Serial {serial} is on rows {rows} with different values: keep one."),
					serial=first.serial,
					rows=lines,
				)
		else:
			for r in others:
				r.warn(_("A repeat of row {row}: skipped."), row=first.number)
				repeats.add(r.number)
	by_maker: dict[tuple[str, str], list[Row]] = defaultdict(list)
	for row in rows:
		if row.maker_serial and row.item and row.number not in repeats:
			by_maker[(row.item, row.maker_serial.upper())].append(row)
	for (item, _maker), same in by_maker.items():
		if len({(r.serial or f"#{r.number}").upper() for r in same}) > 1:
			for r in same:
				r.fail(
					_("Maker serial {maker} of {item} is on rows {rows}: one maker serial is one unit."),
					maker=r.maker_serial,
					item=item,
					rows=tuple(x.number for x in same),
				)
	return repeats


def key(row: Row) -> tuple:
	return tuple(
		getattr(row, a)
		for a in (
			"item",
			"warehouse",
			"maker_serial",
			"status",
			"condition",
			"cost",
			"purchase_date",
			"warranty_expiry",
			"supplier",
			"custodian_type",
			"custodian",
			"due_date",
		)
	)


def one(row, mode, company, items, units, makers_on_hand) -> Verdict:
	unit = units.get(row.serial.upper()) if row.serial else None
	if not row.serial and row.maker_serial and row.item:  # a unit without our serial: known by its maker's
		holder = makers_on_hand.get((row.item, row.maker_serial.upper()))
		unit = units.get(holder.upper()) if holder else None
	if row.failed:
		return Verdict(ERROR, unit=unit and unit.serial)
	if unit:
		verdict = existing(row, unit, mode, company, makers_on_hand)
	elif mode == UPDATE:
		if row.serial:
			row.fail(_("No unit has serial {serial}: Add and Update adds it."), serial=row.serial)
		else:
			row.fail(_("An update names each unit by its serial: the row has none."))
		verdict = Verdict(ERROR)
	else:
		verdict = new(row, items, makers_on_hand, unit=None)
	return Verdict(ERROR, unit=verdict.unit) if row.failed else verdict


def existing(row: Row, unit: UnitFacts, mode: str, company: str, makers_on_hand) -> Verdict:
	if row.item and row.item != unit.item_code:
		row.fail(
			_("Serial {serial} belongs to item {other}, not {item}: one serial is one unit of one item."),
			serial=row.serial,
			other=unit.item_code,
			item=row.item,
		)
		return Verdict(ERROR, unit=unit.serial)
	row.item = unit.item_code
	if not unit.on_hand:
		if unit.status == lifecycle.LOST:
			row.fail(
				_("Unit {serial} is Lost: Mark Found brings it back where it was lost."), serial=unit.serial
			)
			return Verdict(ERROR, unit=unit.serial)
		if mode == UPDATE:
			row.fail(
				_("Unit {serial} is {status}, not on hand: an update changes units on hand only."),
				serial=unit.serial,
				status=Term(unit.status or lifecycle.NOT_RECEIVED),
			)
			return Verdict(ERROR, unit=unit.serial)
		return new(row, {}, makers_on_hand, unit=unit)
	if unit.company and unit.company != company:
		row.fail(_("Unit {serial} is on hand in company {other}."), serial=unit.serial, other=unit.company)
		return Verdict(ERROR, unit=unit.serial)
	if not in_its_place(row, unit):
		return Verdict(ERROR, unit=unit.serial)
	changes = {
		attribute: (getattr(unit, attribute), getattr(row, attribute))
		for attribute in UPDATABLE
		if getattr(row, attribute) is not None and not same(getattr(unit, attribute), getattr(row, attribute))
	}
	if "maker_serial" in changes:
		holder = makers_on_hand.get((unit.item_code, row.maker_serial.upper()))
		if holder and holder.upper() != unit.serial.upper():
			row.fail(
				_("Maker serial {maker} of {item} is already on hand as unit {other}."),
				maker=row.maker_serial,
				item=unit.item_code,
				other=holder,
			)
			return Verdict(ERROR, unit=unit.serial)
	if not changes:
		if unit.imported_by:
			row.warn(_("Already imported by {name}."), name=unit.imported_by)
		return Verdict(UNCHANGED, unit=unit.serial)
	if mode == ADD:
		row.warn(
			_("Unit {serial} is on hand, and the row would change its {fields}: Add and Update changes it."),
			serial=unit.serial,
			fields=tuple(Term(FIELD_LABELS[a]) for a in changes),
		)
		return Verdict(SKIPPED, unit=unit.serial)
	return Verdict(CHANGE, changes, unit=unit.serial)


FIELD_LABELS = {
	"condition": c.CONDITION,
	"maker_serial": c.MAKER_SERIAL,
	"warranty_expiry": c.WARRANTY_EXPIRY,
}


def same(before, after) -> bool:
	if isinstance(before, str) and isinstance(after, str):
		return before.strip().upper() == after.strip().upper() if before and after else before == after
	return before == after


def in_its_place(row: Row, unit: UnitFacts) -> bool:
	"""An import moves no unit: the row's warehouse, status and custodian (those it gives) are the
	books'; otherwise the row fails, naming where the books have the unit."""
	if row.warehouse and row.warehouse != unit.warehouse:
		row.fail(
			_(
				"Unit {serial} is in {books} by the books, and the file puts it in {file}. An import moves no unit: transfer it, or count the warehouse."
			),
			serial=unit.serial,
			books=unit.warehouse,
			file=row.warehouse,
		)
		return False
	gives_status = c.STATUS in row.given or c.CUSTODIAN in row.given
	if gives_status and row.status != unit.status:
		row.fail(
			_(
				"Unit {serial} is {books} by the books, and the file says {file}: the unit's actions change that."
			),
			serial=unit.serial,
			books=Term(unit.status),
			file=Term(row.status),
		)
		return False
	if row.status == lifecycle.ON_LOAN and row.custodian and row.custodian != unit.custodian:
		row.fail(
			_(
				"Unit {serial} is on loan to {books} by the books, and the file says {file}: check it in and out again for that."
			),
			serial=unit.serial,
			books=unit.custodian or "-",
			file=row.custodian,
		)
		return False
	return True


def new(row: Row, items: Mapping[str, ItemFacts], makers_on_hand, *, unit: UnitFacts | None) -> Verdict:
	"""A unit that comes into stock: its item takes serialized units, its serial fits the item's series
	(or is generated), its maker serial is not on another unit on hand, and it goes to a warehouse."""
	item = items.get(row.item) if row.item else None
	if not row.item:
		row.fail(_("Give the item of serial {serial}."), serial=row.serial)
	elif unit is None and item is None:
		row.fail(_("No item is called {value}."), value=row.item)
	if not row.warehouse:
		row.fail(_("Give the warehouse the unit is in."))
	if item:
		refuse_item(row, item)
	if row.maker_serial and row.item:
		holder = makers_on_hand.get((row.item, row.maker_serial.upper()))
		if holder and (not row.serial or holder.upper() != row.serial.upper()):
			row.fail(
				_("Maker serial {maker} of {item} is already on hand as unit {other}."),
				maker=row.maker_serial,
				item=row.item,
				other=holder,
			)
	if row.cost is None and not row.failed:
		row.warn(_("No cost: the unit comes into stock at zero value."))
	if unit and not row.failed:
		row.warn(
			_("Unit {serial} was {status}: it comes back into stock, as a new episode of its history."),
			serial=unit.serial,
			status=Term(unit.status or lifecycle.NOT_RECEIVED),
		)
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
