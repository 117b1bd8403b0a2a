"""Units exported back: a file of the units a company has (or had), with the columns of a preset, that an
import reads back as it was written (dates as 2024-03-31, costs as 1234.50, statuses and conditions by
their names): exported, edited, imported again in *Update Units* mode, only what was edited changes."""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Date
from frappe.utils import flt, getdate

from serial_tracking.audit import event_store
from serial_tracking.unit_import import files, lookups
from serial_tracking.unit_import.core import columns
from serial_tracking.units.core import ledger, lifecycle

ARRIVALS = (ledger.RECEIVED, ledger.IMPORTED, ledger.MANUFACTURED)


def units(
	company: str,
	warehouse: str | None = None,
	item_code: str | None = None,
	item_group: str | None = None,
	customer: str | None = None,
	status: str | None = None,
	on_hand_only: bool = True,
	attributes: dict | None = None,
) -> list[dict]:
	"""The units, one dict of field -> value each, ordered by item and serial (``attributes``: the unit
	attributes to add, by label)."""
	unit = frappe.qb.DocType("Serial No")
	attributes = attributes or {}
	query = (
		frappe.qb.from_(unit)
		.select(unit.name, unit.item_code, unit.warehouse, unit.st_maker_serial, unit.st_lifecycle_status)
		.select(unit.st_condition, Date(unit.st_first_received).as_("first_received"))
		.select(unit.st_vendor_warranty_expiry, unit.st_custodian_type, unit.st_custodian, unit.st_due_date)
		.select(unit.customer, unit.warranty_expiry_date, unit.amc_expiry_date, unit.st_location_note)
		.select(*(unit[spec.fieldname] for spec in attributes.values()))
		.where(unit.company == company)
		.orderby(unit.item_code)
		.orderby(unit.name)
	)
	if on_hand_only and not customer and not status:
		query = query.where(
			unit.warehouse.isnotnull() & unit.st_lifecycle_status.isin(list(lifecycle.ON_HAND))
		)
	for field, value in (("warehouse", warehouse), ("item_code", item_code), ("customer", customer)):
		if value:
			query = query.where(unit[field] == value)
	if status:
		query = query.where(unit.st_lifecycle_status == status)
	if item_group:
		lft, rgt = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"]) or (0, -1)
		group = frappe.qb.DocType("Item Group")
		item = frappe.qb.DocType("Item")
		under = frappe.qb.from_(group).select(group.name).where((group.lft >= lft) & (group.rgt <= rgt))
		query = query.where(
			unit.item_code.isin(frappe.qb.from_(item).select(item.name).where(item.item_group.isin(under)))
		)
	rows = query.run(as_dict=True)
	serials = [row.name for row in rows]
	costs, suppliers = values_of(serials), suppliers_of(serials)
	sold = delivered_on([row.name for row in rows if row.st_lifecycle_status == lifecycle.DELIVERED])
	return [
		{
			columns.SERIAL: row.name,
			columns.ITEM: row.item_code,
			columns.WAREHOUSE: row.warehouse,
			columns.MAKER_SERIAL: row.st_maker_serial,
			columns.STATUS: row.st_lifecycle_status,
			columns.CONDITION: row.st_condition,
			columns.COST: costs.get(row.name),
			columns.PURCHASE_DATE: row.first_received,
			columns.SUPPLIER: suppliers.get(row.name),
			columns.WARRANTY_EXPIRY: row.st_vendor_warranty_expiry,
			columns.CUSTODIAN_TYPE: row.st_custodian_type if row.st_custodian else None,
			columns.CUSTODIAN: row.st_custodian,
			columns.DUE_DATE: row.st_due_date,
			columns.CUSTOMER: row.customer if row.st_lifecycle_status == lifecycle.DELIVERED else None,
			columns.DELIVERY_DATE: sold.get(row.name),
			columns.CUSTOMER_WARRANTY_EXPIRY: row.warranty_expiry_date,
			columns.AMC_EXPIRY: row.amc_expiry_date,
			columns.LOCATION_NOTE: row.st_location_note,
			**{label: row.get(spec.fieldname) for label, spec in attributes.items()},
		}
		for row in rows
	]


def delivered_on(serials: list[str]) -> dict:
	"""The day each delivered unit went to its customer, as its audit trail records it."""
	found = {}
	for chunk in lookups.chunks(serials):
		latest = event_store.latest_where(chunk, lambda t: t.event == ledger.DELIVERED, "posting")
		found.update({serial: getdate(posting) for serial, (posting,) in latest.items()})
	return found


def values_of(serials: list[str]) -> dict[str, float]:
	"""Each unit's value as it last came into stock (its inward bundle entry's rate)."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	latest: dict[str, tuple] = {}
	for chunk in lookups.chunks(serials):
		rows = (
			frappe.qb.from_(entry)
			.join(bundle)
			.on(bundle.name == entry.parent)
			.select(entry.serial_no, entry.incoming_rate, bundle.creation)
			.where(
				entry.serial_no.isin(chunk)
				& (bundle.type_of_transaction == "Inward")
				& (bundle.docstatus == 1)
				& (bundle.is_cancelled == 0)
			)
		).run()
		for serial, rate, created in rows:
			if serial not in latest or created > latest[serial][1]:
				latest[serial] = (flt(rate, 2), created)
	return {serial: rate for serial, (rate, _created) in latest.items()}


def suppliers_of(serials: list[str]) -> dict[str, str]:
	"""The supplier each unit last arrived from, as its audit trail records it."""
	found = {}
	for chunk in lookups.chunks(serials):
		latest = event_store.latest_where(
			chunk, lambda t: t.event.isin(ARRIVALS) & (t.party_type == "Supplier"), "party"
		)
		found.update({serial: party for serial, (party,) in latest.items()})
	return found


def cell(value) -> str:
	if value is None:
		return ""
	if isinstance(value, float):
		return f"{value:.2f}"
	if hasattr(value, "isoformat"):
		return getdate(value).isoformat()
	return str(value)


def sheet(
	found: list[dict], preset: columns.Preset, file_format: str, attributes: dict | None = None
) -> tuple[bytes, str]:
	"""The file of ``found`` with the preset's headers (and the unit attributes' labels): content and
	extension."""
	names = [*columns.EXPORTED, *(attributes or {})]
	header = [preset.header(name) for name in names]
	body = [[cell(unit.get(name)) for name in names] for unit in found]
	return files.write(header, body, file_format)


def example(company: str, attributes: dict | None = None) -> dict:
	"""A template's example row: one laptop on hand, as a shop would write it."""
	warehouse = (
		frappe.db.get_value("Warehouse", {"company": company, "is_group": 0}, "warehouse_name") or "Stores"
	)
	return {
		columns.SERIAL: "LAPTOP-0001",
		columns.ITEM: _("Laptop 14 inch"),
		columns.WAREHOUSE: warehouse,
		columns.MAKER_SERIAL: "C02XK1ABCD12",
		columns.STATUS: lifecycle.IN_STOCK,
		columns.CONDITION: "Good",
		columns.COST: 1250.0,
		columns.PURCHASE_DATE: date(2025, 1, 31),
		columns.SUPPLIER_REFERENCE: "INV-2025-0042",
		columns.WARRANTY_EXPIRY: date(2027, 1, 31),
		columns.LOCATION_NOTE: _("Shelf B2"),
		**dict.fromkeys(attributes or {}),
	}
