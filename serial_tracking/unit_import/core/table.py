"""A file's lines as text cells: CSV of any common separator and encoding, blank lines left out, and the
digest that recognises the same file read again. Lines come one at a time, so a file of any length is
read in little memory."""

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence

DELIMITERS = (",", ";", "\t", "|")


def iter_csv(data: bytes | str) -> Iterator[list[str]]:
	"""The cells of a CSV file, a line at a time: UTF-8 (with or without a byte order mark) or
	Windows-1252, separated by commas, semicolons, tabs or bars (the one the header line uses most)."""
	if isinstance(data, bytes):
		try:
			text = data.decode("utf-8-sig")
		except UnicodeDecodeError:
			text = data.decode("cp1252", errors="replace")
	else:
		text = data.lstrip("\ufeff")
	first = re.search(r"[^\r\n]*\S[^\r\n]*", text)
	delimiter = max(DELIMITERS, key=(first.group() if first else "").count)
	for row in csv.reader(io.StringIO(text), delimiter=delimiter):
		yield [cell.strip() for cell in row]


def lines(table: Iterable[Sequence]) -> Iterator[tuple[int, list[str]]]:
	"""The lines that are not blank, with their line numbers, as text cells (the first is the header)."""
	for number, row in enumerate(table, 1):
		cells = ["" if cell is None else str(cell).strip() for cell in row]
		if any(cells):
			yield number, cells


def fingerprint(header: Sequence[str], body: Iterable[tuple[int, Sequence[str]]]) -> str:
	"""What a file says, whatever its format, line endings or blank lines: a re-run of the same file is
	recognised by it."""
	digest = Fingerprint(header)
	for _number, cells in body:
		digest.add(cells)
	return digest.hexdigest()


class Fingerprint:
	""":func:`fingerprint`, a line at a time (the digest of the file's lines as one JSON list)."""

	def __init__(self, header: Sequence[str]) -> None:
		self._hash = hashlib.sha256(("[" + json.dumps(list(header), ensure_ascii=False)).encode())

	def add(self, cells: Sequence[str]) -> None:
		self._hash.update((", " + json.dumps(list(cells), ensure_ascii=False)).encode())

	def hexdigest(self) -> str:
		whole = self._hash.copy()
		whole.update(b"]")
		return whole.hexdigest()
