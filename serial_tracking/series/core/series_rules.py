"""Serial-number series templates: parsing, rendering and batch generation.

A template is fixed text and tokens in braces, with exactly one zero-padded counter and an optional
check character at the end, e.g. ``{ITEM}-{YY}{MM}-{#####}`` or ``{YY}{WW}{######}{CHECK:LUHN}``.

The counter lives outside the core: :func:`generate` takes a ``reserve(key, count) -> first`` callable
that hands out ``count`` consecutive values of the counter named ``key`` (the rendered text before
the counter, as Frappe's naming series does) in one step.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from serial_tracking.platform.core.errors import SeriesError
from serial_tracking.platform.core.i18n import _
from serial_tracking.series.core import check_digits

TOKEN = re.compile(r"\{([^{}]*)\}")
COUNTER = re.compile(r"#+")
FORBIDDEN = re.compile(r"[,\n\r\t]")
# Characters a token's value may bring into a serial; anything else becomes "-".
UNSAFE_IN_VALUE = re.compile(r"[^A-Za-z0-9._/-]+")

FIELD_TOKENS = {
	"ITEM": "item_code",
	"GROUP": "item_group",
	"SUPPLIER": "supplier",
	"WAREHOUSE": "warehouse",
	"WH": "warehouse_abbr",
	"ABBR": "company_abbr",
	"FY": "fiscal_year",
}
DATE_TOKENS = {
	"YYYY": lambda d: f"{d.year:04d}",
	"YY": lambda d: f"{d.year % 100:02d}",
	"MM": lambda d: f"{d.month:02d}",
	"DD": lambda d: f"{d.day:02d}",
	"WW": lambda d: f"{d.isocalendar()[1]:02d}",
}
KNOWN_TOKENS = (*FIELD_TOKENS, *DATE_TOKENS, "#####", "CHECK:LUHN", "CHECK:GS1", "CHECK:MOD37_36")
MIN_COUNTER_WIDTH = 3


@dataclass(frozen=True)
class SeriesContext:
	"""What a template's tokens are rendered from, for one receipt line."""

	posting_date: date
	item_code: str = ""
	item_group: str = ""
	supplier: str = ""
	warehouse: str = ""
	warehouse_abbr: str = ""
	company_abbr: str = ""
	fiscal_year: str = ""


@dataclass(frozen=True)
class Template:
	source: str
	before: tuple[str, ...]  # literal text and token names before the counter
	after: tuple[str, ...]  # ... and after it
	counter_width: int
	check: str | None = None
	needs: frozenset[str] = field(default_factory=frozenset)  # context fields the tokens read

	@property
	def capacity(self) -> int:
		return 10**self.counter_width - 1


def parse(source: str) -> Template:
	"""Parse and validate a template, or raise SeriesError saying what is wrong with it."""
	source = (source or "").strip()
	if not source:
		raise SeriesError(_("The series template is empty."))
	if FORBIDDEN.search(source):
		raise SeriesError(
			_("A series template cannot contain commas, tabs or line breaks: {template}"), template=source
		)

	parts: list[tuple[str, str]] = []  # (kind, value): kind is text | token | counter | check
	position = 0
	for match in TOKEN.finditer(source):
		if match.start() > position:
			parts.append(("text", source[position : match.start()]))
		parts.append(classify(match.group(1).strip(), source))
		position = match.end()
	if position < len(source):
		parts.append(("text", source[position:]))
	for kind, value in parts:
		if kind == "text" and ("{" in value or "}" in value):
			raise SeriesError(_("Unbalanced brace in series template {template}."), template=source)

	counters = [i for i, (kind, _value) in enumerate(parts) if kind == "counter"]
	if not counters:
		raise SeriesError(
			_("Series template {template} has no counter: add one such as {{#####}}."), template=source
		)
	if len(counters) > 1:
		raise SeriesError(_("Series template {template} has more than one counter."), template=source)
	checks = [i for i, (kind, _value) in enumerate(parts) if kind == "check"]
	if checks and checks != [len(parts) - 1]:
		raise SeriesError(
			_("The check digit must be the last part of series template {template}."), template=source
		)
	check = parts[checks[0]][1] if checks else None
	if check:
		parts = parts[:-1]

	index = counters[0]
	width = len(parts[index][1])
	if width < MIN_COUNTER_WIDTH:
		raise SeriesError(
			_("The counter in {template} has {width} digits; use at least {minimum}."),
			template=source,
			width=width,
			minimum=MIN_COUNTER_WIDTH,
		)
	encode = lambda items: tuple(v if k == "text" else "{" + v + "}" for k, v in items)  # noqa: E731
	template = Template(
		source=source,
		before=encode(parts[:index]),
		after=encode(parts[index + 1 :]),
		counter_width=width,
		check=check,
		needs=frozenset(FIELD_TOKENS[v] for k, v in parts if k == "token" and v in FIELD_TOKENS),
	)
	if check in (check_digits.LUHN, check_digits.GS1):
		check_numeric_literals(template)
	return template


def classify(token: str, source: str) -> tuple[str, str]:
	upper = token.upper()
	if COUNTER.fullmatch(token):
		return ("counter", token)
	if upper.startswith("CHECK:"):
		algorithm = upper.split(":", 1)[1]
		if algorithm not in check_digits.ALGORITHMS:
			raise SeriesError(
				_("Unknown check digit {token} in {template}; use CHECK:LUHN, CHECK:GS1 or CHECK:MOD37_36."),
				token="{" + token + "}",
				template=source,
			)
		return ("check", algorithm)
	if upper in FIELD_TOKENS or upper in DATE_TOKENS:
		return ("token", upper)
	raise SeriesError(
		_("Unknown token {token} in series template {template}. Known tokens: {known}."),
		token="{" + token + "}",
		template=source,
		known=", ".join("{" + t + "}" for t in KNOWN_TOKENS),
	)


def check_numeric_literals(template: Template) -> None:
	"""Luhn and GS1 cover digits: refuse fixed text or text tokens that bring letters in."""
	for part in (*template.before, *template.after):
		name = part[1:-1] if part.startswith("{") else None
		if name in DATE_TOKENS:
			continue
		if name is None:
			check_digits.payload_characters(part + "0", template.check)
		elif name != "FY":
			raise SeriesError(
				_(
					"{token} can bring letters into the serial, which a {algorithm} check digit cannot "
					"cover. Use {{CHECK:MOD37_36}}, or drop {token}."
				),
				token=part,
				algorithm=template.check,
			)


def render(parts: Iterable[str], context: SeriesContext) -> str:
	out = []
	for part in parts:
		if not part.startswith("{"):
			out.append(part)
			continue
		name = part[1:-1]
		if name in DATE_TOKENS:
			out.append(DATE_TOKENS[name](context.posting_date))
			continue
		value = getattr(context, FIELD_TOKENS[name]) or ""
		if not value.strip():
			raise SeriesError(_("Series token {token} has no value for this transaction."), token=part)
		out.append(UNSAFE_IN_VALUE.sub("-", value.strip()))
	return "".join(out)


def counter_key(template: Template, context: SeriesContext) -> str:
	"""The name of the counter: the rendered text before the counter, like Frappe's naming series."""
	return render(template.before, context)


def format_serials(template: Template, context: SeriesContext, first: int, count: int) -> list[str]:
	prefix = render(template.before, context)
	suffix = render(template.after, context)
	if first < 1 or first + count - 1 > template.capacity:
		raise SeriesError(
			_(
				"The {width}-digit counter of {template} runs out at {capacity} for {prefix}: it cannot "
				"give {count} more after {last}. Widen the counter (more #)."
			),
			width=template.counter_width,
			template=template.source,
			capacity=template.capacity,
			prefix=prefix or template.source,
			count=count,
			last=first - 1,
		)
	serials = []
	for value in range(first, first + count):
		serial = f"{prefix}{value:0{template.counter_width}d}{suffix}"
		if template.check:
			serial += check_digits.check_character(serial, template.check)
		serials.append(serial)
	return serials


def generate(
	template: Template,
	context: SeriesContext,
	count: int,
	reserve: Callable[[str, int], int],
	taken: Callable[[list[str]], set[str]] = lambda serials: set(),
) -> list[str]:
	"""``count`` new serials: one reservation of the counter, then more only for serials already taken.

	``reserve(key, n)`` returns the first of ``n`` consecutive counter values it reserved; ``taken``
	returns those of the given serials that already exist (another template may have made them).
	"""
	if count < 0 or int(count) != count:
		raise SeriesError(
			_("Serials can only be generated for a whole number of units, not {count}."), count=count
		)
	count = int(count)
	key = counter_key(template, context)
	serials: list[str] = []
	while len(serials) < count:
		need = count - len(serials)
		batch = format_serials(template, context, reserve(key, need), need)
		clash = {s.upper() for s in taken(batch)}  # the database compares names case-blind
		serials.extend(s for s in batch if s.upper() not in clash)
	return serials


def preview(template: Template, context: SeriesContext, current: int, count: int = 3) -> list[str]:
	"""The next ``count`` serials after counter value ``current``, without reserving anything."""
	return format_serials(template, context, current + 1, count)


def matches(template: Template, serial: str) -> bool:
	"""Whether ``serial`` has the shape this template makes (used to decide when to check it)."""
	pattern = "".join(
		re.escape(p) if not p.startswith("{") else (r"\d+" if p[1:-1] in DATE_TOKENS else r".+?")
		for p in template.before
	)
	pattern += rf"\d{{{template.counter_width},}}"
	pattern += "".join(
		re.escape(p) if not p.startswith("{") else (r"\d+" if p[1:-1] in DATE_TOKENS else r".+?")
		for p in template.after
	)
	if template.check:
		pattern += r"[0-9A-Za-z]"
	return re.fullmatch(pattern, serial) is not None


def check_entered(template: Template, serial: str, *, from_series_only: bool) -> None:
	"""Check a serial a user typed or scanned for an item with this template.

	``from_series_only``: the item's serials all come from its series, so the serial must have the
	template's shape. Either way a serial of that shape must pass the template's check character.
	"""
	shaped = matches(template, serial)
	if from_series_only and not shaped:
		raise SeriesError(
			_(
				"Serial {serial} is not from series {template}, and this item's serials come only from "
				"its series. Leave the serials blank to generate them."
			),
			serial=serial,
			template=template.source,
		)
	if shaped and template.check:
		check_digits.verify(serial, template.check)


def warehouse_abbreviation(warehouse_name: str) -> str:
	"""Initials of a multi-word warehouse name (Finished Goods: FG), else its first three letters."""
	words = [w for w in re.split(r"[^A-Za-z0-9]+", warehouse_name or "") if w]
	if len(words) > 1:
		return "".join(w[0] for w in words).upper()
	return (words[0][:3] if words else "").upper()
