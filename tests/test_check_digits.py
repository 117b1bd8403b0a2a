import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from serial_tracking.platform.core.errors import CheckDigitError
from serial_tracking.series.core import check_digits as cd

digits = st.text(alphabet="0123456789", min_size=1, max_size=30)
alnum = st.text(alphabet=cd.ALPHANUMERIC, min_size=1, max_size=30)


class TestKnownValues:
	def test_luhn(self):
		# The classic example from ISO/IEC 7812: 7992739871 -> 3
		assert cd.luhn("7992739871") == "3"
		assert cd.is_valid("79927398713", cd.LUHN)
		assert not cd.is_valid("79927398710", cd.LUHN)

	def test_gs1(self):
		# GTIN-13 4006381333931 and GTIN-12 036000291452
		assert cd.gs1("400638133393") == "1"
		assert cd.gs1("03600029145") == "2"

	def test_iso7064_mod37_36(self):
		# Global Release Identifier example from its specification: A12425GABC1234002M
		assert cd.mod37_36("A12425GABC1234002") == "M"
		assert cd.is_valid("A12425GABC1234002M", cd.MOD37_36)

	def test_separators_are_presentation_only(self):
		assert cd.luhn("7992-7398-71") == "3"
		assert cd.mod37_36("A12425-GABC-1234002") == "M"

	def test_lowercase_is_read_as_uppercase(self):
		assert cd.mod37_36("a12425gabc1234002") == "M"


class TestRefusals:
	def test_luhn_refuses_letters_and_says_what_to_use(self):
		with pytest.raises(CheckDigitError, match="MOD37_36"):
			cd.luhn("LAP123")

	def test_nothing_to_cover(self):
		with pytest.raises(CheckDigitError, match="nothing"):
			cd.gs1("--")

	def test_unknown_algorithm(self):
		with pytest.raises(CheckDigitError, match="Unknown check digit"):
			cd.check_character("123", "VERHOEFF")

	def test_verify_names_the_serial(self):
		with pytest.raises(CheckDigitError, match="79927398710"):
			cd.verify("79927398710", cd.LUHN)

	def test_invalid_shapes_are_not_valid(self):
		assert not cd.is_valid("7", cd.LUHN)
		assert not cd.is_valid("ABC1", cd.LUHN)


@given(digits, st.sampled_from([cd.LUHN, cd.GS1]))
def test_numeric_serial_passes_its_own_check(payload, algorithm):
	assert cd.is_valid(payload + cd.check_character(payload, algorithm), algorithm)


@given(alnum)
def test_alphanumeric_serial_passes_its_own_check(payload):
	assert cd.is_valid(payload + cd.mod37_36(payload), cd.MOD37_36)


@given(digits, st.sampled_from([cd.LUHN, cd.GS1]), st.data())
def test_any_single_digit_change_is_caught(payload, algorithm, data):
	serial = payload + cd.check_character(payload, algorithm)
	position = data.draw(st.integers(0, len(serial) - 1))
	replacement = data.draw(st.sampled_from("0123456789"))
	assume(replacement != serial[position])
	changed = serial[:position] + replacement + serial[position + 1 :]
	assert not cd.is_valid(changed, algorithm)


@given(alnum, st.data())
def test_any_single_character_change_is_caught_by_mod37_36(payload, data):
	serial = payload + cd.mod37_36(payload)
	position = data.draw(st.integers(0, len(serial) - 1))
	replacement = data.draw(st.sampled_from(cd.ALPHANUMERIC))
	assume(replacement != serial[position])
	changed = serial[:position] + replacement + serial[position + 1 :]
	assert not cd.is_valid(changed, cd.MOD37_36)
