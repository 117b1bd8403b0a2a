"""Shared helpers of the genealogy tests: serialized parts at known costs, and Manufacture entries
built the way a user builds them (finished line marked, components named by serial)."""

import json

import frappe

from serial_tracking.genealogy.unit_links import LINK
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import serial_row, serialized_item, stock_entry


def parts(rates, **item_fields) -> tuple[str, list[str]]:
	"""A serialized item with one unit received at each of ``rates`` (in that order): (item, serials)."""
	item = serialized_item(**item_fields).name
	for rate in rates:
		f.receive(item, 1, rate=rate)
	return item, f.serials_of(item)


def manufacture(
	product: str,
	qty: int,
	consumed: list[tuple[str, list[str]]],
	*,
	purpose: str = "Manufacture",
	loose: list[tuple[str, float]] = (),
	assignment: list[dict] | None = None,
	additional_costs: float = 0,
	submit: bool = True,
	**fields,
):
	"""A Manufacture (or Repack) entry making ``qty`` units of ``product`` (serials generated at
	submit) from the given serialized units, plus ``loose`` (item, qty) of quantity items."""
	rows = [serial_row(item, serials, s_warehouse=f.warehouse()) for item, serials in consumed]
	rows += [{"item_code": item, "qty": qty_, "s_warehouse": f.warehouse()} for item, qty_ in loose]
	rows.append({"item_code": product, "qty": qty, "t_warehouse": f.warehouse(), "is_finished_item": 1})
	if assignment is not None:
		fields["st_component_assignment"] = json.dumps(assignment)
	if additional_costs:
		fields["additional_costs"] = [
			{
				"expense_account": valuation_expense_account(),
				"description": "Assembly labour",
				"amount": additional_costs,
			}
		]
	return stock_entry(purpose, rows, submit=submit, **fields)


def valuation_expense_account() -> str:
	return frappe.get_cached_value(
		"Company", f.COMPANY, "expenses_included_in_valuation"
	) or frappe.db.get_value(
		"Account", {"company": f.COMPANY, "account_type": "Expenses Included In Valuation", "is_group": 0}
	)


def made(entry) -> list[str]:
	"""The finished units an entry made, in order."""
	return frappe.get_all(
		"Serial and Batch Entry",
		{"parent": ("in", bundles(entry, "Inward"))},
		pluck="serial_no",
		order_by="idx",
	)


def bundles(entry, direction):
	return frappe.get_all(
		"Serial and Batch Bundle",
		{"voucher_no": entry.name, "type_of_transaction": direction, "is_cancelled": 0},
		pluck="name",
	)


def links(**filters) -> list[tuple]:
	"""(component, unit, how, open, cancelled) of the links matching ``filters``, in a stable order."""
	rows = frappe.get_all(
		LINK,
		filters,
		["component", "unit", "how", "ended_on", "cancelled"],
		order_by="unit, component",
	)
	return [(r.component, r.unit, r.how, not r.ended_on, r.cancelled) for r in rows]
