"""The demo's masters: item groups, items, warehouses, suppliers, customers, employees and a service
person. Records a site already has are used as they are and left out of the log (removal keeps them),
except items: the demo's items must be its own."""

from datetime import date

import frappe
from frappe import _

from serial_tracking.demo import catalogue, log


class Masters(frappe._dict):
	"""Names of the demo's records by key: items, suppliers, customers, employees, warehouses."""


def check_free() -> None:
	"""Refuse to load over items of the same codes that the demo did not make."""
	codes = [code for code, *_rest in catalogue.ITEMS.values()]
	if taken := frappe.get_all("Item", {"name": ("in", codes)}, pluck="name", limit=1):
		frappe.throw(
			_("The site already has an item {0}: the demo data needs its item codes free.").format(
				frappe.bold(taken[0])
			),
			title=_("Demo data"),
		)


def make(company: str, first_day: date, last_day: date) -> Masters:
	m = Masters(company=company, abbr=frappe.get_cached_value("Company", company, "abbr"))
	for day in (first_day, last_day):
		fiscal_year(company, m.abbr, day)
	for group in catalogue.ITEM_GROUPS:
		ensure("Item Group", group, {"item_group_name": group, "parent_item_group": root("Item Group")})
	m.warehouses = {
		key: ensure("Warehouse", f"{name} - {m.abbr}", {"warehouse_name": name, "company": company})
		for key, name in catalogue.WAREHOUSES.items()
	}
	m.item = {key: make_item(*spec) for key, spec in catalogue.ITEMS.items()}
	m.suppliers = {
		key: ensure("Supplier", name, {"supplier_name": name, "supplier_group": root("Supplier Group")})
		for key, name in catalogue.SUPPLIERS.items()
	}
	m.customers = {
		key: ensure(
			"Customer",
			name,
			{
				"customer_name": name,
				"customer_group": root("Customer Group"),
				"territory": root("Territory"),
			},
		)
		for key, name in catalogue.CUSTOMERS.items()
	}
	m.employees = {key: employee(company, *spec) for key, spec in catalogue.EMPLOYEES.items()}
	m.sales_person = ensure(
		"Sales Person",
		catalogue.SALES_PERSON,
		{"sales_person_name": catalogue.SALES_PERSON, "parent_sales_person": root("Sales Person")},
	)
	return m


def fiscal_year(company: str, abbr: str, day: date) -> None:
	"""A fiscal year (the calendar year) for a day of the demo's year that has none."""
	from erpnext.accounts.utils import get_fiscal_year

	if get_fiscal_year(day, company=company, boolean=True):
		return
	year = str(day.year)
	fields = {"year_start_date": date(day.year, 1, 1), "year_end_date": date(day.year, 12, 31)}
	if frappe.db.exists("Fiscal Year", year):  # a year kept for other companies
		year, fields["companies"] = f"{year} {abbr}", [{"company": company}]
	ensure("Fiscal Year", year, {"year": year, **fields})


def ensure(doctype: str, name: str, fields: dict) -> str:
	if frappe.db.exists(doctype, name):
		return name
	doc = frappe.get_doc({"doctype": doctype, **fields}).insert(ignore_permissions=True)
	log.record(doctype, doc.name, log.MASTER)
	return doc.name


def make_item(code: str, item_name: str, group: str, fields: dict) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": code,
			"item_name": item_name,
			"item_group": group,
			"stock_uom": "Nos",
			"is_stock_item": 1,
			"include_item_in_manufacturing": 0,
			**fields,
		}
	).insert(ignore_permissions=True)
	log.record("Item", doc.name, log.MASTER)
	return doc.name


def employee(company: str, first: str, last: str, gender: str) -> str:
	if name := frappe.db.get_value("Employee", {"first_name": first, "last_name": last, "company": company}):
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first,
			"last_name": last,
			"gender": gender,
			"date_of_birth": "1990-04-12",
			"date_of_joining": "2020-03-02",
			"company": company,
			"status": "Active",
		}
	).insert(ignore_permissions=True)
	log.record("Employee", doc.name, log.MASTER)
	return doc.name


def root(doctype: str) -> str:
	"""The root of a tree doctype (All Item Groups, All Territories, Sales Team...)."""
	parent = f"parent_{frappe.scrub(doctype)}"
	return frappe.db.get_value(doctype, {"is_group": 1, parent: ("is", "not set")})
