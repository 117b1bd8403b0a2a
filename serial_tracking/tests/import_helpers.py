"""Shared helpers of the Unit Import integration tests: a file attached to an import, and the import's
rows as it judged them."""

import csv
import io

import frappe

from serial_tracking.tests import factories as f

IMPORT = "Unit Import"


def new_import(content: str | bytes, file_name: str = "units.csv", **fields):
	"""A Unit Import of the test company with ``content`` attached and checked (saved)."""
	doc = frappe.get_doc({"doctype": IMPORT, "company": f.COMPANY, **fields}).insert()
	return attach(doc, content, file_name)


def attach(doc, content: str | bytes, file_name: str = "units.csv"):
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.generate_hash(length=6)}-{file_name}",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": IMPORT,
			"attached_to_name": doc.name,
		}
	).insert()
	doc.import_file = file.file_url
	doc.save()
	return doc


def csv_of(header: list[str], *lines: list) -> str:
	buffer = io.StringIO()
	csv.writer(buffer, lineterminator="\n").writerows(
		[header, *(["" if v is None else v for v in line] for line in lines)]
	)
	return buffer.getvalue()


def verdicts(doc) -> dict[int, tuple[str, str | None]]:
	"""{row: (verdict, message)} of the import's rows."""
	rows = frappe.get_all(
		"Unit Import Row", {"unit_import": doc.name}, ["row_no", "verdict", "message"], order_by="row_no"
	)
	return {row.row_no: (row.verdict, row.message) for row in rows}


def row_unit(doc, row_no: int) -> str | None:
	return frappe.db.get_value("Unit Import Row", {"unit_import": doc.name, "row_no": row_no}, "unit")


def unit(serial: str):
	return frappe.db.get_value(
		"Serial No",
		serial,
		[
			"item_code",
			"warehouse",
			"status",
			"st_lifecycle_status",
			"st_condition",
			"st_maker_serial",
			"st_custodian_type",
			"st_custodian",
			"st_due_date",
			"st_vendor_warranty_expiry",
			"st_first_received",
		],
		as_dict=True,
	)
