"""Read what a scanner sends from a GS1 symbol, with biip: element strings with FNC1 / group separators
(ASCII 29), with or without a symbology identifier (``]C1``, ``]d2``, ``]Q3`` ...), the human-readable
form with parentheses, and GS1 Digital Link URIs on any host.

:func:`read` answers None for text that is no GS1 code (a plain serial), a :class:`Reading` for one, and
refuses (a :class:`GS1Error`) a GS1 code it cannot trust: a wrong check digit, a cut-short or damaged
element string, an impossible date. :func:`read_bare` also takes an element string that came without
any marker (``0109506000134352...``), which a plain serial could be: callers try it only once the text
found nothing as a serial.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from biip import ParseError
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_messages import GS1Message

from serial_tracking.gs1.core import identifiers
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _

GS = "\x1d"  # FNC1 as a scanner sends it between variable-length elements
ELEMENT_STRING, HUMAN_READABLE, DIGITAL_LINK = "element string", "human readable", "digital link"
# Symbology identifiers of GS1 symbols (ISO/IEC 15424): GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar,
# GS1 DotCode, GS1 Composite. Others (]C0, ]d1, ]Q1 ...) mark a plain symbol: their text is read as is.
GS1_SYMBOLOGIES = ("]C1", "]d2", "]Q3", "]e0", "]J1", "]d3", "]Q4")
SYMBOLOGY = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
HRI = re.compile(r"^\(\d{2,4}\)")
URI = re.compile(r"^https?://[^/?#]+(?:/[^?#]*)?/(?:01|8004|414|00)/", re.IGNORECASE)
BARE = re.compile(r"^(?:01\d{14}|8004)")
AI_FIELDS = {"01": "gtin", "21": "serial", "10": "lot", "8004": "giai"}
DATE_FIELDS = {"11": "production_date", "17": "expiry_date", "15": "best_before"}


@dataclass(frozen=True)
class Reading:
	"""What one GS1 code says about a unit."""

	form: str
	gtin: str | None = None  # 14 digits, check digit verified
	serial: str | None = None  # (21)
	lot: str | None = None  # (10)
	production_date: date | None = None  # (11)
	expiry_date: date | None = None  # (17)
	best_before: date | None = None  # (15)
	giai: str | None = None  # (8004)
	elements: tuple[tuple[str, str], ...] = field(default=())

	@property
	def hri(self) -> str:
		"""The human-readable form, ``(01)...(21)...``: one line, the same for every way it was read."""
		return "".join(f"({ai}){value}" for ai, value in self.elements)


def strip_symbology(text: str) -> tuple[str, bool]:
	"""``text`` without its symbology identifier, and whether that identifier marked a GS1 symbol."""
	if SYMBOLOGY.match(text):
		return text[3:], text[:3] in GS1_SYMBOLOGIES
	return text, False


def looks_like_gs1(scanned: str | None) -> bool:
	"""The text carries a GS1 marker: a GS1 symbology identifier, a group separator, the parentheses
	of the human-readable form or a Digital Link path. A plain serial never does."""
	text = (scanned or "").strip()
	rest, gs1_symbol = strip_symbology(text)
	return gs1_symbol or GS in rest or bool(HRI.match(rest)) or bool(URI.match(rest))


def read(scanned: str | None) -> Reading | None:
	"""The GS1 code in ``scanned``, None when the text carries no GS1 marker."""
	if not looks_like_gs1(scanned):
		return None
	return parse(scanned)


def read_bare(scanned: str | None) -> Reading | None:
	"""Like :func:`read`, and also an element string sent without any marker (starting with a GTIN or a
	GIAI), as scanners set to send no symbology identifier do; None when it is not one."""
	if looks_like_gs1(scanned):
		return parse(scanned)
	text = (scanned or "").strip()
	if not BARE.match(text):
		return None
	try:
		return parse(text)
	except GS1Error:
		return None  # a plain serial that happens to start like a GTIN


def parse(scanned: str) -> Reading:
	text, _gs1_symbol = strip_symbology(scanned.strip())
	try:
		if URI.match(text):
			form, message = DIGITAL_LINK, GS1DigitalLinkURI.parse(text)
		elif HRI.match(text):
			form, message = HUMAN_READABLE, GS1Message.parse_hri(text)
		else:
			form, message = ELEMENT_STRING, GS1Message.parse(text.lstrip(GS))
	except (ParseError, ValueError) as error:
		raise damaged(scanned) from error
	return reading(form, message.element_strings, scanned)


def damaged(scanned: str) -> GS1Error:
	return GS1Error(
		_(
			"{code} is not a whole GS1 code: it was cut short or misread, or holds an impossible date. "
			"Scan it again."
		),
		code=printable(scanned),
	)


def printable(text: str) -> str:
	"""``text`` for a message: the group separators a scanner sends shown as <GS>."""
	return text.strip().replace(GS, "<GS>")


def reading(form: str, element_strings, scanned: str) -> Reading:
	values: dict = {}
	elements = []
	for element in element_strings:
		ai, value = element.ai.ai, element.value
		if ai == "01":
			value = identifiers.gtin14(value)  # refuses a wrong check digit in our words
		if ai in DATE_FIELDS:
			if element.date is None:
				raise damaged(scanned)
			values[DATE_FIELDS[ai]] = element.date
		elif ai in AI_FIELDS:
			values[AI_FIELDS[ai]] = value
		elements.append((ai, value))
	if not values.get("gtin") and not values.get("giai"):
		raise GS1Error(
			_("The GS1 code {code} names no item (GTIN, AI 01) and no asset (GIAI, AI 8004)."),
			code=printable(scanned),
		)
	return Reading(form=form, elements=tuple(elements), **values)
