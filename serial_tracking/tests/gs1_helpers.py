"""Shared helpers of the GS1 integration tests: items with a GTIN of their own, units received with known
serials and maker serials, GS1 codes as scanners send them."""

import random

import frappe

from serial_tracking.gs1.core import identifiers
from serial_tracking.tests import factories as f

GS = "\x1d"


def new_gtin() -> str:
	"""A fresh GTIN-13 (prefix 2: GS1's range for restricted, in-store numbers: never a real product)."""
	while True:
		payload = "2" + "".join(random.choices("0123456789", k=11))
		gtin = payload + identifiers.check_digit(payload)
		if not frappe.db.exists("Item Barcode", {"barcode": gtin}):
			return gtin


def gtin_item(gtin: str | None = None, barcode_type: str = "EAN", **fields):
	"""A serialized item (serials entered or scanned, else generated) with an EAN-13 barcode."""
	gtin = gtin or new_gtin()
	fields.setdefault("st_tracking_mode", "Serialized")
	fields.setdefault("st_series_template", "{ITEM}-{#####}")
	item = f.make_item(barcodes=[{"barcode": gtin, "barcode_type": barcode_type}], **fields)
	return item, gtin.zfill(14)


def received(item, n: int = 1, makers=None, wh=None) -> list[str]:
	"""``n`` units of ``item`` received on a Purchase Receipt (serials generated), in line order."""
	receipt = f.purchase_receipt(item.name, n, makers=makers, wh=wh)
	from serial_tracking.series import labels

	return labels.voucher_serials("Purchase Receipt", receipt.name)


def element_string(
	gtin: str,
	serial: str,
	*,
	lot: str | None = None,
	expiry: str | None = None,
	made: str | None = None,
	symbology: str = "]d2",
) -> str:
	"""What a scanner sends for a GS1 DataMatrix: fixed-length elements first, FNC1 (GS) after variable ones."""
	text = f"{symbology}01{gtin}"
	if made:
		text += f"11{made}"
	if expiry:
		text += f"17{expiry}"
	if lot:
		text += f"10{lot}{GS}"
	return text + f"21{serial}"
