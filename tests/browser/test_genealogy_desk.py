"""Unit genealogy in the desk: a Manufacture entry's *Assign Components* dialog (scan a finished
unit, then a component that goes into it), submitted, and the finished unit's form showing its
components."""

from playwright.sync_api import Page, expect
from test_desk import SLOW, click_action, open_form, primary_action


def test_assign_components_by_scanning_then_see_the_tree(page: Page, api):
	board = api.item("Serialized", template="{ITEM}-{####}")
	kit = api.item("Serialized", template="{ITEM}-{####}")
	api.receive(board, 2)
	b1, b2 = api.serials(board)
	entry = api.insert(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Manufacture",
			"purpose": "Manufacture",
			"company": api.company,
			"items": [
				{
					"item_code": board,
					"qty": 2,
					"s_warehouse": api.warehouse,
					"serial_no": f"{b1}\n{b2}",
					"use_serial_batch_fields": 1,
				},
				{"item_code": kit, "qty": 2, "t_warehouse": api.warehouse, "is_finished_item": 1},
			],
		}
	)["name"]
	open_form(page, "Stock Entry", entry)

	click_action(page, "Assign Components")
	dialog = page.locator(".modal:visible")
	expect(dialog).to_contain_text(b1, timeout=SLOW)
	page.wait_for_function("() => window.cur_dialog && cur_dialog.fields_dict.rows", timeout=SLOW)
	rows = "() => cur_dialog.fields_dict.rows.df.data.map((r) => [r.component, r.unit])"
	assert page.evaluate(rows) == [[b1, "#1"], [b2, "#2"]], "in order by default"
	scan = dialog.locator('input[data-fieldname="scan"]')
	for value in ("#2", b1):  # a finished unit, then a component that goes into it
		scan.fill(value)
		scan.press("Enter")  # as a scanner ends a code: it places the unit, it does not save the dialog
		expect(scan).to_have_value("", timeout=SLOW)
	expect(dialog).to_be_visible()
	page.wait_for_function("() => cur_dialog.fields_dict.rows.df.data[0].unit === '#2'", timeout=SLOW)
	dialog.get_by_role("button", name="Save Assignment").click()
	page.wait_for_function("() => !cur_frm.is_dirty() && cur_frm.doc.st_component_assignment", timeout=SLOW)

	primary_action(page, "Submit").click()
	page.locator(".modal:visible").get_by_role("button", name="Yes").click()
	page.wait_for_function("() => cur_frm.doc.docstatus === 1", timeout=SLOW)
	_k1, k2 = api.serials(kit)
	links = api.get_list("Serial Unit Link", [["voucher_no", "=", entry]], ["component", "unit"])
	assert sorted((r["component"], r["unit"]) for r in links) == [(b1, k2), (b2, k2)]

	open_form(page, "Serial No", k2)
	history = page.locator('.frappe-control[data-fieldname="st_history_html"]')
	history.scroll_into_view_if_needed()
	tree = history.locator(".st-unit-tree")
	expect(tree).to_contain_text(b1, timeout=SLOW)
	expect(tree).to_contain_text(b2)
	expect(history.locator("table")).to_contain_text("Made Of")
