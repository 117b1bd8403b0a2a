"""The till: ERPNext's Point of Sale page asks the app (override_whitelisted_methods). A scan of a unit's
serial, its maker serial or a GS1 code adds that unit; a unit the till may not sell (on loan, in repair,
missing, retired, reserved for someone else, a customer's unit in for service) is refused on the spot
with the reason, and the serial picker does not offer it; a POS Invoice that reaches the server with one
(an offline till syncing) is refused at submit."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from serial_tracking.actions import unit_actions
from serial_tracking.customers import steps
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h
from serial_tracking.tests.refusals import refused
from serial_tracking.tests.test_flow_orders import RESERVATION, reserved_serials, sales_order
from serial_tracking.tests.test_flow_pos import (
	PROFILE,
	open_session,
	pos_invoice,
)
from serial_tracking.tests.trail import serialized_item
from serial_tracking.units.core import lifecycle as lc

GET_ITEMS = "erpnext.selling.page.point_of_sale.point_of_sale.get_items"
PICKER = "erpnext.stock.doctype.serial_no.serial_no.auto_fetch_serial_number"


def scan(term: str, customer: str | None = None) -> list[dict]:
	"""What the till's search answers for a scan, as the page asks it (the overridden method)."""
	method = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods")[GET_ITEMS][-1])
	found = method(0, 40, "Standard Selling", "", PROFILE, search_term=term.lower(), st_customer=customer)
	return found.get("items", []) if isinstance(found, dict) else found


def picker(item_code: str, qty: int, customer: str | None = None) -> list[str]:
	method = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods")[PICKER][-1])
	return method(qty, item_code, f.warehouse(), for_doctype="POS Invoice", st_customer=customer)


class TestTill(h.AtTheTill, FrappeTestCase):
	def units(self, count: int):
		item = serialized_item()
		f.purchase_receipt(item.name, count, rate=100)
		return item, f.serials_of(item.name)

	def test_a_scanned_serial_or_maker_serial_adds_that_unit(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1, rate=100, makers=["MK-TILL-0001"])
		[unit] = f.serials_of(item.name)
		for term in (unit, "MK-TILL-0001"):
			[found] = scan(term)
			self.assertEqual((found["item_code"], found["serial_no"]), (item.name, unit), term)
		# A GS1 reader plugs in at one function: the code it reads names the unit.
		with patch("serial_tracking.customers.till.gs1_serial", return_value="MK-TILL-0001"):
			[found] = scan("(01)09506000134352(21)MK-TILL-0001")
			self.assertEqual(found["serial_no"], unit)

	def test_units_the_till_may_not_sell_are_refused_at_the_scan_with_the_reason(self):
		_item, (on_loan, in_repair, lost, retired, reserved, free) = self.units(6)
		unit_actions.act(
			[on_loan],
			lc.CHECK_OUT,
			custodian_type="Customer",
			custodian=h.OTHER_CUSTOMER,
			due_date="2099-01-01",
		)
		unit_actions.act([in_repair], lc.SEND_TO_REPAIR)
		unit_actions.act([lost], lc.MARK_LOST)
		unit_actions.act([retired], lc.RETIRE)
		unit_actions.act([reserved], lc.RESERVE)
		for serial, words in (
			(on_loan, ("on loan to", h.OTHER_CUSTOMER)),
			(in_repair, ("in repair",)),
			(lost, ("missing",)),
			(retired, ("retired",)),
			(reserved, ("reserved", "unreserve")),
		):
			refused(self, frappe.ValidationError, lambda s=serial: scan(s), serial, *words)
		[found] = scan(free)
		self.assertEqual(found["serial_no"], free)

	def test_a_customers_unit_in_for_service_is_refused(self):
		_item, _receipt, [sold, *_], _invoice = h.sold_unit()
		steps.receive(h.open_rma(sold).name)
		refused(self, frappe.ValidationError, lambda: scan(sold), sold, "in for service")

	@change_settings("Stock Settings", RESERVATION)
	def test_a_unit_reserved_for_a_customer_is_theirs_at_the_till(self):
		item, _serials = self.units(3)
		order = sales_order(item.name, 1, reserve_stock=1)
		[reserved] = reserved_serials(order)
		refused(
			self,
			frappe.ValidationError,
			lambda: scan(reserved, h.OTHER_CUSTOMER),
			reserved,
			"reserved for",
			f.CUSTOMER,
		)
		[found] = scan(reserved, f.CUSTOMER)
		self.assertEqual(found["serial_no"], reserved)
		self.assertNotIn(reserved, picker(item.name, 3, h.OTHER_CUSTOMER))
		self.assertIn(reserved, picker(item.name, 3, f.CUSTOMER))

	def test_the_serial_picker_offers_only_units_the_till_may_sell(self):
		item, (on_loan, in_repair, reserved, free, other) = self.units(5)
		unit_actions.act(
			[on_loan], lc.CHECK_OUT, custodian_type="Customer", custodian=f.CUSTOMER, due_date="2099-01-01"
		)
		unit_actions.act([in_repair], lc.SEND_TO_REPAIR)
		unit_actions.act([reserved], lc.RESERVE)
		self.assertEqual(sorted(picker(item.name, 5)), sorted([free, other]))
		self.assertEqual(len(picker(item.name, 1)), 1)

	def test_an_offline_tills_invoice_is_refused_at_submit_when_it_syncs(self):
		item, (on_loan, reserved, free) = self.units(3)
		opening = open_session()
		try:
			# The till sold them while offline; by the time the invoices reach the server the units are away.
			unit_actions.act(
				[on_loan],
				lc.CHECK_OUT,
				custodian_type="Customer",
				custodian=h.OTHER_CUSTOMER,
				due_date="2099-01-01",
			)
			unit_actions.act([reserved], lc.RESERVE)
			for serial, words in ((on_loan, ("on loan to",)), (reserved, ("reserved",))):
				refused(
					self,
					frappe.ValidationError,
					lambda s=serial: pos_invoice(item.name, [s], rate=150),
					serial,
					*words,
					rollback=True,
				)
			invoice = pos_invoice(item.name, [free], rate=150)
			self.assertEqual(invoice.docstatus, 1)
			invoice.cancel()
		finally:
			opening.reload()
			opening.cancel()
