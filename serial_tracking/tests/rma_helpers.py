"""Shared set-up of the RMA tests: a company with service settings, a serialized item with customer and
vendor warranties and a maintenance plan, units bought from the supplier and one sold to the customer,
and a Warranty Claim on it."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.customers import rma
from serial_tracking.customers.core import warranty
from serial_tracking.tests import factories as f
from serial_tracking.tests.flows import assert_unit, profit_row
from serial_tracking.tests.test_flow_pos import PROFILE, pos_invoice_mode, pos_profile

SERVICE = f.warehouse("Service")
DEFECTIVES = f.warehouse("Defectives")
STORES = f.warehouse()
OTHER_CUSTOMER = "_ST Other Customer"
PLAN = {
	"st_tracking_mode": "Serialized",
	"st_series_template": "{ITEM}-{###}",
	"st_maintenance_periodicity": "Monthly",
	"st_maintenance_visits": 3,
	"st_customer_warranty_days": 365,
	"st_vendor_warranty_days": 180,
}
COST, PRICE = 80.0, 150.0


def ensure_service_world(**company) -> None:
	"""The test company's service and defectives warehouses, its customer-service settings (defaults:
	zero value, remaining days), and a second customer."""
	f.ensure_test_world()
	for name in ("Service", "Defectives"):
		if not frappe.db.exists("Warehouse", f.warehouse(name)):
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": name, "company": f.COMPANY}).insert()
	if not frappe.db.exists("Customer", OTHER_CUSTOMER):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": OTHER_CUSTOMER,
				"customer_group": f.group("Customer Group"),
				"territory": f.group("Territory"),
			}
		).insert()
	settings = {
		"st_service_warehouse": SERVICE,
		"st_defective_warehouse": DEFECTIVES,
		"st_exchange_valuation": warranty.ZERO,
		"st_salvage_percent": 0,
		"st_warranty_carry_over": warranty.REMAINING,
		"st_minimum_replacement_days": 0,
		"st_exchange_other_items": 0,
		**company,
	}
	frappe.db.set_value("Company", f.COMPANY, settings)
	frappe.clear_cache(doctype="Company")


def sold_unit(units: int = 3, customer: str = f.CUSTOMER, **item_fields):
	"""An item with the plan, ``units`` bought at COST, the first sold to ``customer`` at PRICE (a Sales
	Invoice that updates stock); (item, receipt, [serials], invoice)."""
	item = f.make_item(**{**PLAN, **item_fields})
	receipt = f.purchase_receipt(item.name, units, rate=COST)
	serials = f.serials_of(item.name)
	invoice = f.voucher(
		"Sales Invoice",
		[f.line(item.name, 1, PRICE, serials=serials[:1])],
		customer=customer,
		update_stock=1,
	)
	return item, receipt, serials, invoice


def claim(serial: str, customer: str = f.CUSTOMER, complaint: str = "It does not start.") -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Warranty Claim",
				"customer": customer,
				"serial_no": serial,
				"complaint": complaint,
				"company": f.COMPANY,
				"complaint_date": nowdate(),
			}
		)
		.insert()
		.name
	)


def open_rma(serial: str, customer: str = f.CUSTOMER):
	return rma.make_from_claim(claim(serial, customer))


def state(name: str):
	return frappe.get_doc("RMA", name)


def unit_fields(serial: str):
	return frappe.db.get_value(
		"Serial No",
		serial,
		["warehouse", "status", "st_lifecycle_status", "customer", "warranty_expiry_date", "st_condition"],
		as_dict=True,
	)


def warranty_end(days: int = 365):
	return getdate(add_days(nowdate(), days))


class UnitChecks:
	"""Mixed into a FrappeTestCase: one unit's state after a step, by ERPNext, the trail and the reports."""

	def check(
		self, serial, *, warehouse, lifecycle, kinds, cost=None, revenue=None, customer=None, ends=None
	):
		assert_unit(
			self, serial, warehouse=warehouse, lifecycle=lifecycle, kinds=kinds, cost=cost, revenue=revenue
		)
		unit = unit_fields(serial)
		self.assertEqual(unit.customer, customer, f"{serial}: its customer")
		if ends is not None:
			self.assertEqual(getdate(unit.warranty_expiry_date) if unit.warranty_expiry_date else None, ends)
		return unit


def profit(serial: str) -> dict:
	"""The unit's Serial Profitability row."""
	return profit_row(serial, frappe.db.get_value("Serial No", serial, "item_code"))


def returned_to_supplier(serial: str) -> float:
	"""The value ERPNext's returns to the supplier took off the unit (its stock ledger): ERPNext 16 values a
	returned serial at the rate of the receipt it is returned against, ERPNext 15 at what it is worth now."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	receipt = frappe.qb.DocType("Purchase Receipt")
	rows = (
		frappe.qb.from_(entry)
		.join(bundle)
		.on(bundle.name == entry.parent)
		.join(receipt)
		.on(receipt.name == bundle.voucher_no)
		.select(entry.stock_value_difference)
		.where(
			(entry.serial_no == serial)
			& (bundle.voucher_type == "Purchase Receipt")
			& (bundle.docstatus == 1)
			& (bundle.is_cancelled == 0)
			& (receipt.is_return == 1)
		)
	).run(pluck=True)
	return -sum(rows or [0])


class AtTheTill:
	"""Mixin of a test class that sells at the test till: the service world, the till's POS Profile with no
	session left open, and POS Invoices as the till's invoices (ERPNext 16 makes Sales Invoices), put back
	after the class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_service_world()
		pos_profile()
		for name in frappe.get_all(
			"POS Opening Entry", {"pos_profile": PROFILE, "status": "Open"}, pluck="name"
		):
			frappe.get_doc("POS Opening Entry", name).cancel()
		cls.pos_mode = pos_invoice_mode("POS Invoice")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		pos_invoice_mode(cls.pos_mode)
		frappe.db.commit()
		super().tearDownClass()
