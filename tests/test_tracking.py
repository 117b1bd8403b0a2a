import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.platform.core.errors import TrackingModeError
from serial_tracking.series.core import tracking
from serial_tracking.series.core.tracking import QUANTITY, SERIALIZED, ItemTracking


def item(**kw):
	base = {"item_code": "LAPTOP", "tracking_mode": QUANTITY, "has_serial_no": False}
	return ItemTracking(**{**base, **kw})


modes = st.sampled_from([QUANTITY, SERIALIZED, None])


class TestResolveMode:
	def test_new_item_serialized_by_mode_or_flag(self):
		assert tracking.resolve_mode(None, item(tracking_mode=SERIALIZED)) == SERIALIZED
		assert tracking.resolve_mode(None, item(has_serial_no=True)) == SERIALIZED
		assert tracking.resolve_mode(None, item()) == QUANTITY

	def test_changed_mode_wins(self):
		before = item(tracking_mode=QUANTITY, has_serial_no=False)
		assert tracking.resolve_mode(before, item(tracking_mode=SERIALIZED)) == SERIALIZED

	def test_changed_flag_alone_moves_the_mode(self):
		before = item(tracking_mode=QUANTITY, has_serial_no=False)
		assert tracking.resolve_mode(before, item(tracking_mode=QUANTITY, has_serial_no=True)) == SERIALIZED
		before = item(tracking_mode=SERIALIZED, has_serial_no=True)
		assert tracking.resolve_mode(before, item(tracking_mode=SERIALIZED, has_serial_no=False)) == QUANTITY

	def test_both_changed_mode_wins(self):
		before = item(tracking_mode=SERIALIZED, has_serial_no=True)
		after = item(tracking_mode=QUANTITY, has_serial_no=True)
		assert tracking.resolve_mode(before, after) == QUANTITY

	def test_unknown_mode_refused(self):
		with pytest.raises(TrackingModeError, match="Quantity or Serialized"):
			tracking.resolve_mode(None, item(tracking_mode="Batch"))

	@given(modes, st.booleans(), modes, st.booleans())
	def test_result_is_a_mode_and_unchanged_input_is_kept(self, m1, f1, m2, f2):
		before = item(tracking_mode=m1, has_serial_no=f1)
		after = item(tracking_mode=m2, has_serial_no=f2)
		result = tracking.resolve_mode(before, after)
		assert result in tracking.MODES
		if m1 == m2 and f1 == f2 and m2:
			assert result == m2


class TestCheckItem:
	def test_serialized_non_stock_item_refused(self):
		with pytest.raises(TrackingModeError, match="does not maintain stock"):
			tracking.check_item(
				item(tracking_mode=SERIALIZED, is_stock_item=False, serial_source=tracking.SOURCE_MANUAL)
			)

	def test_fixed_asset_may_be_serialized(self):
		tracking.check_item(
			item(
				tracking_mode=SERIALIZED,
				is_stock_item=False,
				is_fixed_asset=True,
				serial_source=tracking.SOURCE_MANUAL,
			)
		)

	def test_quantity_non_stock_item_is_fine(self):
		tracking.check_item(item(is_stock_item=False))

	def test_variant_must_follow_template(self):
		with pytest.raises(TrackingModeError, match="Variants follow their template") as info:
			tracking.check_item(
				item(tracking_mode=QUANTITY, variant_of="LAPTOP-TPL"), template_mode=SERIALIZED
			)
		assert info.value.params["template"] == "LAPTOP-TPL"

	def test_variant_matching_template_is_fine(self):
		tracking.check_item(
			item(tracking_mode=SERIALIZED, variant_of="T", serial_source=tracking.SOURCE_MANUAL),
			template_mode=SERIALIZED,
		)

	def test_generating_without_template_refused(self):
		with pytest.raises(TrackingModeError, match="no Series Template"):
			tracking.check_item(item(tracking_mode=SERIALIZED, serial_source=tracking.SOURCE_SERIES))

	def test_generating_with_erpnext_series_is_fine(self):
		tracking.check_item(
			item(tracking_mode=SERIALIZED, serial_source=tracking.SOURCE_BLANK, erpnext_series="SN-.#####")
		)

	def test_unknown_source_refused(self):
		with pytest.raises(TrackingModeError, match="Serials Arrive By"):
			tracking.check_item(item(tracking_mode=SERIALIZED, serial_source="Telepathy"))

	def test_default_source(self):
		assert tracking.default_serial_source(item(series_template="{#####}")) == tracking.SOURCE_BLANK
		assert tracking.default_serial_source(item()) == tracking.SOURCE_MANUAL


class TestModeSwitch:
	def test_switch_without_transactions_allowed(self):
		tracking.check_mode_switch(QUANTITY, SERIALIZED, item_code="X")

	def test_no_switch_is_always_allowed(self):
		tracking.check_mode_switch(
			SERIALIZED, SERIALIZED, item_code="X", linked_voucher=("Delivery Note", "DN-1")
		)

	def test_switch_with_transactions_points_to_mode_change(self):
		with pytest.raises(TrackingModeError, match="Tracking Mode Change") as info:
			tracking.check_mode_switch(
				QUANTITY, SERIALIZED, item_code="X", linked_voucher=("Purchase Receipt", "PR-1")
			)
		assert info.value.params["name"] == "PR-1"

	def test_template_with_variant_stock_refused(self):
		with pytest.raises(TrackingModeError, match="Variant X-RED"):
			tracking.check_mode_switch(QUANTITY, SERIALIZED, item_code="X", variant_with_stock="X-RED")


@pytest.mark.parametrize(
	"source, template, erpnext_series, by",
	[
		(tracking.SOURCE_BLANK, True, False, tracking.BY_APP),
		(tracking.SOURCE_SERIES, True, True, tracking.BY_APP),
		(tracking.SOURCE_BLANK, False, True, tracking.BY_ERPNEXT),
		# ERPNext fills blank serials from its own series even when the app's setting says "enter"
		(tracking.SOURCE_MANUAL, True, True, tracking.BY_ERPNEXT),
		(tracking.SOURCE_MANUAL, False, False, None),
		(tracking.SOURCE_BLANK, False, False, None),
	],
)
def test_who_fills_blank_serials(source, template, erpnext_series, by):
	assert tracking.blank_serials_by(source, template, erpnext_series) == by
