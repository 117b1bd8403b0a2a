"""The desk opened cold on the demo data, as a user meets it: every workspace link and shortcut clicked,
every report typed in with no filters and with the demo's typical ones, every list and new form of the
app's doctypes, the Serial No list and its On hand / All switch, the Serial No and Item forms of the
demo's units. Fails on any error dialog or red alert, console error, request answered with HTTP >= 400,
or a cut cell in the first rows of a report (cold_open.py). Screenshots of every screen go to
ST_SCREENSHOTS (docs/screenshots when run-tests runs it on the demo site).

Runs on a site with the demo data (./dev-bench's site, which run-tests crawls after the browser tier);
skipped elsewhere.
"""

import pytest
from cold_open import Crawl, route, slug
from playwright.sync_api import Page, expect

from serial_tracking.demo import catalogue

ITEMS = {key: code for key, (code, _name, _group, _fields) in catalogue.ITEMS.items()}
SERIALIZED = [ITEMS[key] for key in ("laptop", "drill", "espresso", "scanner")]
MODULE = "Serial Tracking"


@pytest.fixture(scope="module")
def demo(api):
	if not api.get_list("Serial Tracking Demo Record", limit=1):
		pytest.skip("no demo data on this site (./dev-bench loads it; run-tests crawls that site)")
	units = {
		code: [u["name"] for u in api.get_list("Serial No", [["item_code", "=", code]], order_by="name asc")]
		for code in SERIALIZED
	}
	return {"units": units, "unit": lambda key: units[ITEMS[key]][0]}


@pytest.fixture
def crawl(page: Page, demo) -> Crawl:
	page.set_viewport_size({"width": 1440, "height": 900})
	return Crawl(page)


def typical_filters(demo) -> dict[str, list[dict]]:
	"""What a user of the demo business asks each report (the README's walk-through)."""
	laptop, drill, espresso, scanner = (ITEMS[k] for k in ("laptop", "drill", "espresso", "scanner"))
	return {
		"Serial Profitability": [{"group_by": "Item"}, {"item_code": laptop}],
		"Unit History": [{"item_code": scanner}, {"serial_no": demo["unit"]("laptop")}],
		"Recall Trace": [{"supplier": catalogue.SUPPLIERS["acme"]}, {"serial_no": demo["unit"]("drill")}],
		"Unit Utilization": [{"group_by_item": 1}, {"item_code": drill}],
		"Upcoming Maintenance": [{"item_code": espresso}, {"overdue_only": 1}],
		"Overdue Check-outs": [{"overdue_only": 0}],
		"Quantity Cost of Sale": [{"tracking_mode": "Serialized"}],
		"Units Due for Count": [{"view": "Locations"}],
		"Serial Integrity Check": [{"item_code": laptop}],
	}


def app_reports(api) -> list[str]:
	return sorted(r["name"] for r in api.get_list("Report", [["module", "=", MODULE], ["disabled", "=", 0]]))


def finish(crawl: Crawl) -> None:
	assert not crawl.problems, "\n" + crawl.report()


# --- the workspace, its links and shortcuts ----------------------------------------------------------


def test_workspace_links_and_shortcuts(crawl: Crawl):
	page = crawl.page
	crawl.typed("workspace", route(MODULE))
	expect(page.locator(".layout-main-section .number-widget-box").first).to_be_visible(timeout=60_000)
	page.wait_for_timeout(1500)  # the chart's entry animation
	crawl.check("workspace")
	shortcuts = page.locator(".layout-main-section .shortcut-widget-box .widget-title").all_inner_texts()
	links = page.locator(".layout-main-section .links-widget-box .link-item .link-text").all_inner_texts()
	assert shortcuts and links, "the workspace shows no shortcuts or links"
	for kind, labels, selector in (
		("shortcut", shortcuts, ".shortcut-widget-box"),
		("link", links, ".links-widget-box .link-item"),
	):
		for label in labels:
			crawl.typed("workspace", route(MODULE))
			target = page.locator(f".layout-main-section {selector}", has_text=label).first
			crawl.clicked(f"workspace {kind} {label}", target)
			crawl.check()  # the screens themselves are photographed typed in, below
	finish(crawl)


# --- the Serial No list and its switch ---------------------------------------------------------------


def test_serial_no_list_and_its_on_hand_switch(crawl: Crawl):
	page = crawl.page
	crawl.typed("Serial No list", "serial-no")
	rows = page.locator(".frappe-list .list-row-container .list-row")
	expect(rows.first).to_be_visible(timeout=60_000)
	crawl.check("serial-no-list")
	switch = page.locator('.page-form [data-fieldname="st_show"] select')
	for choice in ("On hand", "All", "On hand"):
		crawl.screen = f"Serial No list, switch to {choice}"
		switch.select_option(choice)
		crawl.settle()
		expect(rows.first).to_be_visible(timeout=60_000)
		crawl.check(f"serial-no-list-{choice}")
	finish(crawl)


# --- reports -----------------------------------------------------------------------------------------


def test_reports_opened_cold(crawl: Crawl, api):
	for report in app_reports(api):
		crawl.typed(f"report {report}", f"query-report/{report}")
		crawl.check(f"report-{report}")
	finish(crawl)


def test_reports_with_the_demos_filters(crawl: Crawl, api, demo):
	typical = typical_filters(demo)
	assert set(typical) <= set(app_reports(api)), set(typical) - set(app_reports(api))
	for report, cases in typical.items():
		for number, filters in enumerate(cases, 1):
			crawl.typed(f"report {report} {filters}", f"query-report/{report}", filters)
			crawl.check(f"report-{report}-{number}")
	finish(crawl)


# --- the app's doctypes: lists and new forms ---------------------------------------------------------


def test_lists_and_new_forms(crawl: Crawl, api):
	page = crawl.page
	doctypes = api.get_list("DocType", [["module", "=", MODULE], ["istable", "=", 0]], ["name", "issingle"])
	for doctype in sorted(doctypes, key=lambda d: d["name"]):
		name = doctype["name"]
		if doctype["issingle"]:
			crawl.typed(f"{name} form", route(name))
			crawl.check(f"form-{name}")
			continue
		crawl.typed(f"{name} list", route(name))
		crawl.check(f"list-{name}")
		if page.evaluate("(doctype) => frappe.model.can_create(doctype)", name):
			crawl.typed(f"new {name}", f"{route(name)}/new")
			crawl.check(f"new-{name}")
	finish(crawl)


# --- the demo's units and items ------------------------------------------------------------------------


def test_demo_unit_and_item_forms(crawl: Crawl, demo):
	page = crawl.page
	for code in SERIALIZED:
		crawl.typed(f"Item {code}", f"item/{code}")
		page.locator(".form-tabs .nav-link", has_text="Inventory").first.click()
		page.wait_for_timeout(300)
		crawl.check(f"item-{slug(code)}")
		for unit in demo["units"][code][:1] + demo["units"][code][-1:]:
			crawl.typed(f"Serial No {unit}", f"serial-no/{unit}")
			crawl.check(f"serial-no-{slug(code)}")
	finish(crawl)


def test_demo_receipt_and_delivery_forms(crawl: Crawl, api):
	"""A submitted receipt and delivery of the demo, as their users open them: each line's serials shown."""
	for doctype in ("Purchase Receipt", "Delivery Note"):
		filters = [["docstatus", "=", 1], [f"{doctype} Item", "st_serials", "is", "set"]]
		[voucher] = api.get_list(doctype, filters, order_by="posting_date desc", limit=1)
		crawl.typed(f"{doctype} {voucher['name']}", f"{route(doctype)}/{voucher['name']}")
		expect(crawl.page.locator(".st-line-serials")).to_be_visible(timeout=60_000)
		crawl.check(slug(doctype))
	finish(crawl)
