"""A file's rows read into units: each value parsed, the row's own rules checked, its problems noted.

A row's problems are errors (the row cannot be imported) or warnings (it can, and the preview says what
to know). Nothing here asks the books: :mod:`~serial_tracking.unit_import.core.judge` compares the rows
with each other and with the units that exist.
"""

import calendar
import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core import values as v
from serial_tracking.units.core import lifecycle

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
	severity: str
	message: str  # untranslated, with {placeholders}
	params: Mapping = field(default_factory=dict)


@dataclass
class Row:
	"""One unit as a row of the file gives it; names (item, warehouse, supplier, custodian) are the
	file's text until :func:`resolve` turns them into the records they name."""

	number: int  # the row's line in the file (the header is line 1)
	serial: str | None = None
	item: str | None = None
	warehouse: str | None = None
	maker_serial: str | None = None
	status: str | None = None
	condition: str | None = None
	cost: Decimal | None = None
	purchase_date: date | None = None
	warranty_expiry: date | None = None
	supplier: str | None = None
	custodian_type: str | None = None
	custodian: str | None = None
	due_date: date | None = None
	given: frozenset = frozenset()  # the fields the row gives a value for
	problems: list[Problem] = field(default_factory=list)

	def fail(self, message: str, **params) -> None:
		self.problems.append(Problem(ERROR, message, params))

	def warn(self, message: str, **params) -> None:
		self.problems.append(Problem(WARNING, message, params))

	@property
	def failed(self) -> bool:
		return any(p.severity == ERROR for p in self.problems)

	@property
	def place(self) -> tuple:
		"""Where the row says the unit is: its warehouse and, on loan, with whom."""
		return (self.warehouse, self.custodian if self.status == lifecycle.ON_LOAN else None)


# --- the file --------------------------------------------------------------------------------------

DELIMITERS = (",", ";", "\t", "|")


def read_csv(data: bytes | str) -> list[list[str]]:
	"""The cells of a CSV file: UTF-8 (with or without a byte order mark) or Windows-1252, separated by
	commas, semicolons, tabs or bars (the one the header line uses most)."""
	if isinstance(data, bytes):
		try:
			text = data.decode("utf-8-sig")
		except UnicodeDecodeError:
			text = data.decode("cp1252", errors="replace")
	else:
		text = data.lstrip("\ufeff")
	first = next((line for line in text.splitlines() if line.strip()), "")
	delimiter = max(DELIMITERS, key=first.count)
	return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def split(table: Sequence[Sequence]) -> tuple[list[str], list[tuple[int, list[str]]]]:
	"""The header (the first row that is not blank) and the rows under it with their line numbers,
	blank rows left out."""
	lines = [
		(number, ["" if cell is None else str(cell).strip() for cell in row])
		for number, row in enumerate(table, 1)
	]
	lines = [(number, cells) for number, cells in lines if any(cells)]
	if not lines:
		return [], []
	(_number, header), *body = lines
	return header, body


def fingerprint(header: Sequence[str], body: Iterable[tuple[int, Sequence[str]]]) -> str:
	"""What a file says, whatever its format, line endings or blank lines: a re-run of the same file is
	recognised by it."""
	content = [list(header), *([list(cells) for _number, cells in body])]
	return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Reading:
	"""How to read the file's values: its date order and decimal mark (None: detect), and more names of
	statuses and conditions (their labels in the user's language)."""

	date_order: str | None = None
	decimal: str | None = None
	statuses: Mapping[str, Iterable[str]] = field(default_factory=dict)
	conditions: Mapping[str, Iterable[str]] = field(default_factory=dict)
	custodian_types: Mapping[str, Iterable[str]] = field(default_factory=dict)


def detect(body: Sequence[tuple[int, Sequence[str]]], mapped: Mapping[str, int], reading: Reading) -> Reading:
	"""``reading`` with the date order and decimal mark the file's own values show where not given."""

	def column(name):
		index = mapped.get(name)
		return [cells[index] for _n, cells in body if index is not None and index < len(cells)]

	order = reading.date_order or v.detect_order(value for name in c.DATES for value in column(name))
	decimal = reading.decimal or v.detect_decimal(column(c.COST))
	return Reading(order, decimal, reading.statuses, reading.conditions, reading.custodian_types)


def read(body: Sequence[tuple[int, Sequence[str]]], mapped: Mapping[str, int], reading: Reading) -> list[Row]:
	"""The rows as units, each value parsed (a value that cannot be read is the row's error)."""
	return [read_row(number, cells, mapped, reading) for number, cells in body]


def read_row(number: int, cells: Sequence[str], mapped: Mapping[str, int], reading: Reading) -> Row:
	def text(name):
		index = mapped.get(name)
		value = cells[index] if index is not None and index < len(cells) else ""
		return value.strip() or None

	row = Row(number, given=frozenset(name for name in mapped if text(name)))
	for name, attribute in ((c.ITEM, "item"), (c.WAREHOUSE, "warehouse"), (c.SUPPLIER, "supplier")):
		setattr(row, attribute, text(name))
	row.custodian = text(c.CUSTODIAN)
	months = None
	parsers = {
		c.SERIAL: ("serial", lambda t: v.clean_serial(t)),
		c.MAKER_SERIAL: ("maker_serial", lambda t: v.clean_serial(t)),
		c.STATUS: ("status", lambda t: v.parse_status(t, reading.statuses)),
		c.CONDITION: ("condition", lambda t: v.parse_word(t, lifecycle.CONDITIONS, reading.conditions)),
		c.CUSTODIAN_TYPE: (
			"custodian_type",
			lambda t: v.parse_word(t, lifecycle.CUSTODIAN_TYPES, reading.custodian_types),
		),
		c.COST: ("cost", lambda t: v.parse_cost(t, reading.decimal)),
		c.PURCHASE_DATE: ("purchase_date", lambda t: v.parse_date(t, reading.date_order)),
		c.WARRANTY_EXPIRY: ("warranty_expiry", lambda t: v.parse_date(t, reading.date_order)),
		c.DUE_DATE: ("due_date", lambda t: v.parse_date(t, reading.date_order)),
	}
	for name, (attribute, parse) in parsers.items():
		try:
			setattr(row, attribute, parse(text(name)))
		except v.ValueProblem as problem:
			row.fail(problem.message, **problem.params)
	try:
		months = v.parse_months(text(c.WARRANTY_MONTHS))
	except v.ValueProblem as problem:
		row.fail(problem.message, **problem.params)
	if months is not None and row.warranty_expiry is None:
		if row.purchase_date:
			row.warranty_expiry = add_months(row.purchase_date, months)
		else:
			row.fail(_("A warranty of {months} months needs the purchase date it runs from."), months=months)
	if row.status is None and row.custodian and c.STATUS not in row.given:
		row.status = lifecycle.ON_LOAN
	if row.status is None:
		row.status = lifecycle.IN_STOCK
	if row.status == lifecycle.ON_LOAN and (not row.custodian or not row.due_date):
		row.fail(_("A unit on loan needs its custodian and the date it is due back."))
	elif row.status != lifecycle.ON_LOAN and row.custodian:
		row.fail(
			_("The row names custodian {custodian} but the unit is {status}: only a unit on loan has one."),
			custodian=row.custodian,
			status=Term(row.status),
		)
	if not row.serial and not row.item:
		row.fail(_("The row gives neither a serial nor an item."))
	return row


def add_months(day: date, months: int) -> date:
	"""``day`` ``months`` later (the month's last day when it has no such day)."""
	month = day.month - 1 + months
	year, month = day.year + month // 12, month % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_dates(row: Row, *, posting: date, today: date) -> None:
	"""The row's dates in their order: bought on or before it comes into stock here (and not after
	today), a warranty that ends after the purchase, a loan due after it."""
	bought = row.purchase_date
	if bought and bought > today:
		row.fail(_("The purchase date {date} is in the future."), date=bought)
	elif bought and bought > posting:
		row.fail(
			_(
				"The purchase date {date} is after the import's posting date {posting}: a unit comes into stock after it was bought."
			),
			date=bought,
			posting=posting,
		)
	if bought and row.warranty_expiry and row.warranty_expiry < bought:
		row.fail(
			_("The vendor warranty ends on {end}, before the unit was bought on {date}."),
			end=row.warranty_expiry,
			date=bought,
		)
	if bought and row.due_date and row.due_date < bought:
		row.fail(
			_("The unit is due back on {due}, before it was bought on {date}."), due=row.due_date, date=bought
		)
	elif row.status == lifecycle.ON_LOAN and row.due_date and row.due_date < today:
		row.warn(_("The loan was due back on {due}: the unit comes in overdue."), due=row.due_date)


def resolve(row: Row, attribute: str, kind: str, found: Sequence[str]) -> None:
	"""Give the row the record its text names (``found``: the records that text matches), or the error
	that none or several do."""
	text = getattr(row, attribute)
	if not text:
		return
	if len(found) == 1:
		setattr(row, attribute, found[0])
		return
	setattr(row, attribute, None)
	if not found:
		row.fail(_("No {kind} is called {value}."), kind=Term(kind), value=text)
	else:
		row.fail(
			_("{value} could be any of these {kind} records: {found}. Give its ID."),
			value=text,
			kind=Term(kind),
			found=tuple(found[:5]),
		)
