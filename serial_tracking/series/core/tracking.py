"""Per-item tracking mode: a count (Quantity) or one record per unit (Serialized).

The mode is the user's choice; ERPNext's ``has_serial_no`` follows it. Items written by ERPNext
itself, by imports or by other apps may set ``has_serial_no`` directly, so the mode also follows
``has_serial_no`` when only that flag changed.
"""

from dataclasses import dataclass

from serial_tracking.platform.core.errors import TrackingModeError
from serial_tracking.platform.core.i18n import _

QUANTITY = "Quantity"
SERIALIZED = "Serialized"
MODES = (QUANTITY, SERIALIZED)

# How the serials of a serialized item arrive (values of a Select the desk shows translated: marked).
SOURCE_SERIES = _("Generate from series")
SOURCE_MANUAL = _("Enter or scan")
SOURCE_BLANK = _("Generate when left blank")
SOURCES = (SOURCE_SERIES, SOURCE_MANUAL, SOURCE_BLANK)
GENERATING_SOURCES = (SOURCE_SERIES, SOURCE_BLANK)


@dataclass(frozen=True)
class ItemTracking:
	"""The tracking-relevant facts of one Item as saved or about to be saved."""

	item_code: str
	tracking_mode: str | None
	has_serial_no: bool
	is_stock_item: bool = True
	is_fixed_asset: bool = False
	has_variants: bool = False
	variant_of: str | None = None
	serial_source: str | None = None
	series_template: str | None = None
	erpnext_series: str | None = None

	@property
	def serialized(self) -> bool:
		return self.tracking_mode == SERIALIZED


def mode_of(tracking_mode: str | None, has_serial_no) -> str:
	"""An item's mode as saved: its Tracking Mode, or what ERPNext's has_serial_no says when it has none
	(items saved before the app was installed, or written around it)."""
	return tracking_mode or (SERIALIZED if has_serial_no else QUANTITY)


def resolve_mode(before: ItemTracking | None, after: ItemTracking) -> str:
	"""The mode the item is saved with.

	A new item is serialized when either the mode or ``has_serial_no`` says so. On an existing item
	the field the user changed wins; when both changed, the mode wins.
	"""
	if after.tracking_mode not in (*MODES, None, ""):
		raise TrackingModeError(
			_("Tracking Mode must be Quantity or Serialized, not {mode}."), mode=after.tracking_mode
		)
	if before is None:
		return SERIALIZED if after.tracking_mode == SERIALIZED or after.has_serial_no else QUANTITY

	mode_changed = (after.tracking_mode or None) != (before.tracking_mode or None)
	flag_changed = bool(after.has_serial_no) != bool(before.has_serial_no)
	if flag_changed and not mode_changed:
		return SERIALIZED if after.has_serial_no else QUANTITY
	if after.tracking_mode:
		return after.tracking_mode
	return SERIALIZED if after.has_serial_no else QUANTITY


BY_APP = "app"
BY_ERPNEXT = "erpnext"


def blank_serials_by(source: str | None, has_template: bool, has_erpnext_series: bool) -> str | None:
	"""Who fills a receipt line's blank serials: the app from its series template (unless serials are
	to be entered), else ERPNext from the item's own Serial Number Series (ERPNext always fills blank
	serials from it, whatever the app's setting), else nobody: the serials must be entered."""
	if source != SOURCE_MANUAL and has_template:
		return BY_APP
	if has_erpnext_series:
		return BY_ERPNEXT
	return None


def default_serial_source(item: ItemTracking) -> str:
	"""Serials are generated when the item has a series to generate them from, else entered."""
	return SOURCE_BLANK if (item.series_template or item.erpnext_series) else SOURCE_MANUAL


def check_item(item: ItemTracking, *, template_mode: str | None = None) -> None:
	"""Refuse a tracking set-up that cannot work. ``template_mode`` is the mode of the variant's template."""
	if item.serialized and not (item.is_stock_item or item.is_fixed_asset):
		raise TrackingModeError(
			_(
				"{item} does not maintain stock, so it cannot be tracked as serialized units. "
				"Tick Maintain Stock first, or keep its Tracking Mode as Quantity."
			),
			item=item.item_code,
		)
	if item.variant_of and template_mode and item.tracking_mode != template_mode:
		raise TrackingModeError(
			_(
				"{item} is a variant of {template}, whose Tracking Mode is {mode}. Variants follow their "
				"template: change the Tracking Mode on {template}."
			),
			item=item.item_code,
			template=item.variant_of,
			mode=template_mode,
		)
	if item.serialized and item.serial_source not in SOURCES:
		raise TrackingModeError(_("Serials Arrive By must be one of: {sources}."), sources=", ".join(SOURCES))
	if item.serialized and item.serial_source in GENERATING_SOURCES:
		if not (item.series_template or item.erpnext_series):
			raise TrackingModeError(
				_(
					"{item} generates its serials ({source}) but has no Series Template. Set a "
					"Series Template, or choose Enter or scan."
				),
				item=item.item_code,
				source=item.serial_source,
			)


def check_mode_switch(
	before_mode: str | None,
	after_mode: str,
	*,
	item_code: str,
	linked_voucher: tuple[str, str] | None = None,
	variant_with_stock: str | None = None,
) -> None:
	"""An item's mode can be switched by editing it only while nothing has been transacted.

	``linked_voucher`` is a submitted (doctype, name) that moved the item; ``variant_with_stock`` a
	variant of this template that has stock transactions.
	"""
	if not before_mode or before_mode == after_mode:
		return
	if linked_voucher:
		raise TrackingModeError(
			_(
				"{item} already has submitted stock transactions (for example {doctype} {name}), so "
				"switching it from {before} to {after} must convert the stock on hand. Use the "
				"Change Tracking Mode button on the item: a Tracking Mode Change keeps quantities "
				"and values and records the switch in the stock ledger."
			),
			item=item_code,
			doctype=linked_voucher[0],
			name=linked_voucher[1],
			before=before_mode,
			after=after_mode,
		)
	if variant_with_stock:
		raise TrackingModeError(
			_(
				"Variant {variant} of {item} already has stock transactions, so the template's "
				"Tracking Mode cannot be switched by editing it. Switch each variant with stock "
				"through a Tracking Mode Change."
			),
			item=item_code,
			variant=variant_with_stock,
		)
