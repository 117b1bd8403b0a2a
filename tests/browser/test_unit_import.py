"""A Unit Import in the desk, end to end in Chromium: attach a spreadsheet to the form through Frappe's
uploader, read the preview the save makes (each row's fate, the errors first, by verdict), import, and
find the units in stock."""

from conftest import unique
from playwright.sync_api import Page, expect
from test_desk import SLOW, open_form, primary_action


def test_upload_a_file_read_the_preview_and_import(page: Page, api):
	code = api.item("Serialized", template="{ITEM}-{#####}")
	serials = [unique("UI") for _ in range(2)]
	warehouse_name = api.get_doc("Warehouse", api.warehouse)["warehouse_name"]
	content = "\n".join(
		[
			"Serial Number;Item;Location;Unit Cost;Condition",
			f"{serials[0]};{code};{warehouse_name};1.250,00;Good",
			f"{serials[1]};{code};{warehouse_name};990,00;Fair",
			f"{serials[1]};{code};Nowhere;990,00;Fair",  # the same unit in two places: both rows fail
		]
	)
	name = api.insert({"doctype": "Unit Import", "company": api.company, "mode": "Add New Units"})["name"]
	open_form(page, "Unit Import", name)

	page.locator('.frappe-control[data-fieldname="import_file"] button', has_text="Attach").click()
	dialog = page.locator(".modal:visible")
	dialog.locator('input[type="file"]').set_input_files(
		files=[{"name": "units.csv", "mimeType": "text/csv", "buffer": content.encode()}]
	)
	dialog.get_by_role("button", name="Upload").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Checked' && !cur_frm.is_dirty()", timeout=SLOW)
	preview = page.locator(".st-import-preview")
	expect(preview).to_be_visible(timeout=SLOW)
	assert page.evaluate("() => [cur_frm.doc.total_rows, cur_frm.doc.new_units, cur_frm.doc.errors]") == [
		3,
		1,
		2,
	]
	expect(preview).to_contain_text("two places")  # errors are shown first
	preview.locator(".st-import-tab", has_text="New").click()
	expect(preview.locator("tbody tr")).to_have_count(1, timeout=SLOW)
	expect(preview).to_contain_text(serials[0])

	page.locator('input[data-fieldname="skip_errors"]').check()
	page.keyboard.press("Control+s")
	page.wait_for_function("() => !cur_frm.is_dirty() && cur_frm.doc.skip_errors", timeout=SLOW)
	primary_action(page, "Import").click()
	page.locator(".modal:visible").get_by_role("button", name="Yes").click()
	page.wait_for_function("() => cur_frm.doc.docstatus === 1", timeout=SLOW)
	done = api.get_doc("Unit Import", name)
	assert (done["status"], len(done["entries"])) == ("Imported", 1), done
	unit = api.get_doc("Serial No", serials[0])
	assert (unit["warehouse"], unit["st_condition"], unit["st_lifecycle_status"]) == (
		api.warehouse,
		"Good",
		"In Stock",
	)
	assert not api.get_list("Serial No", [["name", "=", serials[1]]])
