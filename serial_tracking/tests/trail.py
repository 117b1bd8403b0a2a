"""Shared helpers of the audit trail's integration tests."""

import frappe

from serial_tracking.tests import factories as f

EVENT_DOCTYPE = "Serial Audit Event"


def history(serial):
	return frappe.get_all(
		EVENT_DOCTYPE,
		{"serial_no": serial},
		[
			"seq",
			"episode",
			"event",
			"from_warehouse",
			"to_warehouse",
			"party",
			"status_before",
			"status_after",
			"voucher_no",
		],
		order_by="seq",
	)


def kinds(serial):
	return [e.event for e in history(serial)]


def lifecycle_status(serial):
	return frappe.db.get_value("Serial No", serial, "st_lifecycle_status")


def serialized_item(**fields):
	return f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{####}", **fields)


def stock_entry(purpose, rows, submit=True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": f.COMPANY,
			"items": rows,
			**fields,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def serial_row(item_code, serials, **fields):
	return {
		"item_code": item_code,
		"qty": len(serials),
		"serial_no": "\n".join(serials),
		"use_serial_batch_fields": 1,
		**fields,
	}
