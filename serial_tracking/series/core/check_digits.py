"""Check characters for serials: Luhn, GS1 mod 10 and ISO/IEC 7064 MOD 37,36.

A check covers the alphanumeric characters of a serial; separators (``-``, ``/``, ``.``, ``_``)
are presentation only. Luhn and GS1 cover digits, so a serial checked by them may hold no letters;
MOD 37,36 covers digits and letters (case-insensitive), its check character is one of 0-9A-Z.
"""

from serial_tracking.platform.core.errors import CheckDigitError
from serial_tracking.platform.core.i18n import _

LUHN = "LUHN"
GS1 = "GS1"
MOD37_36 = "MOD37_36"
ALGORITHMS = (LUHN, GS1, MOD37_36)

SEPARATORS = frozenset("-/._")
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def payload_characters(text: str, algorithm: str) -> str:
	"""The characters a check covers, or a CheckDigitError naming the first one it cannot cover."""
	chars = "".join(c for c in text.upper() if c not in SEPARATORS)
	allowed = "0123456789" if algorithm in (LUHN, GS1) else ALPHANUMERIC
	for char in chars:
		if char not in allowed:
			if algorithm in (LUHN, GS1):
				raise CheckDigitError(
					_(
						"{algorithm} check digits cover digits only, but {text} contains {char}. Use "
						"{{CHECK:MOD37_36}} for serials with letters."
					),
					algorithm=algorithm,
					text=text,
					char=char,
				)
			raise CheckDigitError(
				_("{text} contains {char}, which a MOD 37,36 check cannot cover."), text=text, char=char
			)
	if not chars:
		raise CheckDigitError(_("There is nothing for a check digit to cover in {text}."), text=text)
	return chars


def luhn(text: str) -> str:
	total = 0
	for position, char in enumerate(reversed(payload_characters(text, LUHN))):
		digit = int(char)
		if position % 2 == 0:
			digit *= 2
			if digit > 9:
				digit -= 9
		total += digit
	return str((10 - total % 10) % 10)


def gs1(text: str) -> str:
	total = 0
	for position, char in enumerate(reversed(payload_characters(text, GS1))):
		total += int(char) * (3 if position % 2 == 0 else 1)
	return str((10 - total % 10) % 10)


def mod37_36(text: str) -> str:
	"""ISO/IEC 7064 hybrid system MOD 37,36."""
	modulus = 36
	product = modulus
	for char in payload_characters(text, MOD37_36):
		total = (product + ALPHANUMERIC.index(char)) % modulus or modulus
		product = (total * 2) % (modulus + 1)
	return ALPHANUMERIC[(modulus + 1 - product) % modulus]


COMPUTE = {LUHN: luhn, GS1: gs1, MOD37_36: mod37_36}


def check_character(text: str, algorithm: str) -> str:
	if algorithm not in COMPUTE:
		raise CheckDigitError(
			_("Unknown check digit {algorithm}; use one of {known}."),
			algorithm=algorithm,
			known=", ".join(ALGORITHMS),
		)
	return COMPUTE[algorithm](text)


def is_valid(serial: str, algorithm: str) -> bool:
	"""Whether the last character of ``serial`` is the right check character for the rest of it."""
	if len(serial) < 2:
		return False
	try:
		return check_character(serial[:-1], algorithm) == serial[-1].upper()
	except CheckDigitError:
		return False


def verify(serial: str, algorithm: str) -> None:
	if not is_valid(serial, algorithm):
		raise CheckDigitError(
			_("Serial {serial} fails its {algorithm} check digit: check it for a typing or scanning error."),
			serial=serial,
			algorithm=algorithm,
		)
