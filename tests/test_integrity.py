from serial_tracking.actions.core import integrity as ic
from serial_tracking.units.core import lifecycle as lc

RECEIPT = ic.Position("Stores", 1, "Purchase Receipt", "PR-1")
SALE = ic.Position("Stores", -1, "Delivery Note", "DN-1")
ISSUE = ic.Position("Stores", -1, "Stock Entry", "SE-1", "Material Issue")


def test_expected_after_the_last_movement():
	assert ic.expected(RECEIPT) == ic.Expected("Stores", "Active", lc.IN_STOCK, "Purchase Receipt", "PR-1")
	assert ic.expected(SALE).status == "Delivered"
	assert ic.expected(ISSUE).lifecycle == lc.CONSUMED
	assert ic.expected(None) == ic.Expected(None, "Inactive", None)


def test_problems_are_codes():
	assert ic.problems(ic.Unit("Stores", "Active", lc.IN_STOCK), ic.expected(RECEIPT)) == frozenset()
	assert ic.problems(ic.Unit(None, "Delivered", lc.IN_STOCK), ic.expected(RECEIPT)) == {
		ic.WAREHOUSE,
		ic.STATUS,
	}
	assert ic.problems(ic.Unit(None, "Delivered", lc.IN_STOCK), ic.expected(SALE)) == {ic.LIFECYCLE}
	# any status but Active agrees with a unit out of stock
	assert ic.problems(ic.Unit(None, "Inactive", lc.DELIVERED), ic.expected(SALE)) == frozenset()


def test_a_lifecycle_drift_leaves_erpnext_status_alone():
	unit = ic.Unit(None, "Inactive", lc.IN_STOCK)
	found = ic.problems(unit, ic.expected(SALE))
	assert found == {ic.LIFECYCLE}
	assert ic.repaired(unit, ic.expected(SALE), found) == ic.Unit(None, "Inactive", lc.DELIVERED)


def test_repair_takes_the_ledger_for_every_problem():
	unit = ic.Unit(None, "Delivered", lc.DELIVERED)
	found = ic.problems(unit, ic.expected(RECEIPT))
	assert ic.repaired(unit, ic.expected(RECEIPT), found) == ic.Unit("Stores", "Active", lc.IN_STOCK)


def test_never_moved_and_not_on_hand_is_not_compared():
	assert not ic.worth_comparing(ic.Unit(None, "Inactive", None), None)
	assert ic.worth_comparing(ic.Unit(None, "Inactive", lc.IN_STOCK), None)
