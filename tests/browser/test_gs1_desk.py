"""GS1 codes scanned in the desk as a keyboard-wedge scanner types them (the element string with its group
separators, ASCII 29, then Enter): into a Purchase Receipt's barcode field (the item's line, its maker
serial; the unit keeps the lot and dates at submit) and into a Unit Count."""

import random

import pytest
from conftest import unique
from playwright.sync_api import Page, expect
from test_desk import SLOW, open_form
from test_unit_count import count_with_units, wedge

from serial_tracking.gs1.core import identifiers
from serial_tracking.platform.compat import DESK

GS = "\x1d"


def gtin() -> str:
	payload = "2" + "".join(random.choices("0123456789", k=11))
	return payload + identifiers.check_digit(payload)


# A wedge scanner's keys reach the page in one go, or (a busy machine) with a pause in the middle of the
# code a little longer than the 500 ms after which Frappe sets the field and runs the form's scan handlers.
@pytest.mark.parametrize("pause", [0, 600], ids=["in-one-go", "paused-mid-code"])
def test_a_gs1_datamatrix_scanned_into_a_purchase_receipt(page: Page, api, pause: int):
	code = gtin()
	item = api.item(
		"Serialized", template="{ITEM}-{#####}", barcodes=[{"barcode": code, "barcode_type": "EAN"}]
	)
	page.goto(f"{DESK}/purchase-receipt/new", wait_until="domcontentloaded")
	page.wait_for_function("() => window.cur_frm && cur_frm.doctype === 'Purchase Receipt'", timeout=SLOW)
	page.evaluate(
		"([supplier, warehouse]) => { cur_frm.set_value('supplier', supplier); cur_frm.set_value('set_warehouse', warehouse); }",
		[api.supplier, api.warehouse],
	)
	scan = page.locator('.frappe-control[data-fieldname="scan_barcode"] input')
	expect(scan).to_be_visible(timeout=SLOW)
	serial = unique("SN")[:20]
	text = f"]d201{code.zfill(14)}1125030117280331" + f"10LOT-7{GS}21{serial}"
	scan.click()
	if pause:
		half = len(text) // 2
		scan.press_sequentially(text[:half], delay=5)
		page.wait_for_timeout(pause)
		scan.press_sequentially(text[half:], delay=5)
	else:
		scan.press_sequentially(text, delay=5)
	scan.press("Enter")
	page.wait_for_function(
		"(item) => (cur_frm.doc.items || []).some(r => r.item_code === item && (r.st_maker_serials || '').includes('(21)'))",
		arg=item,
		timeout=SLOW,
	)
	page.keyboard.press("Control+s")
	page.wait_for_function("() => !cur_frm.doc.__islocal && !cur_frm.is_dirty()", timeout=SLOW)
	name = page.evaluate("() => cur_frm.doc.name")
	row = api.get_doc("Purchase Receipt", name)["items"][0]
	assert (row["item_code"], row["qty"], row["st_maker_serials"]) == (item, 1, serial), row
	assert "(10)LOT-7" in row["st_gs1_codes"]


def test_a_gs1_code_scanned_into_a_unit_count(page: Page, api):
	count, (a1, _a2) = count_with_units(api, 2)
	item = api.get_doc("Serial No", a1)["item_code"]
	code = gtin()
	doc = api.get_doc("Item", item)
	api.update(
		"Item", item, {"barcodes": [*doc.get("barcodes", []), {"barcode": code, "barcode_type": "EAN"}]}
	)
	maker = unique("MK")[:20]  # (21) holds 20 characters: the browser tests' serials are longer
	api.update("Serial No", a1, {"st_maker_serial": maker})
	open_form(page, "Unit Count", count)
	expect(page.locator(".st-scan-input")).to_be_visible(timeout=SLOW)
	wedge(page, f"]d201{code.zfill(14)}10L1{GS}21{maker}")
	line = page.locator(".st-scan-feed .st-scan-line").first
	expect(line).to_have_attribute("data-verdict", "Expected", timeout=SLOW)
	expect(line).to_contain_text(a1)
