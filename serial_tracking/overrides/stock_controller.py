"""Handlers shared by ERPNext's stock vouchers (all built on its StockController)."""

from serial_tracking.actions import availability
from serial_tracking.customers import till
from serial_tracking.genealogy import unit_links
from serial_tracking.gs1 import receipt as gs1_receipt
from serial_tracking.maintenance import schedules, warranties
from serial_tracking.series import generation, intake


def validate(doc, method=None):
	gs1_receipt.normalize(doc)  # GS1 codes among the maker serials: their serials, checked by GTIN
	intake.validate(doc)
	till.check_invoice(doc)  # a POS Invoice: the till's reasons first
	availability.check_outward(doc)
	unit_links.check_inward(doc)


def before_submit(doc, method=None):
	generation.generate(doc)


def on_submit(doc, method=None):
	intake.record_maker_serials(doc)
	gs1_receipt.record(doc)
	warranties.on_receipt(doc)


def on_delivery_submit(doc, method=None):
	if doc.get("st_unit_intent"):  # an RMA gives a customer's own unit back: its warranty and plan go on
		return
	schedules.on_delivery(doc)
	schedules.on_return(doc)


def on_delivery_cancel(doc, method=None):
	schedules.on_delivery_cancel(doc)


def on_cancel(doc, method=None):
	generation.release_cancelled_units(doc)
