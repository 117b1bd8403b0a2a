"""What covers a delivered unit's customer on a day (the status ERPNext shows on a Warranty Claim)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.maintenance.core import cover

DAY = date(2026, 6, 1)
days = st.one_of(st.none(), st.integers(-400, 400).map(lambda n: DAY + timedelta(days=n)))


def test_warranty_first_then_the_service_contract():
	later, earlier = DAY + timedelta(days=10), DAY - timedelta(days=10)
	assert cover.customer_cover(later, later, DAY) == cover.UNDER_WARRANTY
	assert cover.customer_cover(earlier, later, DAY) == cover.UNDER_AMC
	assert cover.customer_cover(DAY, None, DAY) == cover.UNDER_WARRANTY, "the last day still covers"
	assert cover.customer_cover(earlier, earlier, DAY) == cover.OUT_OF_WARRANTY
	assert cover.customer_cover(None, earlier, DAY) == cover.OUT_OF_AMC
	assert cover.customer_cover(None, None, DAY) is None


@given(days, days)
def test_covered_exactly_while_one_of_them_runs(warranty, contract):
	status = cover.customer_cover(warranty, contract, DAY)
	running = any(end and end >= DAY for end in (warranty, contract))
	assert (status in (cover.UNDER_WARRANTY, cover.UNDER_AMC)) == running
	assert (status is None) == (warranty is None and contract is None)
