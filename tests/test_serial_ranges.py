"""Serials as a short text (core.serial_ranges): ranges of consecutive serials, with and without a check
character, and the round trip: expanding the text gives back the same serials, in the same order."""

from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.series.core import check_digits as cd
from serial_tracking.series.core import serial_ranges as sr


def series(prefix: str, first: int, count: int, width: int = 5, check: str | None = None) -> list[str]:
	shape = sr.Shape(prefix, first, width, check)
	return [shape.serial(first + step) for step in range(count)]


class TestKnownTexts:
	def test_a_run_is_a_range_with_its_count(self):
		serials = series("LT-2609-", 18, 9)
		assert sr.compact(serials) == "LT-2609-00018 .. 00026 (9)"
		assert sr.expand("LT-2609-00018 .. 00026 (9)") == serials

	def test_check_characters_follow_the_counter(self):
		serials = series("LT-2609-", 18, 9, check=cd.MOD37_36)
		text = sr.compact(serials)
		assert text == f"{serials[0]} .. {serials[-1][len('LT-2609-') :]} (9)"
		assert sr.expand(text) == serials

	def test_luhn_and_gs1_digits(self):
		for check in (cd.LUHN, cd.GS1):
			serials = series("4711-", 1, 12, width=4, check=check)
			assert " .. " in sr.compact(serials)
			assert sr.expand(sr.compact(serials)) == serials

	def test_digits_only_write_the_last_from_where_it_differs(self):
		serials = series("726", 1, 10, width=5, check=cd.LUHN)
		assert (serials[0], serials[-1]) == ("726000011", "726000102")
		assert sr.compact(serials) == "726000011 .. 102 (10)"
		assert sr.expand(sr.compact(serials)) == serials

	def test_gaps_and_strays_are_listed(self):
		serials = ["SC-00001", "SC-00002", "SC-00003", "SC-00005", "X-1", "SC-00006", "SC-00007"]
		assert sr.compact(serials) == "SC-00001 .. 00003 (3), SC-00005, X-1, SC-00006, SC-00007"

	def test_two_in_a_row_are_listed(self):
		assert sr.compact(["A-01", "A-02"]) == "A-01, A-02"

	def test_a_counter_that_outgrows_its_width_ends_the_run(self):
		assert sr.compact(["A-8", "A-9", "A-10"]) == "A-8, A-9, A-10"

	def test_serials_without_a_counter(self):
		assert sr.compact(["ABC", "DEF"]) == "ABC, DEF"
		assert sr.expand("ABC, DEF") == ["ABC", "DEF"]

	def test_nothing(self):
		assert sr.compact([]) == ""
		assert sr.expand("") == []

	def test_a_wrong_range_is_read_as_text(self):
		assert sr.expand("A-1 .. B (3)") == ["A-1 .. B (3)"]

	def test_sorted_as_people_count(self):
		assert sorted(["A-10", "A-9", "B-1", "A-100"], key=sr.by_counter) == ["A-9", "A-10", "A-100", "B-1"]


# --- round trip ----------------------------------------------------------------------------------------

serial_text = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-/._ ", min_size=1, max_size=14).filter(
	lambda s: ".." not in s
)


@st.composite
def runs(draw):
	"""Runs of series (plain or checked) mixed with arbitrary serials, in any order."""
	serials = []
	for _ in range(draw(st.integers(0, 5))):
		if draw(st.booleans()):
			prefix = draw(st.text(alphabet="ABCXYZ-0123456789", max_size=6))
			check = draw(st.sampled_from([None, *cd.ALGORITHMS]))
			width = draw(st.integers(1, 6))
			first = draw(st.integers(0, 10**width - 1))
			run = series(prefix, first, draw(st.integers(1, 30)), width, check)
			serials += [s for s in run if s is not None]
		else:
			serials += draw(st.lists(serial_text, max_size=6))
	if draw(st.booleans()):
		serials = draw(st.permutations(serials))
	return serials


@given(runs())
@example(["A-8", "A-9", "A-10"])
@example(["0", "1", "2"])
@example(["10", "11", "12", "12"])
def test_expanding_gives_back_the_same_serials(serials):
	assert sr.expand(sr.compact(serials)) == serials


@given(runs())
def test_sorted_runs_are_never_longer_than_listed(serials):
	ordered = sorted(serials, key=sr.by_counter)
	text = sr.compact(ordered)
	assert len(text) <= len(sr.SEPARATOR.join(ordered))
	assert sr.expand(text) == ordered
