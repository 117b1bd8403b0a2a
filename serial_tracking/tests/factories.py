"""Real ERPNext records for the integration tests: a company, parties, items and stock movements.

Everything is created through ERPNext's own documents (no fakes), once per site, under names that
start with ``ST-`` / ``_ST`` so it never collides with ERPNext's own test records.
"""

from contextlib import contextmanager

import frappe
from frappe.utils import flt, nowdate

COMPANY = "_ST Test Company"
ABBR = "_STC"
SUPPLIER = "_ST Supplier"
CUSTOMER = "_ST Customer"
EXCHANGE_RATES = (("USD", "INR", 83.0), ("INR", "USD", 1 / 83.0), ("EUR", "USD", 1.08), ("USD", "EUR", 0.93))


def warehouse(name: str = "Stores") -> str:
	return f"{name} - {ABBR}"


def ensure_test_world() -> None:
	"""Company, warehouses, parties and exchange rates the tests use; idempotent, committed once."""
	if frappe.db.exists("Company", COMPANY) and frappe.db.exists("Customer", CUSTOMER):
		return
	ensure_exchange_rates()
	if not frappe.db.exists("Company", COMPANY):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": COMPANY,
				"abbr": ABBR,
				"default_currency": "USD",
				"country": "United States",
				"create_chart_of_accounts_based_on": "Standard Template",
				"chart_of_accounts": "Standard",
			}
		).insert()
	for name in ("Stores", "Shop", "Repair Bench"):
		if not frappe.db.exists("Warehouse", warehouse(name)):
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": COMPANY}).insert()
	if not frappe.db.exists("Supplier", SUPPLIER):
		frappe.get_doc(
			{"doctype": "Supplier", "supplier_name": SUPPLIER, "supplier_group": group("Supplier Group")}
		).insert()
	if not frappe.db.exists("Customer", CUSTOMER):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": CUSTOMER,
				"customer_group": group("Customer Group"),
				"territory": group("Territory"),
			}
		).insert()
	frappe.db.commit()


def ensure_exchange_rates() -> None:
	"""The web is closed on test benches: give ERPNext the rates it would otherwise fetch."""
	for source, target, rate in EXCHANGE_RATES:
		if not frappe.db.exists("Currency Exchange", {"from_currency": source, "to_currency": target}):
			frappe.get_doc(
				{
					"doctype": "Currency Exchange",
					"date": "2000-01-01",
					"from_currency": source,
					"to_currency": target,
					"exchange_rate": rate,
					"for_buying": 1,
					"for_selling": 1,
				}
			).insert()


def group(doctype: str) -> str:
	"""The root of a tree doctype (All Supplier Groups, All Territories, ...)."""
	return frappe.db.get_value(doctype, {"is_group": 1, f"parent_{frappe.scrub(doctype)}": ("is", "not set")})


def make_item(item_code: str | None = None, **fields) -> "frappe.model.document.Document":
	item_code = item_code or f"ST-{frappe.generate_hash(length=8).upper()}"
	doc = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": item_code,
			"item_name": item_code,
			"item_group": fields.pop("item_group", None) or "All Item Groups",
			"stock_uom": "Nos",
			"is_stock_item": 1,
			"valuation_rate": 0,
			**fields,
		}
	)
	return doc.insert()


def receive(item_code: str, qty: float, rate: float = 100, wh: str | None = None, serials=None, submit=True):
	"""A Material Receipt Stock Entry: ERPNext's plainest inward movement."""
	row = {
		"item_code": item_code,
		"qty": qty,
		"t_warehouse": wh or warehouse(),
		"basic_rate": rate,
		"allow_zero_valuation_rate": 0,
	}
	if serials:
		row["serial_no"] = "\n".join(serials)
		row["use_serial_batch_fields"] = 1
	doc = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": COMPANY,
			"posting_date": nowdate(),
			"items": [row],
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def stock_qty(item_code: str, wh: str | None = None) -> float:
	filters = {"item_code": item_code}
	if wh:
		filters["warehouse"] = wh
	return flt(sum(frappe.get_all("Bin", filters=filters, pluck="actual_qty")))


def voucher(doctype: str, rows: list[dict], submit: bool = True, **fields):
	doc = frappe.get_doc(
		{"doctype": doctype, "company": COMPANY, "posting_date": nowdate(), **fields, "items": rows}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def line(
	item_code: str, qty: float, rate: float = 100, wh: str | None = None, serials=None, makers=None, **fields
):
	row = {"item_code": item_code, "qty": qty, "rate": rate, "warehouse": wh or warehouse(), **fields}
	if serials:
		row["serial_no"] = "\n".join(serials)
		row["use_serial_batch_fields"] = 1
	if makers:
		row["st_maker_serials"] = "\n".join(makers)
	return row


def purchase_receipt(item_code: str, qty: float, rate: float = 100, submit=True, **kw):
	return voucher("Purchase Receipt", [line(item_code, qty, rate, **kw)], submit=submit, supplier=SUPPLIER)


def purchase_invoice(item_code: str, qty: float, rate: float = 100, submit=True, **kw):
	return voucher(
		"Purchase Invoice",
		[line(item_code, qty, rate, **kw)],
		submit=submit,
		supplier=SUPPLIER,
		update_stock=1,
	)


def delivery_note(item_code: str, qty: float, rate: float = 150, submit=True, **kw):
	return voucher("Delivery Note", [line(item_code, qty, rate, **kw)], submit=submit, customer=CUSTOMER)


def sales_invoice(item_code: str, qty: float, rate: float = 150, submit=True, update_stock=1, **kw):
	return voucher(
		"Sales Invoice",
		[line(item_code, qty, rate, **kw)],
		submit=submit,
		customer=CUSTOMER,
		update_stock=update_stock,
	)


def opening_stock(item_code: str, qty: float, rate: float = 100, submit=True, wh: str | None = None):
	row = {
		"item_code": item_code,
		"qty": qty,
		"valuation_rate": rate,
		"warehouse": wh or warehouse(),
		"use_serial_batch_fields": 1,
	}
	difference = frappe.get_cached_value(
		"Company", COMPANY, "default_temporary_account"
	) or frappe.db.get_value("Account", {"company": COMPANY, "account_name": "Temporary Opening"})
	return voucher(
		"Stock Reconciliation", [row], submit=submit, purpose="Opening Stock", expense_account=difference
	)


def serials_of(item_code: str, on_hand: bool = True) -> list[str]:
	filters = {"item_code": item_code}
	if on_hand:
		filters["warehouse"] = ("is", "set")
	return frappe.get_all("Serial No", filters, pluck="name", order_by="name")


@contextmanager
def app_hooks(enabled: bool):
	"""Run with or without serial_tracking's document hooks, as if the app were not installed."""
	hooks = frappe.get_doc_hooks()
	if enabled:
		yield
		return
	saved = {doctype: dict(events) for doctype, events in hooks.items()}
	try:
		for events in hooks.values():
			for event, handlers in events.items():
				events[event] = [h for h in handlers if not h.startswith("serial_tracking.")]
		yield
	finally:
		hooks.clear()
		hooks.update(saved)


def ensure_employee(first_name: str = "_ST Technician") -> str:
	if name := frappe.db.get_value("Employee", {"first_name": first_name, "company": COMPANY}):
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first_name,
				"gender": "Female",
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2020-01-01",
				"company": COMPANY,
				"status": "Active",
			}
		)
		.insert()
		.name
	)


def stock_value(item_code: str) -> float:
	return flt(sum(frappe.get_all("Bin", {"item_code": item_code}, pluck="stock_value")))


def ensure_sales_person(name: str = "_ST Service Person") -> str:
	if not frappe.db.exists("Sales Person", name):
		frappe.get_doc(
			{"doctype": "Sales Person", "sales_person_name": name, "parent_sales_person": "Sales Team"}
		).insert()
	return name


def maintenance_visit(item_code: str, serial: str, **purpose):
	"""A submitted, completed Maintenance Visit on one unit (``purpose``: costs, condition...)."""
	visit = frappe.get_doc(
		{
			"doctype": "Maintenance Visit",
			"customer": CUSTOMER,
			"company": COMPANY,
			"mntc_date": nowdate(),
			"completion_status": "Fully Completed",
			"maintenance_type": "Unscheduled",
			"purposes": [
				{
					"item_code": item_code,
					"serial_no": serial,
					"description": "Service",
					"work_done": "Serviced",
					"service_person": ensure_sales_person(),
					**purpose,
				}
			],
		}
	).insert()
	visit.submit()
	return visit


ENQUEUE_OPTIONS = {"queue", "timeout", "job_id", "deduplicate", "enqueue_after_commit", "now", "at_front"}


@contextmanager
def captured_jobs():
	"""Collect what ``frappe.enqueue`` is asked to run instead of queueing it; :func:`run_jobs` then runs
	each job as a worker would, so tests drive the background path itself."""
	from types import SimpleNamespace
	from unittest.mock import patch

	jobs = []

	def enqueue(method, **kwargs):
		jobs.append((method, {k: v for k, v in kwargs.items() if k not in ENQUEUE_OPTIONS}))
		return SimpleNamespace(id=f"captured-{len(jobs)}")

	with patch("frappe.enqueue", side_effect=enqueue):
		yield jobs


def run_jobs(jobs) -> list:
	results = [frappe.get_attr(method)(**kwargs) for method, kwargs in jobs]
	jobs.clear()
	return results
