import pytest

from serial_tracking.core import identity
from serial_tracking.core.identity import IdentityError, Incoming, Known


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
