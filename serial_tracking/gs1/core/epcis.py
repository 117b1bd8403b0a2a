"""EPCIS 2.0 JSON-LD documents from the app's audit events, streamed.

Rows are plain mappings of audit events (serial_no, event, posting, voucher_type, voucher_no,
from_warehouse, to_warehouse, party_type, party, custodian_type, custodian, name, reversed_at),
ordered by posting and voucher so that one voucher's rows come together. The events of one voucher
become one EPCIS event per CBV step (all its units in one epcList); a production voucher whose units
were made of other units is one TransformationEvent (inputs and outputs). Identifiers (units,
warehouses, vouchers, parties) come from the caller's :class:`Names`, so this module knows no site.
"""

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import groupby

from serial_tracking.gs1.core import cbv
from serial_tracking.units.core import ledger

CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
SCHEMA_VERSION = "2.0"
NAMESPACE = uuid.UUID("6f1c0c4e-3b7a-5d0e-9a51-5e7b2f0c6a11")  # the app's: event IDs are stable per site


@dataclass(frozen=True)
class Names:
	"""How the site names what an EPCIS document points at, each as a URI."""

	unit: Callable[[str], str]  # serial -> Digital Link URI (or SGTIN-like URI, or the unit's page)
	location: Callable[[str], str]  # warehouse -> GLN Digital Link or the site's own identifier
	transaction: Callable[[str, str], str]  # (voucher type, voucher) -> URI
	party: Callable[[str, str], str]  # (party type, party) -> URI
	timezone: tzinfo
	site: str = ""  # the site's URL: event IDs differ between sites


def timestamp(moment: datetime, zone: tzinfo) -> tuple[str, str]:
	"""``moment`` (the site's local time, naive) as an ISO 8601 time with its offset, and the offset."""
	aware = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
	offset = aware.strftime("%z") or "+0000"
	offset = f"{offset[:3]}:{offset[3:]}"
	return aware.isoformat(timespec="seconds"), offset


def batch_key(row: Mapping):
	return (row["posting"], row.get("voucher_type") or "", row.get("voucher_no") or "")


def events(rows: Iterable[Mapping], names: Names) -> Iterator[dict]:
	"""The EPCIS events of ``rows`` (ordered by posting and voucher), one voucher at a time."""
	for _key, batch in groupby(rows, key=batch_key):
		yield from voucher_events(list(batch), names)


def voucher_events(batch: list[Mapping], names: Names) -> Iterator[dict]:
	live = [row for row in batch if row["event"] not in cbv.NOT_EXPORTED]
	rest = live
	transformation = transformation_event(live, names)
	if transformation:
		yield transformation
		folded = cbv.INPUT_KINDS | cbv.OUTPUT_KINDS
		rest = [row for row in live if row["event"] not in folded]
	groups: dict[tuple, list[Mapping]] = {}
	for row in rest:
		step = cbv.step(row["event"], row.get("voucher_type"))
		if step is None:
			continue
		key = (
			row["event"],
			step,
			row.get("from_warehouse"),
			row.get("to_warehouse"),
			row.get("party_type"),
			row.get("party"),
			row.get("custodian_type"),
			row.get("custodian"),
			row.get("reversed_at"),
		)
		groups.setdefault(key, []).append(row)
	for (_kind, step, *_rest), group in groups.items():
		yield object_event(step, group, names)


def common(group: list[Mapping], names: Names) -> dict:
	first = group[0]
	time, offset = timestamp(first["posting"], names.timezone)
	ids = ",".join(sorted(str(row.get("name") or row["serial_no"]) for row in group))
	event = {
		"eventTime": time,
		"eventTimeZoneOffset": offset,
		"eventID": f"urn:uuid:{uuid.uuid5(NAMESPACE, names.site + '|' + ids)}",
	}
	if first.get("reversed_at"):
		event["errorDeclaration"] = {
			"declarationTime": timestamp(first["reversed_at"], names.timezone)[0],
			"reason": "did_not_occur",
		}
	return event


def where(row: Mapping, names: Names, step: cbv.Step | None = None) -> dict:
	"""bizLocation, bizTransactionList, sourceList and destinationList of an event."""
	out: dict = {}
	warehouse = row.get("to_warehouse") or row.get("from_warehouse")
	if warehouse:
		out["bizLocation"] = {"id": names.location(warehouse)}
	if row.get("voucher_type") and row.get("voucher_no"):
		transaction = {"bizTransaction": names.transaction(row["voucher_type"], row["voucher_no"])}
		if kind := cbv.transaction_type(row["voucher_type"]):
			transaction = {"type": kind, **transaction}
		out["bizTransactionList"] = [transaction]
	for side, list_name in (("source", "sourceList"), ("destination", "destinationList")):
		ends = endpoint(row, getattr(step, side, None), names)
		if ends:
			out[list_name] = [{"type": kind, side: uri} for kind, uri in ends]
	return out


def endpoint(row: Mapping, what: str | None, names: Names) -> list[tuple[str, str]]:
	if what in ("from", "to"):
		warehouse = row.get(f"{what}_warehouse")
		return [(cbv.LOCATION, names.location(warehouse))] if warehouse else []
	if what == "party" and row.get("party") and row.get("party_type") in ("Supplier", "Customer"):
		return [(cbv.OWNING_PARTY, names.party(row["party_type"], row["party"]))]
	if what == "party" and row.get("party") and row.get("party_type") == "Serial No":
		return [(cbv.LOCATION, names.unit(row["party"]))]  # the unit a part went into or came out of
	if what == "custodian" and row.get("custodian"):
		return [(cbv.POSSESSING_PARTY, names.party(row.get("custodian_type") or "", row["custodian"]))]
	return []


def object_event(step: cbv.Step, group: list[Mapping], names: Names) -> dict:
	event = {"type": cbv.OBJECT, **common(group, names)}
	event["epcList"] = unique(names.unit(row["serial_no"]) for row in group)
	event["action"] = step.action
	event["bizStep"] = step.biz_step
	if step.disposition:
		event["disposition"] = step.disposition
	event.update(where(group[0], names, step))
	return event


def transformation_event(rows: list[Mapping], names: Names) -> dict | None:
	"""The TransformationEvent of a production voucher's rows: the units consumed or built in
	(inputs) and the units made (outputs); None unless the rows name both."""
	inputs, outputs = [], []
	for row in rows:
		kind, linked = row["event"], row.get("party") if row.get("party_type") == "Serial No" else None
		if kind in cbv.INPUT_KINDS:
			inputs.append(row["serial_no"])
			if linked and kind == ledger.BECAME_PART_OF:
				outputs.append(linked)
		elif kind in cbv.OUTPUT_KINDS:
			outputs.append(row["serial_no"])
			if linked:
				inputs.append(linked)
	if not inputs or not outputs:
		return None
	members = [row for row in rows if row["event"] in cbv.INPUT_KINDS | cbv.OUTPUT_KINDS]
	event = {"type": cbv.TRANSFORMATION, **common(members, names)}
	event["inputEPCList"] = unique(names.unit(serial) for serial in inputs)
	event["outputEPCList"] = unique(names.unit(serial) for serial in outputs)
	event["bizStep"] = "assembling"
	event["disposition"] = "active"
	event.update(where(next(row for row in members if row["event"] in cbv.OUTPUT_KINDS), names))
	return event


def unique(values: Iterable[str]) -> list[str]:
	return list(dict.fromkeys(values))


def header(created: datetime, names: Names, sender: str | None = None) -> dict:
	document = {
		"@context": [CONTEXT],
		"type": "EPCISDocument",
		"schemaVersion": SCHEMA_VERSION,
		"creationDate": timestamp(created, names.timezone)[0],
	}
	if sender:
		document["sender"] = sender
	return document


def stream(
	rows: Iterable[Mapping], names: Names, created: datetime, sender: str | None = None
) -> Iterator[str]:
	"""The EPCIS document as chunks of JSON text, one event at a time: memory stays flat however many
	units the document covers."""
	head = json.dumps(header(created, names, sender), separators=(",", ":"))
	yield head[:-1] + ',"epcisBody":{"eventList":['
	for i, event in enumerate(events(rows, names)):
		yield ("," if i else "") + json.dumps(event, separators=(",", ":"))
	yield "]}}"


def document(rows: Iterable[Mapping], names: Names, created: datetime, sender: str | None = None) -> dict:
	return json.loads("".join(stream(rows, names, created, sender)))
