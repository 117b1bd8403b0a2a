"""Serials as a short text: runs of consecutive serials as ranges, the rest listed.

``compact(["LT-2609-00018", ..., "LT-2609-00026"])`` is ``"LT-2609-00018 .. 00026 (9)"``: the first
serial, the counter (and check character) of the last, and how many there are (serials of digits only,
where the counter's start is unknown: the last one from where it differs, ``726000011 .. 102 (10)``). A run is the same text
before the counter, counters one apart of the same width and, where the serials end with a check
character (Luhn, GS1 or MOD 37,36 over the serial before it, as the app's series templates make them),
each one's own check character. Anything else is listed as it is, separated by ", ".

``expand(compact(serials)) == serials`` for every list of serials that contain no ", " and no " .. "
(ERPNext splits serials on commas, so none contains one): a run is written as a range only when
expanding that range gives back exactly its serials. Keeps the order it is given; sort first (``by
counter``) to find the runs of an unordered list. Framework-free: used on receipt lines and printed
papers alike.
"""

import re
from dataclasses import dataclass

from serial_tracking.platform.core.errors import CheckDigitError
from serial_tracking.series.core.check_digits import ALGORITHMS, check_character, is_valid

SEPARATOR = ", "
MIN_RUN = 3  # two serials read as well listed as ranged
RANGE = re.compile(r"^(?P<first>.+) \.\. (?P<tail>\S+) \((?P<count>[0-9]+)\)$")
COUNTER = re.compile(r"^(?P<prefix>.*?)(?P<digits>[0-9]+)$")
CHUNKS = re.compile(r"([0-9]+)")
DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Shape:
	"""One way to read a serial: text before the counter, the counter, its width and its check."""

	prefix: str
	counter: int
	width: int
	check: str | None = None

	def serial(self, counter: int) -> str | None:
		"""The serial of this shape with another counter (None past the counter's width)."""
		digits = str(counter).zfill(self.width)
		if counter < 0 or len(digits) != self.width:
			return None
		body = self.prefix + digits
		if self.check is None:
			return body
		try:
			return body + check_character(body, self.check)
		except CheckDigitError:
			return None


def shapes(serial: str) -> list[Shape]:
	"""The readings of ``serial`` as a counter, plain first, then with each check it satisfies."""
	found = []
	if match := COUNTER.match(serial):
		found.append(Shape(match["prefix"], int(match["digits"]), len(match["digits"])))
	if len(serial) >= 2 and (match := COUNTER.match(serial[:-1])):
		found += [
			Shape(match["prefix"], int(match["digits"]), len(match["digits"]), algorithm)
			for algorithm in ALGORITHMS
			if is_valid(serial, algorithm)
		]
	return found


def expand_range(first: str, tail: str, count: int) -> list[str] | None:
	"""The serials of the range ``first .. tail (count)``, or None when it is no range of ``first``."""
	if count < 1:
		return None
	last = first[: len(first) - len(tail)] + tail
	if not tail or len(tail) > len(first):
		return None
	for shape in shapes(first):
		run = [shape.serial(shape.counter + step) for step in range(count)]
		if None not in run and run[0] == first and run[-1] == last:
			return run
	return None


def run_length(serials: list[str], start: int, shape: Shape) -> int:
	length = 1
	while start + length < len(serials) and serials[start + length] == shape.serial(shape.counter + length):
		length += 1
	return length


def tail_of(first: str, last: str, shape: Shape) -> str:
	"""What a range writes of its last serial: from the counter on, or, for serials of digits only
	(where the counter's start is unknown), from where it first differs from the first serial."""
	if shape.prefix:
		return last[len(shape.prefix) :]
	same = 0
	while same < len(first) - 1 and first[same] == last[same]:
		same += 1
	return last[same:]


def compact(serials: list[str]) -> str:
	"""The serials as text, in the order given: consecutive runs as ranges where that is shorter."""
	parts, position = [], 0
	while position < len(serials):
		serial = serials[position]
		best, length = None, 1
		for shape in shapes(serial):
			run = run_length(serials, position, shape)
			if run > length:
				best, length = shape, run
		if best and length >= MIN_RUN:
			tail = tail_of(serial, serials[position + length - 1], best)
			text = f"{serial} .. {tail} ({length})"
			run = serials[position : position + length]
			if len(text) < len(SEPARATOR.join(run)) and expand_range(serial, tail, length) == run:
				parts.append(text)
				position += length
				continue
		parts.append(serial)
		position += 1
	return SEPARATOR.join(parts)


def expand(text: str) -> list[str]:
	"""The serials a ``compact`` text names, in its order."""
	serials = []
	for part in text.split(SEPARATOR) if text else []:
		match = RANGE.match(part)
		run = match and expand_range(match["first"], match["tail"], int(match["count"]))
		serials.extend(run or [part])
	return serials


def by_counter(serial: str) -> tuple:
	"""Sort key that orders serials as people count them (``A-9`` before ``A-10``)."""
	return tuple(
		(0, int(chunk), len(chunk)) if DIGITS.fullmatch(chunk) else (1, chunk, 0)
		for chunk in CHUNKS.split(serial)
		if chunk
	)
