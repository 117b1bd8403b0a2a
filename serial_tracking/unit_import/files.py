"""The cells of an import's file (CSV or Excel), and a file of units to download (CSV or Excel)."""

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import frappe
from frappe import _

from serial_tracking.unit_import.core import table

CSV = "CSV"
EXCEL = "Excel"
FORMATS = (CSV, EXCEL)


class Source:
	"""The attached file (CSV, or an Excel file's first sheet), read as often as asked, a line at a time:
	its content stays as it came (a few megabytes for 100,000 rows), never its cells."""

	def __init__(self, file_url: str) -> None:
		name = frappe.db.get_value("File", {"file_url": file_url}, "name")
		if not name:
			frappe.throw(_("The file {0} is not attached any more: attach it again.").format(file_url))
		file = frappe.get_doc("File", name)
		extension = (file.file_name or file_url).rsplit(".", 1)[-1].lower()
		if extension not in ("xlsx", "xlsm", "csv", "txt", "tsv"):
			frappe.throw(_("Attach a CSV or Excel (.xlsx) file: {0} is neither.").format(file.file_name))
		self.excel = extension in ("xlsx", "xlsm")
		content = file.get_content()
		self.content = content.encode() if self.excel and isinstance(content, str) else content

	def lines(self) -> Iterator[tuple[int, list[str]]]:
		"""The lines that are not blank, with their numbers in the file: the header first."""
		return table.lines(self._excel_rows() if self.excel else table.iter_csv(self.content))

	def _book(self):
		from openpyxl import load_workbook

		try:
			return load_workbook(io.BytesIO(self.content), read_only=True, data_only=True)
		except Exception:
			frappe.throw(_("The file cannot be read as an Excel workbook (.xlsx)."))

	def _excel_rows(self) -> Iterator[list[str]]:
		book = self._book()
		try:
			for row in book.worksheets[0].iter_rows(values_only=True):
				yield [cell_text(value) for value in row]
		finally:
			book.close()


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
