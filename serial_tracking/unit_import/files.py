"""The cells of an import's file (CSV or Excel), and a file of units to download (CSV or Excel)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import frappe
from frappe import _

from serial_tracking.unit_import.core import rows

CSV = "CSV"
EXCEL = "Excel"
FORMATS = (CSV, EXCEL)


def table(file_url: str) -> list[list[str]]:
	"""The rows of the attached file as text cells (an Excel file: its first sheet)."""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("The file {0} is not attached any more: attach it again.").format(file_url))
	file = frappe.get_doc("File", name)
	content = file.get_content()
	extension = (file.file_name or file_url).rsplit(".", 1)[-1].lower()
	if extension in ("xlsx", "xlsm"):
		return excel_rows(content if isinstance(content, bytes) else content.encode())
	if extension in ("csv", "txt", "tsv"):
		return rows.read_csv(content)
	frappe.throw(_("Attach a CSV or Excel (.xlsx) file: {0} is neither.").format(file.file_name))


def excel_rows(content: bytes) -> list[list[str]]:
	from openpyxl import load_workbook

	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		frappe.throw(_("The file cannot be read as an Excel workbook (.xlsx)."))
	sheet = book.worksheets[0]
	return [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def cell_text(value) -> str:
	"""A cell as the text a CSV file would hold: dates in ISO form, whole numbers without ".0"."""
	if value is None:
		return ""
	if isinstance(value, datetime):
		return value.date().isoformat() if not value.time() else value.isoformat(" ")
	if isinstance(value, date):
		return value.isoformat()
	if isinstance(value, float):
		return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
	return str(value).strip()


def write(header: list[str], body: list[list], file_format: str) -> tuple[bytes, str]:
	"""The file's content and extension."""
	if file_format == EXCEL:
		from frappe.utils.xlsxutils import make_xlsx

		return make_xlsx([header, *body], "Units").getvalue(), "xlsx"
	buffer = io.StringIO()
	writer = csv.writer(buffer, lineterminator="\n")
	writer.writerow(header)
	writer.writerows(body)
	return ("\ufeff" + buffer.getvalue()).encode(), "csv"
