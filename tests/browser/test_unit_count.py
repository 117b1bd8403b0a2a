"""A Unit Count in the desk, end to end in Chromium: scan into the form as a keyboard-wedge scanner does
(the serial typed, then Enter), see each answer and the running totals without a reload, close and
approve; and the same scanning on a phone-sized screen."""

from urllib.parse import quote

from conftest import BASE_URL, unique
from playwright.sync_api import Page, expect
from test_desk import SLOW, open_form, primary_action

from serial_tracking.platform.compat import DESK


def count_with_units(api, units: int = 3) -> tuple[str, list[str]]:
	"""A new warehouse holding ``units`` new units, and an open count of it."""
	warehouse = api.insert(
		{"doctype": "Warehouse", "warehouse_name": unique("Count"), "company": api.company}
	)["name"]
	code = api.item("Serialized", template="{ITEM}-{#####}")
	api.insert(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": api.company,
			"docstatus": 1,
			"items": [{"item_code": code, "qty": units, "t_warehouse": warehouse, "basic_rate": 60}],
		}
	)
	count = api.insert({"doctype": "Unit Count", "company": api.company, "warehouse": warehouse})["name"]
	return count, api.serials(code)


def wedge(page: Page, text: str) -> None:
	"""What a keyboard-wedge scanner does: types the code into the focused field, then Enter."""
	scan_input = page.locator(".st-scan-input")
	scan_input.click()
	scan_input.press_sequentially(text, delay=5)
	scan_input.press("Enter")


def test_scan_into_the_form_close_and_approve(page: Page, api):
	count, (a1, a2, a3) = count_with_units(api)
	open_form(page, "Unit Count", count)
	feed = page.locator(".st-scan-feed")
	expect(page.locator(".st-scan-input")).to_be_visible(timeout=SLOW)
	expect(page.locator('.st-scan-totals [data-total="Expected"]')).to_contain_text("3")

	for text in (a1, a2, a1, unique("ZZ")):
		wedge(page, text)
	expect(feed.locator(".st-scan-line")).to_have_count(4, timeout=SLOW)
	lines = feed.locator(".st-scan-line")  # newest first
	expect(lines.nth(0)).to_have_attribute("data-verdict", "Unknown")
	expect(lines.nth(1)).to_have_attribute("data-verdict", "Already Scanned")
	expect(lines.nth(2)).to_have_attribute("data-verdict", "Expected")
	expect(lines.nth(2)).to_contain_text(a2)
	expect(page.locator('.st-scan-totals [data-total="Found"]')).to_contain_text("2")
	expect(page.locator('.st-scan-totals [data-total="Scans"]')).to_contain_text("4")
	assert page.evaluate("() => !cur_frm.is_dirty()"), "scanning never dirties or reloads the form"
	assert len(api.get_list("Unit Count Scan", [["unit_count", "=", count]])) == 4

	primary_action(page, "Close Count").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Closed'", timeout=SLOW)
	results = page.locator('.frappe-control[data-fieldname="results"]')
	expect(results).to_contain_text(a3, timeout=SLOW)
	expect(results).to_contain_text("Missing")
	assert page.evaluate("() => cur_frm.doc.found") == 2

	primary_action(page, "Approve").click()
	page.locator(".modal:visible").get_by_role("button", name="Yes").click()
	page.wait_for_function("() => cur_frm.doc.docstatus === 1", timeout=SLOW)
	done = api.get_doc("Unit Count", count)
	assert (done["status"], done["missing"]) == ("Approved", 1)
	assert done["lost_entry"], done
	assert api.get_doc("Serial No", a3)["st_lifecycle_status"] == "Lost"
	assert api.get_doc("Serial No", a1)["st_last_counted"]


def test_scanning_on_a_phone_sized_screen(browser, auth_state, api):
	count, (a1, _a2) = count_with_units(api, 2)
	context = browser.new_context(
		storage_state=auth_state,
		base_url=BASE_URL,
		viewport={"width": 390, "height": 844},
		is_mobile=True,
		has_touch=True,
	)
	try:
		page = context.new_page()
		page.goto(f"{DESK}/unit-count/{quote(count, safe='')}", wait_until="domcontentloaded")
		scan_input = page.locator(".st-scan-input")
		expect(scan_input).to_be_visible(timeout=SLOW)
		box = scan_input.bounding_box()
		assert box and box["width"] > 200, box
		wedge(page, a1)
		expect(page.locator(".st-scan-feed .st-scan-line").first).to_have_attribute(
			"data-verdict", "Expected", timeout=SLOW
		)
		# No BarcodeDetector in headless Chromium on Linux: the camera button stays hidden, typing works.
		camera = page.locator(".st-scan-camera")
		if page.evaluate("() => 'BarcodeDetector' in window"):
			expect(camera).to_be_visible()
		else:
			expect(camera).to_be_hidden()
	finally:
		context.close()
