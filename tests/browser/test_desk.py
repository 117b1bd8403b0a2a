"""The app's desk flows, end to end in Chromium: item tracking set-up with its live series preview,
receipts that generate serials, label sheets, a unit's history, a tracking mode change in the
background with its progress bar, the profitability report's chart and the workspace."""

import re
from datetime import date
from urllib.parse import quote

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from serial_tracking.platform.compat import DESK

SLOW = 90_000  # submits and background jobs on a busy bench


def open_form(page: Page, doctype: str, name: str) -> None:
	"""Open a saved document's form and wait until Frappe has rendered it."""
	slug = doctype.lower().replace(" ", "-")
	page.goto(f"{DESK}/{slug}/{quote(name, safe='')}", wait_until="domcontentloaded")
	page.wait_for_function(
		"([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.docname === name"
		" && cur_frm.doc && !cur_frm.doc.__islocal && $(cur_frm.wrapper).is(':visible')",
		arg=[doctype, name],
		timeout=SLOW,
	)
	page.wait_for_load_state("networkidle")


def form_value(page: Page, expression: str):
	return page.evaluate(f"() => cur_frm.doc.{expression}")


def click_action(page: Page, label: str, group: str | None = None) -> None:
	"""A custom button of the form's toolbar, inside its dropdown group when given."""
	actions = page.locator(".page-head:visible .page-actions .custom-actions")
	if not group:
		actions.locator(f':scope > button[data-label="{quote(label)}"]').click()
		return
	# A form that refreshes again after the step that led here (its reload, then the realtime update of
	# the same save) draws its toolbar anew and closes an open dropdown: open it again and click.
	toggle = actions.locator(f'.inner-group-button[data-label="{quote(group)}"] > button')
	item = actions.locator(f'.dropdown-menu a.dropdown-item[data-label="{quote(label)}"]')
	for attempt in range(6):
		if not item.is_visible():
			toggle.click()
		try:
			item.click(timeout=5_000)
			return
		except PlaywrightTimeout:
			if attempt == 5:
				raise


def primary_action(page: Page, label: str):
	return page.locator(".page-head:visible .page-actions .primary-action", has_text=label)


# 1 --------------------------------------------------------------------------------------------------


def test_item_form_series_preview(page: Page, api):
	code = api.item("Quantity")
	open_form(page, "Item", code)
	page.locator(".form-tabs .nav-link", has_text="Inventory").first.click()

	page.locator('select[data-fieldname="st_tracking_mode"]').select_option("Serialized")
	source = page.locator('select[data-fieldname="st_serial_source"]')
	expect(source).to_be_visible()
	source.select_option("Generate when left blank")
	template = page.locator('input[data-fieldname="st_series_template"]')
	expect(template).to_be_visible()
	template.fill("{ITEM}-{YY}-{#####}")
	template.press("Tab")

	preview = page.locator('.frappe-control[data-fieldname="st_series_preview"]')
	expect(preview).to_contain_text("Next serials", timeout=SLOW)
	serials = preview.locator("code").all_inner_texts()
	yy = date.today().strftime("%y")
	assert serials, "the preview lists no serials"
	assert all(re.fullmatch(rf"{re.escape(code)}-{yy}-\d{{5}}", s) for s in serials), serials

	page.keyboard.press("Control+s")
	page.wait_for_function("() => !cur_frm.is_dirty()", timeout=SLOW)
	saved = api.get_doc("Item", code)
	assert (saved["st_tracking_mode"], saved["has_serial_no"]) == ("Serialized", 1)
	assert saved["st_series_template"] == "{ITEM}-{YY}-{#####}"


# 2 --------------------------------------------------------------------------------------------------


def test_receipt_submit_generates_serials(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	receipt = api.purchase_receipt(code, 3)["name"]
	open_form(page, "Purchase Receipt", receipt)

	primary_action(page, "Submit").click()
	page.locator(".modal:visible").get_by_role("button", name="Yes").click()
	page.wait_for_function("() => cur_frm.doc.docstatus === 1", timeout=SLOW)

	serials = api.serials(code)
	assert serials == [f"{code}-{n:05d}" for n in (1, 2, 3)], serials
	page.goto(f"{DESK}/serial-no?item_code={quote(code)}", wait_until="domcontentloaded")
	rows = page.locator(".frappe-list .list-row-container .list-row")
	expect(rows).to_have_count(3, timeout=SLOW)
	for serial in serials:
		expect(page.locator(".frappe-list")).to_contain_text(serial)


# 3 --------------------------------------------------------------------------------------------------


def test_print_labels_from_receipt(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	receipt = api.purchase_receipt(code, 2, submit=True)["name"]
	open_form(page, "Purchase Receipt", receipt)

	# The sheet opens in a new tab: keep what the server sends it, then let Chromium save it rather
	# than open its PDF viewer (which hides the body and can hang the page's teardown).
	sent = {}

	def keep(route):
		response = route.fetch(timeout=SLOW)
		sent.update(status=response.status, headers=response.headers, body=response.body())
		headers = {**response.headers, "content-disposition": "attachment; filename=labels.pdf"}
		route.fulfill(response=response, headers=headers)

	page.context.route("**/api/method/serial_tracking.api.labels.download*", keep)
	try:
		with page.context.expect_page(timeout=SLOW) as new_tab:
			click_action(page, "Print Labels")
		for _ in range(SLOW // 500):
			if sent:
				break
			page.wait_for_timeout(500)
		new_tab.value.close()
	finally:
		page.context.unroute("**/api/method/serial_tracking.api.labels.download*")
	assert sent, "the label sheet was never requested"
	assert sent["status"] == 200, sent
	assert sent["headers"]["content-type"].startswith("application/pdf"), sent["headers"]
	pdf = sent["body"]
	assert pdf.startswith(b"%PDF"), pdf[:20]
	assert len(pdf) > 1000


# 4 --------------------------------------------------------------------------------------------------


def test_unit_history_panel(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	api.receive(code, 1)
	(serial,) = api.serials(code)
	open_form(page, "Serial No", serial)

	history = page.locator('.frappe-control[data-fieldname="st_history_html"]')
	history.scroll_into_view_if_needed()
	expect(history.locator("table")).to_contain_text("Received", timeout=SLOW)
	expect(history).to_contain_text("Episode")
	expect(history).to_contain_text("First receipt")
	actions = page.locator(".page-head:visible .page-actions .custom-actions")
	expect(actions.locator(':scope > button[data-label="Print%20Label"]')).to_be_visible()
	expect(actions.locator('.inner-group-button[data-label="Unit"]')).to_be_visible()
	click_action(page, "Verify History", group="View")
	expect(page.locator("#alert-container")).to_contain_text("History intact", timeout=SLOW)


# 5 --------------------------------------------------------------------------------------------------


def test_tracking_mode_change_in_background(page: Page, api):
	settings = "Serial Tracking Settings"
	before = api.get_doc(settings, settings)["mode_change_background_threshold"]
	api.update(settings, settings, {"mode_change_background_threshold": 2})
	try:
		code = api.item("Quantity", template="{ITEM}-{####}")
		api.receive(code, 3, rate=40)
		open_form(page, "Item", code)

		click_action(page, "Change Tracking Mode", group="Actions")
		page.wait_for_function(
			"(code) => window.cur_frm && cur_frm.doctype === 'Tracking Mode Change' && cur_frm.doc.item_code === code",
			arg=code,
		)
		assert form_value(page, "to_mode") == "Serialized"
		if form_value(page, "company") != api.company:
			page.evaluate("(company) => cur_frm.set_value('company', company)", api.company)
		page.keyboard.press("Control+s")
		page.wait_for_function(
			"() => cur_frm.doc && !cur_frm.doc.__islocal && !cur_frm.is_dirty()", timeout=SLOW
		)
		change = form_value(page, "name")
		page.wait_for_url(
			re.compile(re.escape(DESK) + r"/tracking-mode-change/" + re.escape(quote(change, safe="")))
		)

		primary_action(page, "Convert").click()
		expect(page.locator("#alert-container")).to_contain_text("Converting in the background", timeout=SLOW)
		progress = page.locator(".modal:visible", has=page.locator(".progress-bar"))
		expect(progress).to_contain_text("Tracking Mode Change", timeout=SLOW)
		page.wait_for_function(
			"(name) => cur_frm.docname === name && cur_frm.doc.status === 'Completed'",
			arg=change,
			timeout=SLOW,
		)
		expect(progress.locator(".progress-bar")).to_have_attribute("style", re.compile(r"width:\s*100%"))
	finally:
		api.update(settings, settings, {"mode_change_background_threshold": before})

	done = api.get_doc("Tracking Mode Change", change)
	assert (done["status"], done["docstatus"]) == ("Completed", 1), done
	assert done["issue_entry"] and done["receipt_entry"]
	item = api.get_doc("Item", code)
	assert (item["st_tracking_mode"], item["has_serial_no"]) == ("Serialized", 1)
	assert len(api.serials(code)) == 3


# 6 --------------------------------------------------------------------------------------------------


def test_serial_profitability_chart(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	api.receive(code, 2, rate=75)  # units in the company: the report has rows and a chart
	page.goto(f"{DESK}/query-report/Serial Profitability", wait_until="domcontentloaded")
	page.wait_for_function(
		"() => frappe.query_report && frappe.query_report.report_name === 'Serial Profitability'"
		" && (frappe.query_report.filters || []).some((f) => f.df.fieldname === 'group_by')",
		timeout=SLOW,
	)
	if page.evaluate("() => frappe.query_report.get_filter_value('company')") != api.company:
		page.evaluate("(c) => frappe.query_report.set_filter_value('company', c)", api.company)

	with page.expect_response(lambda r: "frappe.desk.query_report.run" in r.url, timeout=SLOW):
		page.locator('.page-form select[data-fieldname="group_by"]').select_option("Item")
	page.wait_for_function(
		"() => !frappe.query_report.loading && (frappe.query_report.data || []).length > 0"
		" && frappe.query_report.get_filter_value('group_by') === 'Item'",
		timeout=SLOW,
	)
	chart = page.locator(".page-container:visible .chart-wrapper svg.frappe-chart")
	expect(chart.first).to_be_visible(timeout=SLOW)
	expect(chart.first.locator("rect").first).to_be_attached()
	expect(page.locator(".page-container:visible .chart-wrapper")).to_contain_text("Item")
	assert page.evaluate("() => frappe.query_report.columns.some((c) => c.fieldname === 'group')")


# 7 --------------------------------------------------------------------------------------------------


def test_workspace_loads(page: Page):
	page.goto(f"{DESK}/serial-tracking", wait_until="domcontentloaded")
	# the page title: Frappe 15's .title-text, Frappe 16's breadcrumb, both inside .title-area
	expect(page.locator(".page-head:visible .title-area")).to_contain_text("Serial Tracking", timeout=SLOW)
	shortcuts = page.locator(".layout-main-section .shortcut-widget-box")
	expect(shortcuts.first).to_be_visible(timeout=SLOW)
	assert shortcuts.count() >= 1
	# Number cards are optional here (the workspace grows); those present must show their number.
	for card in page.locator(".layout-main-section .number-widget-box").all():
		expect(card).to_contain_text(re.compile(r"\d"), timeout=SLOW)
		expect(card).not_to_contain_text("Error")
