"""The site as a GS1 Digital Link resolver: ``/01/<gtin>/21/<serial>`` and ``/8004/<giai>``.

A desk user (who may read Serial No) is taken to the unit's form; ``?linkType=all`` answers the link set
(RFC 9264, ``application/linkset+json``); everyone else gets, when Serial Tracking Settings allow it, the
public unit page: the item's name and picture, the warranty, the item's public documents and a "report a
problem" form. Never cost, custodian, location or history. An unknown unit answers 404 after the same
queries and the same template as a known one, so timing tells a guest nothing either."""

import json
from urllib.parse import quote

import frappe
from frappe.utils import get_url, getdate, nowdate
from frappe.website.page_renderers.base_renderer import BaseRenderer
from frappe.website.utils import build_response

from serial_tracking.gs1 import keys
from serial_tracking.gs1.core import identifiers, reading
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform import compat

TEMPLATE = "serial_tracking/templates/gs1/unit_page.html"
PREFIXES = ("01/", "8004/")
VOC = "https://gs1.org/voc/"
NOBODY = "\x00"  # matches no serial, no item: an unknown unit's queries find nothing, as slowly
DECOY = {"item_name": "-", "warranty_until": "2000-01-01", "in_warranty": False}


class DigitalLinkPage(BaseRenderer):
	"""Frappe's ``page_renderer`` hook: renders the Digital Link paths, before Frappe's own pages."""

	def can_render(self):
		return self.path.startswith(PREFIXES)

	def render(self):
		return respond(raw_path() or self.path, frappe.form_dict.get("linkType"))


def raw_path() -> str | None:
	"""The request's path as sent, percent-escapes kept (a serial may hold an encoded "/")."""
	request = getattr(frappe.local, "request", None)
	environ = getattr(request, "environ", None) or {}
	raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
	return raw.split("?", 1)[0].strip("/ ") if raw else None


def unit_of_path(path: str) -> tuple[str | None, str | None]:
	"""(serial_no, item_code) the path names; (None, None) when it names no unit of this site. Runs the
	same queries whether or not the unit exists."""
	try:
		found = reading.read(f"{get_url()}/{path}")
	except GS1Error:
		found = None
	if found and found.giai:
		prefix = keys.company_prefix()
		reference = (identifiers.asset_reference(prefix, found.giai) if prefix else None) or NOBODY
		row = frappe.db.get_value("Serial No", reference, ["name", "item_code"])
		return (row[0], row[1]) if row else (None, None)
	items = keys.items_of_gtin(found.gtin) if found and found.gtin else {}
	serial = found.serial if found and found.serial else NOBODY
	return keys.unit_of(list(items) or [NOBODY], serial)


def is_desk_user() -> bool:
	return (
		frappe.session.user != "Guest"
		and frappe.get_cached_value("User", frappe.session.user, "user_type") == "System User"
		and frappe.has_permission("Serial No", "read")
	)


def respond(path: str, link_type: str | None = None):
	serial_no, item_code = unit_of_path(path)
	desk = is_desk_user()
	if serial_no and desk and link_type != "all":
		return redirect(get_url(compat.desk_route("serial-no", quote(serial_no, safe=""))))
	public = bool(keys.settings().get("gs1_public_page"))
	if not public and not desk:  # nothing to show a guest: the same answer for every path
		return redirect(f"/login?redirect-to=/{quote(path)}")
	context = page_context(serial_no or NOBODY, item_code or NOBODY, path)
	known = bool(serial_no)
	if link_type == "all":
		body = json.dumps(linkset(context, path)) if known else json.dumps({"linkset": []})
		return build_response(path, body, 200 if known else 404, {"Content-Type": "application/linkset+json"})
	# The unit's page is rendered either way (an unknown unit's with stand-in values, then dropped): the
	# time to answer does not tell a known serial from a guessed one.
	html = frappe.render_template(TEMPLATE, {**context, **({} if known else DECOY), "known": True})
	if not known:
		html = frappe.render_template(TEMPLATE, {**context, "known": False})
	return build_response(path, html, 200 if known else 404, {"Content-Type": "text/html; charset=utf-8"})


def redirect(location: str):
	from werkzeug.wrappers import Response

	return Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})


def page_context(serial_no: str, item_code: str, path: str) -> dict:
	"""What the public page shows: item name and (public) picture, warranty, public documents."""
	item = frappe.db.get_value("Item", item_code, ["item_name", "image"], as_dict=True) or frappe._dict()
	until = frappe.db.get_value("Serial No", serial_no, "warranty_expiry_date")
	file = frappe.qb.DocType("File")
	documents = (
		frappe.qb.from_(file)
		.select(file.file_name, file.file_url)
		.where(
			(file.attached_to_doctype == "Item")
			& (file.attached_to_name == item_code)
			& (file.is_private == 0)
			& (file.is_folder == 0)
		)
		.orderby(file.creation)
		.limit(20)
	).run(as_dict=True)
	image = item.image if (item.image or "").startswith(("/files/", "http")) else None
	documents = [d for d in documents if d.file_url != image]
	return {
		"serial_no": serial_no,
		"item_name": item.item_name,
		"image": image,
		"warranty_until": until,
		"in_warranty": bool(until) and getdate(until) >= getdate(nowdate()),
		"documents": documents,
		"path": "/" + path,
		"report_limit": keys.settings().get("gs1_report_limit") or 0,
		"csrf_token": frappe.sessions.get_csrf_token() if frappe.session.user != "Guest" else "",
	}


def linkset(context: dict, path: str) -> dict:
	"""The unit's links as an RFC 9264 link set, GS1 link types as relations."""
	anchor = get_url(f"/{path}")
	links = {
		f"{VOC}defaultLink": [{"href": anchor, "title": context["item_name"] or "", "type": "text/html"}]
	}
	if context["documents"]:
		links[f"{VOC}instructions"] = [
			{"href": get_url(d.file_url), "title": d.file_name} for d in context["documents"]
		]
	if context["report_limit"]:
		links[f"{VOC}support"] = [{"href": f"{anchor}#report", "title": "Report a problem"}]
	return {"linkset": [{"anchor": anchor, **links}]}
