"""The customer's side in a browser: a customer's website user logs in, finds the unit delivered to them on
*My Units* and reports a problem with it (a Warranty Claim); in the desk, an exchange from a Warranty
Claim: Create RMA, receive the unit, diagnose it, exchange it for a unit in stock."""

from conftest import BASE_URL, unique
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_desk import SLOW, click_action, open_form

PASSWORD = "St-portal-Pass-2026!"


def customer(api) -> str:
	name = f"ST Browser Customer {unique()}"
	groups = api.get_list("Customer Group", [["is_group", "=", 1]], order_by="lft asc", limit=1)
	territories = api.get_list("Territory", [["is_group", "=", 1]], order_by="lft asc", limit=1)
	return api.insert(
		{
			"doctype": "Customer",
			"customer_name": name,
			"customer_group": groups[0]["name"],
			"territory": territories[0]["name"],
		}
	)["name"]


def delivered_unit(api, to: str) -> tuple[str, str, str]:
	"""(item, the unit delivered to ``to``, a unit kept in stock)."""
	item = api.item("Serialized", template="{ITEM}-{####}", st_customer_warranty_days=365)
	api.receive(item, 2, rate=40)
	sold, kept = api.serials(item)
	api.insert(
		{
			"doctype": "Delivery Note",
			"company": api.company,
			"customer": to,
			"docstatus": 1,
			"items": [
				{
					"item_code": item,
					"qty": 1,
					"rate": 90,
					"warehouse": api.warehouse,
					"serial_no": sold,
					"use_serial_batch_fields": 1,
				}
			],
		}
	)
	return item, sold, kept


def test_a_customer_sees_their_unit_and_reports_a_problem(browser, api):
	owner = customer(api)
	email = f"{unique('st-portal').lower()}@example.com"
	api.insert(
		{
			"doctype": "User",
			"email": email,
			"first_name": "Portal",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": PASSWORD,
			"roles": [{"role": "Customer"}],
		}
	)
	doc = api.get_doc("Customer", owner)
	api.update("Customer", owner, {"portal_users": [*doc.get("portal_users", []), {"user": email}]})
	_item, sold, kept = delivered_unit(api, owner)

	context = browser.new_context(base_url=BASE_URL, viewport={"width": 1280, "height": 900})
	page = context.new_page()
	try:
		page.goto("/login", wait_until="domcontentloaded")
		page.fill("#login_email", email)
		page.fill("#login_password", PASSWORD)
		page.locator(".btn-login").first.click()
		page.wait_for_load_state("networkidle")
		page.goto("/my-units", wait_until="domcontentloaded")
		card = page.locator(f'.st-unit[data-serial="{sold}"]')
		expect(card).to_be_visible(timeout=SLOW)
		expect(card.locator(".st-warranty")).to_contain_text("Under Warranty")
		expect(page.locator(f'.st-unit[data-serial="{kept}"]')).to_have_count(0)

		card.locator("h5 a").click()
		page.wait_for_url(f"**/my-units/{sold}", timeout=SLOW)
		form = page.locator("form.st-report-problem")
		form.locator("textarea").fill("The screen flickers after ten minutes.")
		form.locator("button[type=submit]").click()
		expect(form.locator(".st-reported")).to_contain_text("Thank you", timeout=SLOW)
		expect(page.locator(f'.st-unit[data-serial="{sold}"] .st-claim')).to_have_count(1, timeout=SLOW)
	finally:
		context.close()
	claims = api.get_list("Warranty Claim", [["serial_no", "=", sold]], ["name", "customer", "status"])
	assert [(c["customer"], c["status"]) for c in claims] == [(owner, "Open")]


def test_an_exchange_from_a_warranty_claim(page: Page, api):
	service = api.get_list("Warehouse", [["warehouse_name", "=", "ST Browser Service"]])
	if not service:
		service = [
			api.insert(
				{"doctype": "Warehouse", "warehouse_name": "ST Browser Service", "company": api.company}
			)
		]
	api.update("Company", api.company, {"st_service_warehouse": service[0]["name"]})
	owner = customer(api)
	item, sold, spare = delivered_unit(api, owner)
	claim = api.insert(
		{
			"doctype": "Warranty Claim",
			"customer": owner,
			"serial_no": sold,
			"item_code": item,
			"company": api.company,
			"complaint": "Dead on arrival.",
		}
	)["name"]

	open_form(page, "Warranty Claim", claim)
	click_action(page, "Create RMA")
	page.wait_for_function(
		"() => window.cur_frm && cur_frm.doctype === 'RMA' && !cur_frm.doc.__islocal", timeout=SLOW
	)
	rma = page.evaluate("() => cur_frm.docname")
	open_form(page, "RMA", rma)

	click_action(page, "Receive Unit", "Steps")
	page.wait_for_function("() => cur_frm.doc.status === 'Received'", timeout=SLOW)

	click_action(page, "Diagnose", "Steps")
	dialog = page.locator(".modal:visible")
	dialog.locator('select[data-fieldname="condition"]').select_option("Broken")
	dialog.locator('textarea[data-fieldname="notes"]').fill("Does not power on.")
	dialog.get_by_role("button", name="Save Diagnosis").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Diagnosed'", timeout=SLOW)

	click_action(page, "Exchange", "Steps")
	dialog = page.locator(".modal:visible")
	expect(dialog.locator('input[data-fieldname="replacement"]')).to_be_visible()
	field = dialog.locator('input[data-fieldname="replacement"]')
	field.fill(spare)
	field.press("Tab")  # as a user leaves the field: the link is checked
	page.wait_for_function(
		"(serial) => frappe.ui.open_dialogs.some((d) => d.get_value('replacement') === serial)",
		arg=spare,
		timeout=SLOW,
	)
	# The link's suggestions can arrive after the field was left and open over the dialog's button: click
	# away from the field (its list closes), as a user would, then on the button.
	exchange = dialog.get_by_role("button", name="Exchange")
	for attempt in range(5):
		dialog.locator(".modal-title").click()
		try:
			exchange.click(timeout=5_000)
			break
		except PlaywrightTimeout:
			if attempt == 4:
				raise
	page.wait_for_function("() => cur_frm.doc.status === 'Exchanged'", timeout=SLOW)
	expect(page.locator(".indicator-pill", has_text="Exchanged").first).to_be_visible()

	doc = api.get_doc("RMA", rma)
	assert doc["replacement"] == spare and doc["exchange_delivery"]
	events = {
		e["serial_no"]: e["event"]
		for e in api.get_list(
			"Serial Audit Event",
			[["serial_no", "in", [sold, spare]], ["event", "in", ["Exchanged For", "Exchanged From"]]],
			["serial_no", "event"],
		)
	}
	assert events == {sold: "Exchanged For", spare: "Exchanged From"}
