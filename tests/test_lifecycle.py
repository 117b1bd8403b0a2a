from datetime import date
from itertools import product

import pytest

from serial_tracking.platform.core.errors import TransitionError
from serial_tracking.units.core import lifecycle as lc

# The whole table: (from status, action) -> to status. Every pair not listed is refused.
ALLOWED = {
	(lc.IN_STOCK, lc.CHECK_OUT): lc.ON_LOAN,
	(lc.ON_LOAN, lc.CHECK_IN): lc.IN_STOCK,
	(lc.IN_STOCK, lc.SEND_TO_REPAIR): lc.IN_REPAIR,
	(lc.IN_REPAIR, lc.BACK_FROM_REPAIR): lc.IN_STOCK,
	(lc.IN_STOCK, lc.RESERVE): lc.RESERVED,
	(lc.RESERVED, lc.UNRESERVE): lc.IN_STOCK,
	(lc.IN_STOCK, lc.MARK_LOST): lc.LOST,
	(lc.RESERVED, lc.MARK_LOST): lc.LOST,
	(lc.ON_LOAN, lc.MARK_LOST): lc.LOST,
	(lc.IN_REPAIR, lc.MARK_LOST): lc.LOST,
	(lc.LOST, lc.MARK_FOUND): lc.IN_STOCK,
	(lc.IN_STOCK, lc.RETIRE): lc.RETIRED,
	(lc.IN_REPAIR, lc.RETIRE): lc.RETIRED,
}


@pytest.mark.parametrize("status, action", list(product((None, *lc.STATUSES), lc.ACTIONS)))
def test_every_status_and_action_pair(status, action):
	expected = ALLOWED.get((status, action))
	if expected:
		assert lc.transition(status, action, serial="U1") == expected
		return
	with pytest.raises(TransitionError) as refused:
		lc.transition(status, action, serial="U1")
	reason = refused.value
	assert reason.params["serial"] == "U1"
	assert reason.params["action"] == action
	# The refusal names the states the action is possible from.
	for allowed_from in lc.ACTIONS[action].allowed_from:
		assert allowed_from in reason.params["allowed"]


def test_table_covers_every_action():
	assert {action for _status, action in ALLOWED} == set(lc.ACTIONS)


def test_stock_actions_are_the_ones_that_change_quantity():
	assert {a.name for a in lc.ACTIONS.values() if a.stock} == {lc.MARK_LOST, lc.MARK_FOUND, lc.RETIRE}


def test_unknown_action():
	with pytest.raises(TransitionError, match="Unknown unit action"):
		lc.transition(lc.IN_STOCK, "Teleport")


def test_conditions():
	lc.check_condition("Needs Repair")
	lc.check_condition(None)
	with pytest.raises(TransitionError, match="Condition must be one of"):
		lc.check_condition("Sparkly")


@pytest.mark.parametrize("status", lc.STATUSES)
def test_only_available_units_can_be_sold_or_moved(status):
	if status in (lc.IN_STOCK, lc.RESERVED, lc.DELIVERED, lc.RETURNED, lc.CONSUMED, None):
		lc.check_available("U1", status, doing=lc.SELL)
	else:
		with pytest.raises(TransitionError, match="cannot be sold or delivered"):
			lc.check_available("U1", status, doing=lc.SELL)


def test_overdue_days():
	today = date(2026, 11, 21)
	assert lc.overdue(date(2026, 11, 1), today) == 20
	assert lc.overdue(date(2026, 12, 1), today) == 0
	assert lc.overdue(None, today) == 0


def test_check_out_needs_a_custodian_and_a_due_date():
	lc.check_custodian("Employee", "EMP-1", date(2026, 12, 1))
	with pytest.raises(TransitionError, match="Employee or a Customer"):
		lc.check_custodian("Supplier", "S", date(2026, 12, 1))
	with pytest.raises(TransitionError, match="Employee or a Customer"):
		lc.check_custodian("Employee", "", date(2026, 12, 1))
	with pytest.raises(TransitionError, match="due back"):
		lc.check_custodian("Customer", "C", None)


def test_a_unit_merged_into_a_count_cannot_be_issued():
	with pytest.raises(TransitionError, match="cannot be issued or consumed"):
		lc.check_available("U1", lc.COLLAPSED, doing=lc.ISSUE)


def test_availability_sets_agree():
	assert lc.UNAVAILABLE.isdisjoint(lc.AVAILABLE)
	assert lc.ENGAGED <= lc.ON_HAND
