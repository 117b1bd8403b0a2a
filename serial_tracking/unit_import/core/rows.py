"""A file's rows read into units: each value parsed, the row's own rules checked, its problems noted.

A row's problems are errors (the row cannot be imported) or warnings (it can, and the preview says what
to know). Nothing here asks the books: :mod:`~serial_tracking.unit_import.core.judge` compares the rows
with each other and with the units that exist.
"""

import calendar
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
	column: str | None = None  # the field of the column the problem is in (None: the row as a whole)


# Attributes of a row that are dates, and the fields they come from
DATE_FIELDS = {
	"purchase_date": c.PURCHASE_DATE,
	"warranty_expiry": c.WARRANTY_EXPIRY,
	"due_date": c.DUE_DATE,
	"delivery_date": c.DELIVERY_DATE,
	"customer_warranty_expiry": c.CUSTOMER_WARRANTY_EXPIRY,
	"amc_expiry": c.AMC_EXPIRY,
}
TEXT_FIELDS = {
	"item": c.ITEM,
	"warehouse": c.WAREHOUSE,
	"supplier": c.SUPPLIER,
	"supplier_reference": c.SUPPLIER_REFERENCE,
	"custodian": c.CUSTODIAN,
	"customer": c.CUSTOMER,
	"location_note": c.LOCATION_NOTE,
}


@dataclass
class Row:
	"""One unit as a row of the file gives it; names (item, warehouse, supplier, custodian, customer)
	are the file's text until :func:`resolve` turns them into the records they name."""

	number: int  # the row's line in the file (the header is line 1)
	serial: str | None = None
	item: str | None = None
	warehouse: str | None = None
	maker_serial: str | None = None
	status: str | None = None
	condition: str | None = None
	cost: Decimal | None = None
	purchase_date: date | None = None
	supplier: str | None = None
	supplier_reference: str | None = None
	warranty_expiry: date | None = None
	custodian_type: str | None = None
	custodian: str | None = None
	due_date: date | None = None
	customer: str | None = None
	delivery_date: date | None = None
	customer_warranty_expiry: date | None = None
	amc_expiry: date | None = None
	location_note: str | None = None
	attributes: dict = field(default_factory=dict)  # label -> the value the file gives a unit attribute
	given: frozenset = frozenset()  # the fields the row gives a value for
	problems: list[Problem] = field(default_factory=list)

	def fail(self, message: str, column: str | None = None, **params) -> None:
		self.problems.append(Problem(ERROR, message, params, column))

	def warn(self, message: str, column: str | None = None, **params) -> None:
		self.problems.append(Problem(WARNING, message, params, column))

	@property
	def failed(self) -> bool:
		return any(p.severity == ERROR for p in self.problems)

	@property
	def place(self) -> tuple:
		"""Where the row says the unit is: its warehouse and, on loan, with whom; sold, to whom."""
		holder = self.custodian if self.status == lifecycle.ON_LOAN else None
		return (self.warehouse, holder, self.customer if self.status == lifecycle.DELIVERED else None)


@dataclass(frozen=True)
class Reading:
	"""How to read the file's values: its date order and decimal mark (None: detect), and more names of
	statuses and conditions (their labels in the user's language)."""

	date_order: str | None = None
	decimal: str | None = None
	statuses: Mapping[str, Iterable[str]] = field(default_factory=dict)
	conditions: Mapping[str, Iterable[str]] = field(default_factory=dict)
	custodian_types: Mapping[str, Iterable[str]] = field(default_factory=dict)


class Detector:
	"""The date order and decimal mark the file's own values show, where the reading does not give them,
	learnt a line at a time."""

	def __init__(self, mapped: Mapping[str, int], reading: Reading) -> None:
		self.given = reading
		self.dates = [mapped[name] for name in c.DATES if mapped.get(name) is not None]
		self.cost = mapped.get(c.COST)
		self.order = v.DateOrder()
		self.decimal = v.DecimalMark()

	def see(self, cells: Sequence[str]) -> None:
		for index in self.dates:
			if index < len(cells):
				self.order.see(cells[index])
		if self.cost is not None and self.cost < len(cells):
			self.decimal.see(cells[self.cost])

	def reading(self) -> Reading:
		given = self.given
		order = given.date_order or self.order.order()
		decimal = given.decimal or self.decimal.mark()
		return Reading(order, decimal, given.statuses, given.conditions, given.custodian_types)


def read(
	body: Sequence[tuple[int, Sequence[str]]],
	mapped: Mapping[str, int],
	reading: Reading,
	attributes: Mapping[str, str] | None = None,
) -> list[Row]:
	"""The rows as units, each value parsed (a value that cannot be read is the row's error)."""
	return [read_row(number, cells, mapped, reading, attributes) for number, cells in body]


def read_row(
	number: int,
	cells: Sequence[str],
	mapped: Mapping[str, int],
	reading: Reading,
	attributes: Mapping[str, str] | None = None,
) -> Row:
	"""One row; ``attributes``: the unit attributes (label -> their kind: "Date", "Number" or "Text")."""

	def text(name):
		index = mapped.get(name)
		value = cells[index] if index is not None and index < len(cells) else ""
		return value.strip() or None

	row = Row(number, given=frozenset(name for name in mapped if text(name)))
	for attribute, name in TEXT_FIELDS.items():
		setattr(row, attribute, text(name))
	parsers = {
		c.SERIAL: ("serial", v.clean_serial),
		c.MAKER_SERIAL: ("maker_serial", v.clean_serial),
		c.STATUS: ("status", lambda t: v.parse_status(t, reading.statuses)),
		c.CONDITION: ("condition", lambda t: v.parse_word(t, lifecycle.CONDITIONS, reading.conditions)),
		c.CUSTODIAN_TYPE: (
			"custodian_type",
			lambda t: v.parse_word(t, lifecycle.CUSTODIAN_TYPES, reading.custodian_types),
		),
		c.COST: ("cost", lambda t: v.parse_cost(t, reading.decimal)),
		**{
			name: (attribute, lambda t: v.parse_date(t, reading.date_order))
			for attribute, name in DATE_FIELDS.items()
		},
	}
	for name, (attribute, parse) in parsers.items():
		try:
			setattr(row, attribute, parse(text(name)))
		except v.ValueProblem as problem:
			row.fail(problem.message, name, **problem.params)
	read_attributes(row, text, attributes or {}, reading)
	try:
		months = v.parse_months(text(c.WARRANTY_MONTHS))
	except v.ValueProblem as problem:
		months = None
		row.fail(problem.message, c.WARRANTY_MONTHS, **problem.params)
	if months is not None and row.warranty_expiry is None:
		if row.purchase_date:
			row.warranty_expiry = add_months(row.purchase_date, months)
		else:
			row.fail(
				_("A warranty of {months} months needs the purchase date it runs from."),
				c.WARRANTY_MONTHS,
				months=months,
			)
	check_status(row)
	if not row.serial and not row.item:
		row.fail(_("The row gives neither a serial nor an item."))
	return row


def read_attributes(row: Row, text, attributes: Mapping[str, str], reading: Reading) -> None:
	for label, kind in attributes.items():
		value = text(label)
		if value is None:
			continue
		try:
			if kind == "Date":
				value = v.parse_date(value, reading.date_order)
			elif kind == "Number":
				value = v.parse_cost(value, reading.decimal)  # any number the file writes; not below zero
		except v.ValueProblem as problem:
			row.fail(problem.message, label, **problem.params)
			continue
		row.attributes[label] = value


def check_status(row: Row) -> None:
	"""The status a row gives, or the one its holder implies (a custodian: on loan; a customer: sold),
	and the holder that status needs."""
	if row.status is None:
		row.status = (
			lifecycle.ON_LOAN
			if row.custodian
			else lifecycle.DELIVERED
			if row.customer
			else lifecycle.IN_STOCK
		)
	if row.status == lifecycle.ON_LOAN:
		if not row.custodian:
			row.fail(_("A unit on loan needs its custodian."), c.CUSTODIAN)
		elif not row.due_date:
			row.warn(_("No due date: the loan gets no reminder."), c.DUE_DATE)
	elif row.custodian:
		row.fail(
			_("The row names custodian {custodian} but the unit is {status}: only a unit on loan has one."),
			c.CUSTODIAN,
			custodian=row.custodian,
			status=Term(row.status),
		)
	if row.status == lifecycle.DELIVERED and not row.customer:
		row.fail(_("A delivered unit needs the customer it was sold to."), c.CUSTOMER)
	elif row.status != lifecycle.DELIVERED and (row.customer or row.delivery_date):
		row.fail(
			_(
				"The row names a customer or a delivery date but the unit is {status}: only a delivered unit has them."
			),
			c.CUSTOMER if row.customer else c.DELIVERY_DATE,
			status=Term(row.status),
		)


def add_months(day: date, months: int) -> date:
	"""``day`` ``months`` later (the month's last day when it has no such day)."""
	month = day.month - 1 + months
	year, month = day.year + month // 12, month % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_dates(row: Row, *, posting: date, today: date, on_purchase_date: bool = False) -> None:
	"""The row's dates in their order: bought not after today, nor after the import's posting date when
	the units come in on it; delivered after it was bought and not after today; warranties and contracts
	that end after they start; a loan due after the purchase."""
	bought, sold = row.purchase_date, row.delivery_date
	if bought and bought > today:
		row.fail(_("The purchase date {date} is in the future."), c.PURCHASE_DATE, date=bought)
	elif bought and bought > posting and not on_purchase_date and row.status != lifecycle.DELIVERED:
		row.fail(
			_(
				"The purchase date {date} is after the import's posting date {posting}: a unit comes into stock after it was bought."
			),
			c.PURCHASE_DATE,
			date=bought,
			posting=posting,
		)
	if sold and sold > today:
		row.fail(_("The delivery date {date} is in the future."), c.DELIVERY_DATE, date=sold)
	elif sold and bought and sold < bought:
		row.fail(
			_("The unit was delivered on {date}, before it was bought on {bought}."),
			c.DELIVERY_DATE,
			date=sold,
			bought=bought,
		)
	for end, name, start in (
		(row.warranty_expiry, c.WARRANTY_EXPIRY, bought),
		(row.customer_warranty_expiry, c.CUSTOMER_WARRANTY_EXPIRY, sold or bought),
		(row.amc_expiry, c.AMC_EXPIRY, sold or bought),
		(row.due_date, c.DUE_DATE, bought),
	):
		if end and start and end < start:
			row.fail(
				_("{field} {end} is before the unit was bought or delivered ({start})."),
				name,
				field=Term(name),
				end=end,
				start=start,
			)
	if row.status == lifecycle.ON_LOAN and row.due_date and row.due_date < today:
		row.warn(
			_("The loan was due back on {due}: the unit comes in overdue."), c.DUE_DATE, due=row.due_date
		)


def resolve(
	row: Row,
	attribute: str,
	kind: str,
	found: Sequence[str],
	column: str | None = None,
	elsewhere: str | None = None,
) -> None:
	"""Give the row the record its text names (``found``: the records that text matches), or the error
	that none or several do (``elsewhere``: the company a record of that name belongs to instead)."""
	text = getattr(row, attribute)
	if not text:
		return
	if len(found) == 1:
		setattr(row, attribute, found[0])
		return
	setattr(row, attribute, None)
	if not found and elsewhere:
		row.fail(
			_("{kind} {value} belongs to company {company}."),
			column,
			kind=Term(kind),
			value=text,
			company=elsewhere,
		)
	elif not found:
		row.fail(_("No {kind} is called {value}."), column, kind=Term(kind), value=text)
	else:
		row.fail(
			_("{value} could be any of these {kind} records: {found}. Give its ID."),
			column,
			value=text,
			kind=Term(kind),
			found=tuple(found[:5]),
		)
