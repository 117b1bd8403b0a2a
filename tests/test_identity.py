import pytest

from serial_tracking.series.core import identity
from serial_tracking.series.core.identity import IdentityError, Incoming, Known


def test_a_serial_of_another_item_is_found_whatever_its_case():
	known = {"SN-1": Known("SN-1", "LAPTOP")}  # the database answers "sn-1" with the stored "SN-1"
	with pytest.raises(IdentityError, match="already belongs to item LAPTOP"):
		identity.check_incoming([Incoming(1, "PHONE", "sn-1")], known, {})


def test_a_unit_on_hand_is_found_whatever_its_case():
	known = {"SN-1": Known("SN-1", "LAPTOP", "Stores")}
	with pytest.raises(IdentityError, match="already on hand in Stores"):
		identity.check_incoming([Incoming(1, "LAPTOP", "sn-1")], known, {})


def test_a_unit_that_left_stock_may_come_back():
	identity.check_incoming([Incoming(1, "LAPTOP", "sn-1")], {"SN-1": Known("SN-1", "LAPTOP")}, {})


def test_a_unit_expected_where_it_is_may_come_in():
	"""An internal transfer received on a Purchase Receipt, or a count, brings in a unit on hand at the
	line's source: that is not a second receipt of it."""
	unit = identity.Incoming(row=1, item_code="LAPTOP", serial="A1", expected_at="Transit")
	identity.check_incoming([unit], {"A1": identity.Known("A1", "LAPTOP", "Transit")}, {})
	with pytest.raises(identity.IdentityError, match="already on hand in Stores"):
		identity.check_incoming([unit], {"A1": identity.Known("A1", "LAPTOP", "Stores")}, {})
