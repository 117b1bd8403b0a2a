"""Serials generated at submit for inward lines left blank, from the item's series template.

:func:`generate` reserves the serials and creates the units in one insert; :func:`attach_bundle` hands
them to ERPNext when it writes the line's stock ledger entry, exactly where ERPNext would have
generated serials itself; :func:`release_cancelled_units` takes the units of a cancelled receipt out
of stock.
"""

import frappe
from frappe.model.document import Document
from frappe.utils import flt, getdate, now

from erpnext.accounts.utils import get_fiscal_year
from erpnext.stock.serial_batch_bundle import SerialBatchCreation

from serial_tracking.platform import bulk_insert, compat, voucher_state
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.series import series_counter
from serial_tracking.series.core import identity, series_rules, tracking
from serial_tracking.series.intake import InwardLine, existing_serials, serialized_lines


def generate(doc: Document) -> None:
	"""Give every blank serialized line of a generating item its serials, from the item's template.

	The units are created here in one insert; :func:`attach_bundle` hands them to ERPNext when it writes
	the line's stock ledger entry, exactly where ERPNext would have generated serials itself.
	"""
	lines, settings = serialized_lines(doc)
	created = []
	for line in lines:
		row, item = line.row, settings[line.row.item_code]
		if line.serials:
			continue
		by = tracking.blank_serials_by(item.source, bool(item.template), bool(item.erpnext_series))
		if not by:
			with rules_as_messages():
				identity.refuse_blank_serials(row.idx, row.item_code, line.qty)
		if by == tracking.BY_ERPNEXT:
			continue
		with rules_as_messages():
			template = series_rules.parse(item.template)
			serials = series_rules.generate(
				template,
				series_context(doc, line, item, template),
				line.qty,
				series_counter.reserve,
				taken=existing_serials,
			)
		makers = line.makers or [None] * len(serials)
		created.extend(
			(serial, maker, row, line.warehouse, item) for serial, maker in zip(serials, makers, strict=True)
		)
		if line.is_return:
			# A return: ERPNext builds the bundle from the serial field (it has none to return against).
			row.serial_no = "\n".join(serials)
			row.use_serial_batch_fields = 1
		else:
			# Waiting for the line's stock ledger entry (see attach_bundle).
			pending = voucher_state.of(voucher_state.PENDING_BUNDLES, doc.doctype, doc.name)
			pending[(row.name, line.warehouse)] = (row.doctype, serials)
	if created:
		insert_serial_nos(doc, created)
		voucher_state.of(voucher_state.NEW_UNITS, doc.doctype, doc.name, set).update(
			unit[0] for unit in created
		)


def attach_bundle(sle: Document) -> None:
	"""Build the line's Serial and Batch Bundle from its generated serials as ERPNext builds its own.

	Runs when the stock ledger entry is inserted and before ERPNext processes it, so ERPNext finds the
	bundle it would have auto-created and goes on exactly as after its own generation.
	"""
	pending = voucher_state.peek(voucher_state.PENDING_BUNDLES, sle.voucher_type, sle.voucher_no)
	if not pending or sle.is_cancelled or sle.serial_and_batch_bundle or flt(sle.actual_qty) <= 0:
		return
	found = pending.pop((sle.voucher_detail_no, sle.warehouse), None)
	if not found:
		return
	child_doctype, serials = found
	bundle = SerialBatchCreation(
		{
			"item_code": sle.item_code,
			"warehouse": sle.warehouse,
			**compat.bundle_posting(sle),
			"voucher_type": sle.voucher_type,
			"voucher_no": sle.voucher_no,
			"voucher_detail_no": sle.voucher_detail_no,
			"qty": sle.actual_qty,
			"avg_rate": sle.incoming_rate,
			"total_amount": flt(sle.actual_qty) * flt(sle.incoming_rate),
			"type_of_transaction": "Inward",
			"company": sle.company,
			"is_rejected": 0,
			"make_bundle_from_sle": 1,
			"serial_nos": serials,
		}
	).make_serial_and_batch_bundle()
	sle.serial_and_batch_bundle = bundle.name
	sle.auto_created_serial_and_batch_bundle = 1
	sle.db_set({"serial_and_batch_bundle": bundle.name, "auto_created_serial_and_batch_bundle": 1})
	values = {"serial_and_batch_bundle": bundle.name}
	if not frappe.db.get_single_value(
		"Stock Settings", "do_not_update_serial_batch_on_creation_of_auto_bundle"
	):
		values["serial_no"] = ",".join(serials)
	frappe.db.set_value(child_doctype, sle.voucher_detail_no, values)


def series_context(
	doc: Document, line: InwardLine, item, template: series_rules.Template
) -> series_rules.SeriesContext:
	needs = template.needs
	posting_date = getdate(doc.get("posting_date"))
	warehouse_name = frappe.get_cached_value("Warehouse", line.warehouse, "warehouse_name") or line.warehouse
	return series_rules.SeriesContext(
		posting_date=posting_date,
		item_code=line.row.item_code,
		item_group=item.item_group or "",
		supplier=doc.get("supplier") or "",
		warehouse=warehouse_name,
		warehouse_abbr=series_rules.warehouse_abbreviation(warehouse_name),
		company_abbr=frappe.get_cached_value("Company", doc.company, "abbr")
		if "company_abbr" in needs
		else "",
		fiscal_year=get_fiscal_year(posting_date, company=doc.company)[0] if "fiscal_year" in needs else "",
	)


def insert_serial_nos(doc: Document, units: list) -> None:
	"""Create the generated units in one insert, with the fields ERPNext gives auto-created serials."""
	timestamp, user = now(), frappe.session.user
	source = compat.serial_source_values(doc)
	fields = [
		"name",
		"serial_no",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"warehouse",
		"company",
		"item_code",
		"item_name",
		"description",
		"status",
		*compat.serial_source_fields(),
		"st_maker_serial",
	]
	values = [
		(
			serial,
			serial,
			timestamp,
			timestamp,
			user,
			user,
			warehouse,
			doc.company,
			row.item_code,
			item.item_name,
			item.description,
			"Active",
			*source,
			maker,
		)
		for serial, maker, row, warehouse, item in units
	]
	bulk_insert.insert("Serial No", fields, values)


def release_cancelled_units(doc: Document) -> None:
	"""Leave the units a cancelled receipt brought into existence inactive and out of stock.

	ERPNext means to (its status update says "Inactive" when the cancelled voucher is the unit's purchase
	document) but sets "Delivered", and leaves units of bundles it auto-created (its own generation, and
	ours) "Active" in a warehouse with no stock. The voucher's bundles are found by their voucher: ERPNext
	unlinks them from the cancelled ledger entries (and a Landed Cost Voucher re-posts those entries).
	Units the voucher also took out (a count's units counted again, a transfer's) were there before it."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	entry = frappe.qb.DocType("Serial and Batch Entry")
	serial_no = frappe.qb.DocType("Serial No")

	def moved(direction: str):
		return (
			frappe.qb.from_(entry)
			.join(bundle)
			.on(bundle.name == entry.parent)
			.select(entry.serial_no)
			.where(
				(bundle.voucher_type == doc.doctype)
				& (bundle.voucher_no == doc.name)
				& (bundle.type_of_transaction == direction)
				& entry.serial_no.isnotnull()
			)
		)

	(
		frappe.qb.update(serial_no)
		.set(serial_no.warehouse, None)
		.set(serial_no.status, "Inactive")
		.where(serial_no.name.isin(moved("Inward")))
		.where(serial_no.name.notin(moved("Outward")))
		.where(compat.created_by(serial_no, doc))
	).run()
