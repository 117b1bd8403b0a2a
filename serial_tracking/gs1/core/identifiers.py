"""GS1 keys the app reads and writes: GTINs (check digit, the 14-digit form, the shorter forms an Item
Barcode may hold), GIAIs built from a company prefix, Digital Link URIs and SGTIN-style URIs.

No framework: the resolver host, company prefix and serials come in as parameters."""

import re
from urllib.parse import quote

from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _
from serial_tracking.series.core import check_digits

GTIN_LENGTHS = (8, 12, 13, 14)
# GS1 AI encodable character set 82 (serials, lots, GIAI asset references): printable ASCII but
# space, '#', '$', '@', '[', '\', ']', '^', '`', '{', '|', '}', '~'.
CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$")
SERIAL_MAX = 20  # AI (21)
LOT_MAX = 20  # AI (10)
GIAI_MAX = 30  # AI (8004)
# Characters a Digital Link path keeps as they are (RFC 3986 unreserved); the rest is percent-encoded.
SAFE = "-._~"


def check_digit(payload: str) -> str:
	"""The GS1 mod-10 check digit of ``payload`` (digits)."""
	return check_digits.gs1(payload)


def is_gtin(text: str) -> bool:
	"""``text`` is a GTIN-8, -12, -13 or -14 with a right check digit."""
	return (
		text.isascii() and text.isdigit() and len(text) in GTIN_LENGTHS and check_digit(text[:-1]) == text[-1]
	)


def gtin14(text: str) -> str:
	"""``text`` as the 14-digit GTIN a GS1 element string carries; refuses a wrong check digit."""
	text = (text or "").strip()
	if not (text.isascii() and text.isdigit() and len(text) in GTIN_LENGTHS):
		raise GS1Error(_("{gtin} is not a GTIN: a GTIN has 8, 12, 13 or 14 digits."), gtin=text)
	expected = check_digit(text[:-1])
	if expected != text[-1]:
		raise GS1Error(
			_("The GTIN {gtin} has a wrong check digit: it should end in {digit}. Scan it again."),
			gtin=text,
			digit=expected,
		)
	return text.zfill(14)


def gtin_forms(gtin: str) -> list[str]:
	"""The forms in which an Item Barcode may hold the GTIN ``gtin`` (14 digits): GTIN-14 itself and,
	where its leading zeros allow, the EAN-13, UPC-A (12) and EAN-8 it pads."""
	forms = [gtin]
	for length in (13, 12, 8):
		if gtin[: 14 - length] == "0" * (14 - length):
			forms.append(gtin[14 - length :])
	return forms


def check_value(ai: str, value: str, limit: int) -> str:
	"""``value`` fits the GS1 AI ``ai`` (character set 82, at most ``limit`` characters)."""
	if not value or len(value) > limit or not CSET82.match(value):
		raise GS1Error(
			_(
				"{value} cannot go into a GS1 code as ({ai}): it takes 1 to {limit} letters, digits or "
				"the signs GS1 allows, without spaces."
			),
			value=value,
			ai=ai,
			limit=limit,
		)
	return value


def giai(company_prefix: str, asset_reference: str) -> str:
	"""The GS1 Global Individual Asset Identifier (AI 8004) of an asset: company prefix + reference."""
	prefix = (company_prefix or "").strip()
	if not (prefix.isascii() and prefix.isdigit() and 4 <= len(prefix) <= 12):
		raise GS1Error(_("A GS1 company prefix has 4 to 12 digits, not {prefix}."), prefix=prefix)
	return check_value("8004", prefix + asset_reference, GIAI_MAX)


def asset_reference(company_prefix: str, giai_value: str) -> str | None:
	"""The asset reference of ``giai_value`` when it was built from ``company_prefix``, else None."""
	prefix = (company_prefix or "").strip()
	if prefix and giai_value.startswith(prefix) and len(giai_value) > len(prefix):
		return giai_value[len(prefix) :]
	return None


def path_part(value: str) -> str:
	return quote(value, safe=SAFE)


def digital_link(base: str, gtin: str, serial: str | None = None, **data: str) -> str:
	"""A GS1 Digital Link URI: ``base`` (scheme and host, e.g. ``https://example.com``) +
	``/01/<gtin>[/21/<serial>]`` and further attributes as query (``17=271231``)."""
	uri = f"{base.rstrip('/')}/01/{gtin}"
	if serial:
		uri += f"/21/{path_part(serial)}"
	query = "&".join(f"{ai}={path_part(value)}" for ai, value in data.items() if value)
	return f"{uri}?{query}" if query else uri


def giai_link(base: str, giai_value: str) -> str:
	return f"{base.rstrip('/')}/8004/{path_part(giai_value)}"
