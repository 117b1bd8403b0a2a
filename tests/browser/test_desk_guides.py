"""What the desk says and offers, in Chromium (issue 30): a submitted receipt lists its serials, a Unit
Count shows what is left to find and its own status, the Item form says which field is in charge, the
Serial No list offers only the actions the selected units can take (one name for each), and the app's
reports sit under its workspace."""

from urllib.parse import quote

from playwright.sync_api import Page, expect
from test_desk import SLOW, open_form
from test_unit_count import count_with_units, wedge

from serial_tracking.platform.compat import DESK


def test_a_submitted_receipt_lists_its_serials(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	receipt = api.purchase_receipt(code, 4, submit=True)["name"]
	open_form(page, "Purchase Receipt", receipt)
	section = page.locator(".st-line-serials")
	expect(section).to_contain_text(f"{code}-00001 .. 00004 (4)", timeout=SLOW)


def test_a_unit_count_shows_what_is_left_to_find_and_its_status(page: Page, api):
	count, (a1, a2, a3) = count_with_units(api)
	open_form(page, "Unit Count", count)
	expect(page.locator(".page-head:visible .indicator-pill").first).to_have_text("Open", timeout=SLOW)
	wedge(page, a2)
	expect(page.locator('.st-scan-totals [data-total="Found"]')).to_contain_text("1", timeout=SLOW)
	left = page.locator('.st-scan-totals [data-total="Not Yet Scanned"]')
	expect(left).to_contain_text("2")
	left.click()
	dialog = page.locator(".modal:visible")
	expect(dialog).to_contain_text("Not Yet Scanned: 2", timeout=SLOW)
	for unit in (a1, a3):
		expect(dialog).to_contain_text(unit)
	expect(dialog).not_to_contain_text(a2)


def test_the_item_form_says_which_field_is_in_charge(page: Page, api):
	serialized = api.item("Serialized", template="{ITEM}-{#####}", st_customer_warranty_days=365)
	open_form(page, "Item", serialized)
	page.locator(".form-tabs .nav-link", has_text="Inventory").first.click()
	page.wait_for_function("() => cur_frm.get_field('serial_no_series').df.read_only == 1", timeout=SLOW)
	series = page.evaluate("() => cur_frm.get_field('serial_no_series').df.description")
	assert "Series Template" in series and "Not used" in series, series
	warranty = page.evaluate("() => cur_frm.get_field('warranty_period').df")
	assert warranty["read_only"] == 1 and "Customer Warranty" in warranty["description"], warranty
	assert api.get_doc("Item", serialized)["warranty_period"] == "365"

	by_quantity = api.item("Quantity")
	open_form(page, "Item", by_quantity)
	assert page.evaluate("() => cur_frm.get_field('warranty_period').df.read_only") == 0


def test_the_serial_no_list_offers_what_the_selected_units_can_take(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	api.receive(code, 2)
	sold, kept = api.serials(code)
	api.insert(
		{
			"doctype": "Delivery Note",
			"company": api.company,
			"customer": customer(api),
			"docstatus": 1,
			"items": [
				{
					"item_code": code,
					"qty": 1,
					"rate": 10,
					"warehouse": api.warehouse,
					"serial_no": sold,
					"use_serial_batch_fields": 1,
				}
			],
		}
	)
	page.goto(f"{DESK}/serial-no?item_code={quote(code)}", wait_until="domcontentloaded")
	rows = page.locator(".frappe-list .list-row-container .list-row")
	expect(rows).to_have_count(2, timeout=SLOW)
	actions = page.locator(".page-head:visible .actions-btn-group")

	def offered(serials: list[str]) -> list[str]:
		page.evaluate("() => cur_list.clear_checked_items()")
		for serial in serials:
			page.locator(f'.list-row-checkbox[data-name="{serial}"]').check()
		actions.locator("> button").click()
		items = actions.locator(".dropdown-menu li.user-action:not(.hidden) a")
		expect(items.first).to_be_visible(timeout=SLOW)
		labels = [text.strip() for text in items.all_inner_texts()]
		page.keyboard.press("Escape")
		return labels

	in_stock = offered([kept])
	assert {"Check Out", "Reserve", "Set Condition", "Print Labels"} <= set(in_stock), in_stock
	assert "Condition Changed" not in in_stock and "Check In" not in in_stock, in_stock
	both = offered([kept, sold])
	assert "Check Out" not in both and "Set Condition" not in both, both
	assert "Print Labels" in both, both


def test_the_apps_reports_sit_under_its_workspace(page: Page):
	for report in ("Recall Trace", "Quantity Cost of Sale", "Upcoming Maintenance"):
		page.goto(f"{DESK}/query-report/{quote(report)}", wait_until="domcontentloaded")
		# Frappe 15's navbar holds them (#navbar-breadcrumbs); Frappe 16 puts them in each page's head
		crumbs = page.locator("#navbar-breadcrumbs, .navbar-breadcrumbs:visible").first
		expect(crumbs).to_contain_text("Serial Tracking", timeout=SLOW)


def customer(api) -> str:
	name = "ST Browser Customer"
	if not api.get_list("Customer", [["name", "=", name]]):
		api.insert({"doctype": "Customer", "customer_name": name, "customer_type": "Company"})
	return name
