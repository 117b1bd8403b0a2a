"""ERPNext records for the history scripts of the upgrade tier (upgrade/<release>/history.py).

Only ERPNext's and Frappe's own documents, nothing of the app: every release's history can use them, and
they stay valid whatever the app's code becomes. Vouchers are dated in the past (``days_ago``) in the
order they are made, each at its own minute, so ERPNext posts them in that order without reposts; each
is committed, as the desk's request would be, so the jobs it queued run before the next one.
"""

import frappe
from frappe.utils import add_days, flt, getdate, nowdate

from erpnext.controllers.sales_and_purchase_return import make_return_doc

SUPPLIER = "Upgrade Tools Supplier"
CUSTOMER = "Upgrade Customer"
CUSTOMER_2 = "Upgrade Rentals Customer"
SALES_PERSON = "Upgrade Service Person"
_minutes: dict = {}


def history_of(release: str):
	"""The history script of an earlier release (upgrade/<release>/history.py), to build on it."""
	import importlib.util
	from pathlib import Path

	path = Path(__file__).parent / release / "history.py"
	spec = importlib.util.spec_from_file_location(f"history_{release.replace('.', '_')}", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


def world() -> frappe._dict:
	"""The site's company (the setup wizard's), its warehouses, parties, an employee and a sales person."""
	company = (
		frappe.db.get_single_value("Global Defaults", "default_company")
		or frappe.get_all("Company", pluck="name", limit=1)[0]
	)
	abbr = frappe.db.get_value("Company", company, "abbr")
	for name in ("Stores", "Shop", "Repair Bench"):
		if not frappe.db.exists("Warehouse", f"{name} - {abbr}"):
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": company}).insert()
	if not frappe.db.exists("Supplier", SUPPLIER):
		group = root("Supplier Group")
		frappe.get_doc({"doctype": "Supplier", "supplier_name": SUPPLIER, "supplier_group": group}).insert()
	for name in (CUSTOMER, CUSTOMER_2):
		if not frappe.db.exists("Customer", name):
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": name,
					"customer_group": root("Customer Group"),
					"territory": root("Territory"),
				}
			).insert()
	if not frappe.db.exists("Sales Person", SALES_PERSON):
		frappe.get_doc(
			{
				"doctype": "Sales Person",
				"sales_person_name": SALES_PERSON,
				"parent_sales_person": "Sales Team",
			}
		).insert()
	employee = frappe.db.get_value("Employee", {"first_name": "Upgrade Technician"}) or (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "Upgrade Technician",
				"gender": "Female",
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2020-01-01",
				"company": company,
				"status": "Active",
			}
		)
		.insert()
		.name
	)
	return frappe._dict(
		company=company,
		stores=f"Stores - {abbr}",
		shop=f"Shop - {abbr}",
		repair=f"Repair Bench - {abbr}",
		employee=employee,
	)


def root(doctype: str) -> str:
	"""The root of a tree doctype (All Supplier Groups, All Territories, ...)."""
	return frappe.db.get_value(doctype, {"is_group": 1, f"parent_{frappe.scrub(doctype)}": ("is", "not set")})


def item(code: str, group: str = "All Item Groups", **fields) -> str:
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": group,
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"valuation_rate": 0,
				**fields,
			}
		).insert()
	return code


def item_group(name: str, **fields) -> str:
	if not frappe.db.exists("Item Group", name):
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": name,
				"parent_item_group": "All Item Groups",
				**fields,
			}
		).insert()
	return name


def dated(days_ago: int) -> dict:
	"""Posting date and time ``days_ago`` days back, a minute after the last voucher of that day."""
	day = add_days(nowdate(), -days_ago)
	_minutes[day] = minute = _minutes.get(day, 0) + 1
	return {
		"posting_date": day,
		"posting_time": f"{8 + minute // 60:02d}:{minute % 60:02d}:00",
		"set_posting_time": 1,
	}


def voucher(doctype: str, rows: list[dict], days_ago: int | None, submit: bool = True, **fields):
	"""A voucher ``days_ago`` days back (None: now, after the actions of today)."""
	company = fields.pop("company", None) or world_company()
	doc = frappe.get_doc(
		{"doctype": doctype, "company": company, **({} if days_ago is None else dated(days_ago))}
	)
	doc.update({**fields, "items": rows})
	doc.insert()
	if submit:
		doc.submit()
	frappe.db.commit()  # as the desk's request does: what it queued runs now
	return doc


def world_company() -> str:
	return frappe.db.get_single_value("Global Defaults", "default_company")


def line(item_code: str, qty: float, rate: float, warehouse: str, serials=None, **fields) -> dict:
	row = {"item_code": item_code, "qty": qty, "rate": rate, "warehouse": warehouse, **fields}
	if serials:
		row["serial_no"] = "\n".join(serials)
		row["use_serial_batch_fields"] = 1
	return row


def purchase_receipt(rows: list[dict], days_ago: int, **fields):
	return voucher("Purchase Receipt", rows, days_ago, supplier=SUPPLIER, **fields)


def purchase_invoice(rows: list[dict], days_ago: int, **fields):
	return voucher("Purchase Invoice", rows, days_ago, supplier=SUPPLIER, **fields)


def delivery_note(rows: list[dict], days_ago: int, customer: str = CUSTOMER, **fields):
	return voucher("Delivery Note", rows, days_ago, customer=customer, **fields)


def sales_invoice(rows: list[dict], days_ago: int, customer: str = CUSTOMER, **fields):
	return voucher("Sales Invoice", rows, days_ago, customer=customer, **fields)


def stock_entry(purpose: str, rows: list[dict], days_ago: int, **fields):
	"""A Material Receipt / Issue / Transfer; rows name s_warehouse / t_warehouse and basic_rate."""
	for row in rows:
		if row.pop("serials", None) is not None:
			raise ValueError("give stock entry rows serial_no and use_serial_batch_fields")
	return voucher("Stock Entry", rows, days_ago, stock_entry_type=purpose, purpose=purpose, **fields)


def transfer(item_code: str, serials: list[str], source: str, target: str, days_ago: int):
	row = {
		"item_code": item_code,
		"qty": len(serials),
		"s_warehouse": source,
		"t_warehouse": target,
		"serial_no": "\n".join(serials),
		"use_serial_batch_fields": 1,
	}
	return stock_entry("Material Transfer", [row], days_ago)


def material_receipt(item_code: str, qty: float, rate: float, warehouse: str, days_ago: int):
	row = {"item_code": item_code, "qty": qty, "t_warehouse": warehouse, "basic_rate": rate}
	return stock_entry("Material Receipt", [row], days_ago)


def return_of(doctype: str, name: str, days_ago: int):
	"""ERPNext's Return button on a submitted voucher: all of it comes back."""
	back = make_return_doc(doctype, name)
	back.update(dated(days_ago))
	back.insert()
	back.submit()
	frappe.db.commit()
	return back


def serials_of(item_code: str, warehouse: str | None = None) -> list[str]:
	filters = {"item_code": item_code, "warehouse": warehouse or ("is", "set")}
	return frappe.get_all("Serial No", filters, pluck="name", order_by="name")


def stock_qty(item_code: str) -> float:
	return flt(sum(frappe.get_all("Bin", {"item_code": item_code}, pluck="actual_qty")))


def today():
	return getdate(nowdate())
