"""A file read in a stream: its digest taken a line at a time, and its rows judged in parts once the rules
between them are learnt, give what the whole file read at once gives."""

import hashlib
import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.unit_import.core import columns as c
from serial_tracking.unit_import.core import judge as j
from serial_tracking.unit_import.core import rows as r
from serial_tracking.unit_import.core import table as t
from serial_tracking.units.core import lifecycle as lc

ITEMS = {"LAPTOP": j.ItemFacts("LAPTOP", generates=True)}
FACTS = {"mode": j.ADD_AND_UPDATE, "company": "ACME", "items": ITEMS, "units": {}, "makers_on_hand": {}}


def unit_row(number, serial, **values) -> r.Row:
	values = {"item": "LAPTOP", "status": lc.IN_STOCK, "cost": Decimal(10)} | values
	return r.Row(number, serial=serial, given=frozenset({c.SERIAL, c.ITEM, c.WAREHOUSE, c.STATUS}), **values)


@given(st.lists(st.lists(st.text(max_size=6), min_size=1, max_size=4), min_size=1, max_size=6))
def test_a_files_digest_read_a_line_at_a_time_is_the_digest_of_the_whole(table):
	"""Imports recognise a file imported before by this digest: reading the file in a stream keeps it."""
	header, *body = table
	whole = hashlib.sha256(json.dumps([header, *body], ensure_ascii=False).encode()).hexdigest()
	assert t.fingerprint(header, enumerate(body, 2)) == whole


@given(
	st.lists(
		st.tuples(
			st.sampled_from(["A", "a", "B", None]),
			st.sampled_from(["Stores", "Van"]),
			st.sampled_from([None, "Fair"]),
			st.sampled_from([None, "M1", "m1", "M2"]),
		),
		max_size=10,
	),
	st.integers(min_value=1, max_value=4),
)
def test_a_file_judged_in_parts_reads_as_the_file_judged_whole(specs, part):
	"""The preview reads a large file twice: once to note the rules between its rows, then in parts."""

	def read():
		return [
			unit_row(n, s, warehouse=w, condition=cond, maker_serial=maker)
			for n, (s, w, cond, maker) in enumerate(specs, 2)
		]

	whole = read()
	expected = [x.verdict for x in j.judge(whole, **FACTS)]
	crossing = j.Crossing()
	for row in read():
		crossing.note(row)
	if crossing.suspects():
		for row in read():
			crossing.learn(row)
	crossing.settle()
	again, verdicts = read(), []
	for start in range(0, len(again), part):
		chunk = again[start : start + part]
		facts = {
			"mode": j.ADD_AND_UPDATE,
			"company": "ACME",
			"items": ITEMS,
			"units": {},
			"makers_on_hand": {},
		}
		verdicts += [x.verdict for x in j.judge_part(chunk, crossing, **facts)]
	assert verdicts == expected
	assert [row.problems for row in again] == [row.problems for row in whole]
