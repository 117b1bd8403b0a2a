"""Reading a file's values: amounts in any of the usual ways of writing them, dates in the order the
file writes them, statuses and conditions by name.

Amounts: "1,234.56", "1.234,56", "1'234.56", "1 234,56", with a currency sign or code before or after.
Which mark is the decimal one is the file's: given, or found from the values that say it
(:func:`detect_decimal`); "1,234" alone could be either, and a column of only such values needs it said.
Dates: ISO (2024-03-31) always; otherwise day, month and year in the file's order (:func:`detect_order`
finds it from the dates that can be read one way only, such as 31/03/2024); month names in English or
German; two-digit years are 1970 to 2069. A date that reads as two different days is refused rather than
guessed.
"""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.units.core import lifecycle

DMY, MDY, YMD = "Day First", "Month First", "Year First"
ORDERS = (DMY, MDY, YMD)
DECIMALS = (".", ",")
# How the form names the decimal marks
DECIMAL_NAMES = {"Point": ".", "Comma": ","}


class ValueProblem(Exception):
	"""A value that cannot be read: an untranslated message and its values, as the core's refusals."""

	def __init__(self, message: str, **params):
		self.message = message
		self.params = params
		super().__init__(message)


# --- amounts ---------------------------------------------------------------------------------------

GROUPING = "'\u00a0\u202f\u2009 "  # apostrophes and spaces only ever group thousands
_NOT_NUMBER = re.compile(r"[^\d.,\-()" + GROUPING + "]")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,'\u00a0\u202f\u2009 ]\d{3})+$")


def _bare(text: str) -> tuple[str, bool]:
	"""The amount without currency signs or codes, and whether it was written as negative."""
	text = _NOT_NUMBER.sub("", text).strip(GROUPING)
	negative = text.startswith("-") or text.endswith("-") or (text.startswith("(") and text.endswith(")"))
	return text.strip("-()" + GROUPING), negative


def decimal_of(text: str) -> str | None:
	"""The decimal mark ``text`` shows unambiguously (None: it does not say)."""
	bare, _negative = _bare(str(text or ""))
	marks = [c for c in bare if c in DECIMALS]
	if not marks:
		return None
	if len(set(marks)) == 2:
		return marks[-1]  # 1,234.56 or 1.234,56: the last mark is the decimal one
	mark = marks[0]
	if len(marks) > 1:
		return DECIMALS[1 - DECIMALS.index(mark)]  # 1,234,567: grouping, so the other is decimal
	digits_after = len(bare) - bare.index(mark) - 1
	return None if digits_after == 3 else mark  # 1,234 could be either; 1,5 or 12.25 cannot


def detect_decimal(values: Iterable[str]) -> str | None:
	"""The decimal mark of a column: the one its values show (None: none shows one, or they disagree)."""
	evidence = DecimalMark()
	for value in values:
		evidence.see(value)
	return evidence.mark()


class DecimalMark:
	"""What the amounts seen so far say of their decimal mark (:func:`detect_decimal`, a value at a time)."""

	def __init__(self) -> None:
		self.seen: set[str] = set()

	def see(self, value: str | None) -> None:
		if mark := decimal_of(value):
			self.seen.add(mark)

	def mark(self) -> str | None:
		return next(iter(self.seen)) if len(self.seen) == 1 else None


def parse_cost(text: str | None, decimal: str | None = None) -> Decimal | None:
	"""An amount (None when blank); a negative or unreadable one raises :class:`ValueProblem`."""
	if text is None or not str(text).strip():
		return None
	original = str(text).strip()
	bare, negative = _bare(original)
	unreadable = ValueProblem(_("Cannot read the cost {value}."), value=original)
	if not bare or not any(c.isdigit() for c in bare):
		raise unreadable
	mark = decimal or decimal_of(original)
	if mark is None and any(c in DECIMALS for c in bare):
		raise ValueProblem(
			_(
				"The cost {value} could be read two ways: choose the decimal separator of the file (a point or a comma)."
			),
			value=original,
		)
	if mark and mark in bare:
		whole, _sep, fraction = bare.rpartition(mark)
	else:
		whole, fraction = bare, ""
	if not fraction.isdigit() and fraction:
		raise unreadable
	if any(c in ".," + GROUPING for c in whole):
		if not _GROUPED.match(whole) or (mark and mark in whole):
			raise unreadable
		whole = re.sub(r"\D", "", whole)
	if not whole.isdigit() and not (whole == "" and fraction):
		raise unreadable
	try:
		amount = Decimal(f"{whole or '0'}.{fraction or '0'}")
	except InvalidOperation:
		raise unreadable from None
	if negative and amount:
		raise ValueProblem(
			_("The cost {value} is negative: a unit cannot cost less than nothing."), value=original
		)
	return amount


# --- dates -----------------------------------------------------------------------------------------

MONTHS = {
	name: number
	for number, names in enumerate(
		(
			("jan", "january", "januar", "jän", "jänner"),
			("feb", "february", "februar"),
			("mar", "march", "mär", "märz", "maerz"),
			("apr", "april"),
			("may", "mai"),
			("jun", "june", "juni"),
			("jul", "july", "juli"),
			("aug", "august"),
			("sep", "sept", "september"),
			("oct", "october", "okt", "oktober"),
			("nov", "november"),
			("dec", "december", "dez", "dezember"),
		),
		start=1,
	)
	for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_PARTS = re.compile(r"[\s,./-]+")


def _year(text: str) -> int:
	year = int(text)
	if len(text) <= 2:
		return year + (2000 if year < 70 else 1900)
	return year


def _make(year: int, month: int, day: int) -> date | None:
	try:
		return date(year, month, day)
	except ValueError:
		return None


def _candidates(text: str) -> dict[str, date]:
	"""The date ``text`` is under each order that reads it."""
	iso = _ISO.match(text)
	if iso:
		found = _make(int(iso[1]), int(iso[2]), int(iso[3]))
		return dict.fromkeys(ORDERS, found) if found else {}
	text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)  # a time after the date
	parts = [p for p in _PARTS.split(text.casefold()) if p]
	if len(parts) != 3:
		return {}
	named = [i for i, p in enumerate(parts) if p.rstrip(".") in MONTHS]
	if len(named) == 1:  # 5 Mar 2024, March 5 2024, 2024 Mar 5: the month says itself
		month = MONTHS[parts[named[0]].rstrip(".")]
		rest = [p for i, p in enumerate(parts) if i != named[0]]
		if not all(p.isdigit() for p in rest):
			return {}
		if len(rest[0]) == 4:
			found = _make(int(rest[0]), month, int(rest[1]))
		else:
			found = _make(_year(rest[1]), month, int(rest[0]))
		return dict.fromkeys(ORDERS, found) if found else {}
	if not all(p.isdigit() and len(p) in (1, 2, 4) for p in parts):
		return {}
	a, b, c = parts
	found = {}
	if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
		found[YMD] = _make(int(a), int(b), int(c))
	elif len(a) <= 2 and len(b) <= 2:
		found[DMY] = _make(_year(c), int(b), int(a))
		found[MDY] = _make(_year(c), int(a), int(b))
	return {order: day for order, day in found.items() if day}


def parse_date(text: str | None, order: str | None = None) -> date | None:
	"""A date (None when blank) in ``order`` (None: whichever reads it one way only); an unreadable
	or two-way date raises :class:`ValueProblem`."""
	if text is None or not str(text).strip():
		return None
	original = str(text).strip()
	found = _candidates(original)
	if order and order in found:
		return found[order]
	days = set(found.values())
	if len(days) == 1 and (not order or order == YMD or len(found) == len(ORDERS)):
		return days.pop()
	if len(days) > 1 and not order:
		raise ValueProblem(
			_(
				"The date {value} could be read two ways: choose the date order of the file (day first or month first)."
			),
			value=original,
		)
	raise ValueProblem(_("Cannot read the date {value}."), value=original)


def detect_order(values: Iterable[str]) -> str | None:
	"""The order of day and month the dates of a file are written in: the one under which every date
	reads (None: both do, or neither)."""
	evidence = DateOrder()
	for value in values:
		evidence.see(value)
	return evidence.order()


class DateOrder:
	"""What the dates seen so far say of their order (:func:`detect_order`, a date at a time)."""

	def __init__(self) -> None:
		self.readable = {DMY: True, MDY: True}
		self.telling = False

	def see(self, value: str | None) -> None:
		if value is None or not str(value).strip():
			return
		found = _candidates(str(value).strip())
		if len(set(found.values())) > 1 or len(found) == 1:
			self.telling = True
		for order in self.readable:
			self.readable[order] = self.readable[order] and order in found

	def order(self) -> str | None:
		fits = [order for order, ok in self.readable.items() if ok]
		return fits[0] if self.telling and len(fits) == 1 else None


# --- words -----------------------------------------------------------------------------------------

# The statuses a unit can be imported in: units the shop has, units it sold before these books (the
# installed base, with their customer) and units it keeps as retired.
STATUSES = (
	lifecycle.IN_STOCK,
	lifecycle.ON_LOAN,
	lifecycle.IN_REPAIR,
	lifecycle.RESERVED,
	lifecycle.DELIVERED,
	lifecycle.RETIRED,
)
STATUS_WORDS = {
	lifecycle.IN_STOCK: (
		"in stock",
		"available",
		"ready",
		"ready to deploy",
		"pending",
		"on hand",
		"active",
		"instock",
	),
	lifecycle.ON_LOAN: ("on loan", "checked out", "loaned", "lent", "deployed", "assigned", "in use"),
	lifecycle.IN_REPAIR: (
		"in repair",
		"repair",
		"out for repair",
		"under repair",
		"being repaired",
		"broken",
	),
	lifecycle.RESERVED: ("reserved", "on hold", "held"),
	lifecycle.DELIVERED: ("delivered", "sold", "installed", "at customer"),
	lifecycle.RETIRED: ("retired", "archived", "decommissioned", "written off"),
}
GONE_WORDS = (
	"lost",
	"missing",
	"stolen",
	"lost/stolen",
	"disposed",
	"scrapped",
	"consumed",
	"returned",
	"returned to supplier",
	"inactive",
	"expired",
	"collapsed",
)


def _key(text: str) -> str:
	return " ".join(re.sub(r"[^\w]+", " ", str(text).casefold()).split())


def parse_status(text: str | None, extra: dict[str, Iterable[str]] | None = None) -> str | None:
	"""The lifecycle status a row gives (None when blank): one of :data:`STATUSES`; a unit the shop no
	longer has, or a word the import does not know, raises :class:`ValueProblem`."""
	if text is None or not str(text).strip():
		return None
	key = _key(text)
	for status in STATUSES:
		words = (status, *STATUS_WORDS[status], *(extra or {}).get(status, ()))
		if key in {_key(w) for w in words}:
			return status
	gone = {_key(s) for s in lifecycle.STATUSES if s not in STATUSES} | {_key(w) for w in GONE_WORDS}
	for status in lifecycle.STATUSES:
		gone |= {_key(w) for w in (extra or {}).get(status, ())} if status not in STATUSES else set()
	if key in gone:
		raise ValueProblem(
			_("The status {value} is of a unit the shop no longer has: give one of {statuses}."),
			value=str(text).strip(),
			statuses=tuple(Term(s) for s in STATUSES),
		)
	raise ValueProblem(
		_("Unknown status {value}: give one of {statuses}."),
		value=str(text).strip(),
		statuses=tuple(Term(s) for s in STATUSES),
	)


def parse_word(text: str | None, words: Iterable[str], extra: dict[str, Iterable[str]] | None = None):
	"""One of ``words`` by name, whatever the case (``extra``: more names of each, e.g. translations);
	None when blank; raises :class:`ValueProblem` naming the choices otherwise."""
	if text is None or not str(text).strip():
		return None
	key = _key(text)
	words = tuple(words)
	for word in words:
		if key in {_key(w) for w in (word, *(extra or {}).get(word, ()))}:
			return word
	raise ValueProblem(
		_("Unknown value {value}: give one of {choices}."),
		value=str(text).strip(),
		choices=tuple(Term(w) for w in words),
	)


def parse_months(text: str | None) -> int | None:
	"""A number of months (a warranty), as "12", "12 months" or "1 year"."""
	if text is None or not str(text).strip():
		return None
	original = str(text).strip()
	match = re.fullmatch(
		r"(\d+)(?:[.,]0+)?\s*(months?|monate?|mo|m|years?|jahre?|yrs?|y)?\.?", original.casefold()
	)
	if not match:
		raise ValueProblem(_("Cannot read the number of months {value}."), value=original)
	number = int(match[1])
	return number * 12 if (match[2] or "").startswith(("y", "j")) else number


def clean_serial(text: str | None) -> str | None:
	"""A serial as ERPNext keeps it (None when blank): no line breaks or commas, which separate serials."""
	if text is None or not str(text).strip():
		return None
	serial = str(text).strip()
	if re.search(r"[,\n\r\t]", serial):
		raise ValueProblem(
			_("The serial {value} holds a comma, tab or line break, which separate serials in ERPNext."),
			value=serial,
		)
	if len(serial) > 140:
		raise ValueProblem(_("The serial {value} is longer than 140 characters."), value=serial[:40] + "…")
	return serial
