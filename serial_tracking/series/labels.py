"""Serial labels: Code128 and QR images (python-barcode, pyqrcode) and one PDF for many units."""

import base64
import io

import pyqrcode
from barcode import Code128
from barcode.writer import ImageWriter

import frappe
from frappe.utils.pdf import get_pdf

from serial_tracking.units import unit_moves

TEMPLATE = "serial_tracking/templates/labels/serial_labels.html"
LABEL_FIELDS = ["name", "item_code", "item_name", "st_maker_serial"]


def serial_label_code128(value: str) -> str:
	"""A Code128 barcode of ``value`` as a PNG data URI."""
	buffer = io.BytesIO()
	Code128(str(value), writer=ImageWriter()).write(
		buffer,
		options={"module_width": 0.3, "module_height": 8, "quiet_zone": 4, "write_text": False, "dpi": 300},
	)
	return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def serial_label_qr(value: str) -> str:
	"""A QR code of ``value`` as a PNG data URI."""
	return "data:image/png;base64," + pyqrcode.create(str(value), error="M").png_as_base64_str(
		scale=6, quiet_zone=4
	)


def settings():
	return frappe.get_cached_doc("Serial Tracking Settings")


def render(serials: list[str]) -> str:
	units = frappe.get_all("Serial No", {"name": ("in", serials)}, LABEL_FIELDS)
	order = {serial: i for i, serial in enumerate(serials)}
	units.sort(key=lambda unit: order.get(unit.name, 0))
	html = frappe.render_template(TEMPLATE, {"labels": units, "settings": settings()})
	return f'<div class="print-format">{html}</div>'


def sheet_pdf(serials: list[str]) -> bytes:
	"""One PDF with a page per label, in the order of ``serials``."""
	return get_pdf(render(serials))


def voucher_serials(voucher_type: str, voucher_no: str) -> list[str]:
	"""The units a submitted stock transaction brought in, in the order of its lines."""
	return [unit.serial_no for unit in unit_moves.moved(voucher_type, voucher_no, outward=False)]


def build_sheet(serials: list[str], user: str, chunk: int = 50, renderer: str | None = None) -> str:
	"""Background job: render a large sheet in chunks with a progress bar, attach it, tell the user.
	``renderer``: the dotted path of another sheet's ``render`` (the GS1 labels' of a GS1 label choice)."""
	from pypdf import PdfWriter

	render_chunk = frappe.get_attr(renderer) if renderer else render
	writer = PdfWriter()
	title = frappe._("Printing labels")
	for start in range(0, len(serials), chunk):
		get_pdf(render_chunk(serials[start : start + chunk]), output=writer)
		done = min(start + chunk, len(serials))
		frappe.publish_progress(
			done * 100 / len(serials),
			title=title,
			description=frappe._("{0} of {1} labels").format(done, len(serials)),
		)
	buffer = io.BytesIO()
	writer.write(buffer)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"serial-labels-{frappe.generate_hash(length=8)}.pdf",
			"is_private": 1,
			"content": buffer.getvalue(),
		}
	).insert(ignore_permissions=True)
	frappe.publish_realtime("st_labels_ready", {"file_url": file.file_url, "count": len(serials)}, user=user)
	return file.file_url
