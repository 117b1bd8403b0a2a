"""EPCIS 2.0 exports: the audit events of a selection of units (one unit, the units of a Delivery Note or
Purchase Receipt, a Recall Trace result) as one JSON-LD document, streamed event by event.

Events are read in one query (ordered so a voucher's rows come together), the names the document needs
(GTINs, GLNs) in a few more; then :mod:`~serial_tracking.gs1.core.epcis` writes the document without the
database, so the response can be streamed after the request's transaction ended."""

from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import frappe
from frappe.utils import get_system_timezone, get_url, now_datetime

from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.gs1 import keys
from serial_tracking.gs1.core import epcis, identifiers
from serial_tracking.platform import compat
from serial_tracking.units import unit_moves

FIELDS = (
	"name",
	"serial_no",
	"item_code",
	"event",
	"posting",
	"voucher_type",
	"voucher_no",
	"from_warehouse",
	"to_warehouse",
	"party_type",
	"party",
	"custodian_type",
	"custodian",
)


def voucher_units(voucher_type: str, voucher_no: str) -> list[str]:
	"""The units a submitted voucher moved, in or out."""
	units = unit_moves.moved(voucher_type, voucher_no, outward=False)
	units += unit_moves.moved(voucher_type, voucher_no, outward=True)
	return list(dict.fromkeys(unit.serial_no for unit in units))


def rows(serials: list[str]) -> list[dict]:
	"""The audit events of ``serials``, each with when it was reversed (a cancelled voucher), ordered by
	posting and voucher."""
	if not serials:
		return []
	event = frappe.qb.DocType(EVENT_DOCTYPE)
	found = (
		frappe.qb.from_(event)
		.select(*(event[field] for field in FIELDS), event.reverses, event.recorded_at)
		.where(event.serial_no.isin(serials))
		.orderby(event.posting)
		.orderby(event.voucher_type)
		.orderby(event.voucher_no)
		.orderby(event.serial_no)
		.orderby(event.seq)
	).run(as_dict=True)
	# When each reversed event was reversed: its reversal is an event of the same unit (no join on the
	# unindexed ``reverses``).
	reversed_at = {row.reverses: row.recorded_at for row in found if row.reverses}
	for row in found:
		row["reversed_at"] = reversed_at.get(row["name"])
	return found


def names(found: list[dict]) -> epcis.Names:
	"""How this site names units, warehouses, vouchers and parties, read once for the whole document."""
	site, resolver, prefix = get_url(), keys.resolver(), keys.company_prefix()
	linked = {row["party"] for row in found if row.get("party_type") == "Serial No"}
	items = {row["serial_no"]: row["item_code"] for row in found}
	missing = linked - set(items)
	if missing:
		items.update(
			dict(
				frappe.get_all(
					"Serial No", {"name": ("in", list(missing))}, ["name", "item_code"], as_list=True
				)
			)
		)
	gtins = keys.gtins(set(items.values()))
	warehouses = {row[w] for row in found for w in ("from_warehouse", "to_warehouse") if row.get(w)}
	glns = (
		dict(
			frappe.get_all(
				"Warehouse",
				{"name": ("in", list(warehouses)), "st_gln": ("is", "set")},
				["name", "st_gln"],
				as_list=True,
			)
		)
		if warehouses
		else {}
	)
	desk = site + compat.desk_route()

	def unit(serial: str) -> str:
		gtin = gtins.get(items.get(serial))
		if gtin and len(serial) <= identifiers.SERIAL_MAX:
			return identifiers.digital_link(resolver, gtin, serial)
		if prefix:
			return identifiers.giai_link(resolver, prefix + serial)
		return f"{desk}/serial-no/{quote(serial, safe='')}"

	def location(warehouse: str) -> str:
		gln = (glns.get(warehouse) or "").strip()
		return f"{resolver}/414/{gln}" if gln else f"{desk}/warehouse/{quote(warehouse, safe='')}"

	def record(doctype: str, name: str) -> str:
		return f"{desk}/{frappe.scrub(doctype).replace('_', '-')}/{quote(name, safe='')}"

	return epcis.Names(
		unit=unit,
		location=location,
		transaction=record,
		party=record,
		timezone=ZoneInfo(get_system_timezone()),
		site=site,
	)


def stream(serials: list[str]):
	"""The document's chunks: everything read from the database before the first chunk."""
	found = rows(serials)
	return epcis.stream(found, names(found), now_datetime(), sender=get_url())


def document(serials: list[str]) -> dict:
	import json

	return json.loads("".join(stream(serials)))


def filename(label: str) -> str:
	return f"epcis-{frappe.scrub(label)[:60]}-{datetime.now():%Y%m%d%H%M%S}.jsonld"
