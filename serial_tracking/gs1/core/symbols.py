"""What a unit's label carries, by the label choice of Serial Tracking Settings.

An item with a GTIN gets (01) GTIN + (21) the unit's serial (+ lot and dates on a DataMatrix); an item
without one the company's GIAI (8004: GS1 company prefix + the serial) when a prefix is set, else the
link to the unit's page on the site, in a plain (non-GS1) 2D symbol."""

from dataclasses import dataclass
from datetime import date

from serial_tracking.gs1.core import identifiers
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _

CODE128_QR = "Code128 + QR"
DATAMATRIX = "GS1 DataMatrix"
GS1_128 = "GS1-128"
DIGITAL_LINK_QR = "GS1 Digital Link QR"
LABEL_KINDS = (CODE128_QR, DATAMATRIX, GS1_128, DIGITAL_LINK_QR)
GS1_KINDS = (DATAMATRIX, GS1_128, DIGITAL_LINK_QR)
# Application identifiers of a fixed length: no FNC1 needs to follow them in a symbol.
FIXED = frozenset(("00", "01", "02", "03", "04", "11", "12", "13", "15", "16", "17", "20"))
GS1_128_MAX = 48  # data characters of one GS1-128 symbol


@dataclass(frozen=True)
class Unit:
	serial: str
	gtin: str | None = None
	lot: str | None = None
	production_date: date | None = None
	expiry_date: date | None = None


@dataclass(frozen=True)
class Symbol:
	symbology: str  # "datamatrix", "gs1-128" or "qr"
	elements: tuple[tuple[str, str], ...] = ()  # GS1 symbols: (AI, value) pairs
	text: str = ""  # plain symbols: their text

	@property
	def gs1(self) -> bool:
		return bool(self.elements)

	@property
	def hri(self) -> str:
		return "".join(f"({ai}){value}" for ai, value in self.elements) or self.text


def is_fixed(ai: str) -> bool:
	return ai in FIXED or (len(ai) == 4 and ai[:2] in ("31", "32", "33", "34", "35", "36"))


def fits_serial(serial: str) -> bool:
	try:
		identifiers.check_value("21", serial, identifiers.SERIAL_MAX)
	except GS1Error:
		return False
	return True


def elements(unit: Unit, company_prefix: str | None, *, full: bool) -> tuple[tuple[str, str], ...]:
	"""The unit's GS1 element strings: (01)(21) with, when ``full``, its dates and lot; (8004) without a
	GTIN; none when the unit has no GS1 key."""
	if unit.gtin and fits_serial(unit.serial):
		pairs = [("01", unit.gtin)]
		if full:
			for ai, value in (("11", unit.production_date), ("17", unit.expiry_date)):
				if value:
					pairs.append((ai, value.strftime("%y%m%d")))
			if unit.lot and fits_lot(unit.lot):
				pairs.append(("10", unit.lot))
		pairs.append(("21", unit.serial))
		return tuple(pairs)
	if company_prefix:
		try:
			return (("8004", identifiers.giai(company_prefix, unit.serial)),)
		except GS1Error:
			return ()
	return ()


def fits_lot(lot: str) -> bool:
	try:
		identifiers.check_value("10", lot, identifiers.LOT_MAX)
	except GS1Error:
		return False
	return True


def label_symbol(
	kind: str, unit: Unit, *, company_prefix: str | None, resolver: str, unit_url: str
) -> Symbol:
	"""The symbol a ``kind`` label of ``unit`` carries."""
	if kind not in GS1_KINDS:
		raise GS1Error(_("{kind} is not a GS1 label."), kind=kind)
	if kind == DIGITAL_LINK_QR:
		return Symbol("qr", text=link(unit, company_prefix, resolver) or unit_url)
	pairs = elements(unit, company_prefix, full=kind == DATAMATRIX)
	if kind == GS1_128 and pairs and sum(len(ai) + len(v) + 1 for ai, v in pairs) > GS1_128_MAX:
		pairs = ()
	if not pairs:  # no GS1 key: the unit's page, in a 2D symbol a phone opens
		return Symbol("datamatrix" if kind == DATAMATRIX else "qr", text=unit_url)
	return Symbol("datamatrix" if kind == DATAMATRIX else "gs1-128", elements=pairs)


def link(unit: Unit, company_prefix: str | None, resolver: str) -> str | None:
	"""The unit's GS1 Digital Link on the resolver, None when it has no GS1 key."""
	pairs = dict(elements(unit, company_prefix, full=False))
	if "01" in pairs:
		return identifiers.digital_link(resolver, pairs["01"], pairs["21"])
	if "8004" in pairs:
		return identifiers.giai_link(resolver, pairs["8004"])
	return None
