"""EPCIS 2.0 documents from audit events (serial_tracking.gs1.core.epcis, .cbv), validated against GS1's
published JSON schema."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serial_tracking.gs1.core import cbv, epcis
from serial_tracking.tests import epcis_schema
from serial_tracking.units.core import ledger

SCHEMA = epcis_schema.load()
ZONE = timezone(timedelta(hours=1))
NAMES = epcis.Names(
	unit=lambda serial: f"https://r.example/01/09506000134352/21/{serial}",
	location=lambda warehouse: f"https://r.example/warehouse/{warehouse.replace(' ', '%20')}",
	transaction=lambda doctype, name: f"https://r.example/app/{doctype.lower().replace(' ', '-')}/{name}",
	party=lambda kind, name: f"https://r.example/party/{kind.replace(' ', '%20')}/{name}",
	timezone=ZONE,
	site="https://r.example",
)
T0 = datetime(2026, 3, 1, 9, 30)


def row(serial, event, minutes, voucher=None, **fields):
	voucher_type, voucher_no = voucher or (None, None)
	return {
		"name": f"EV-{serial}-{minutes}-{event}",
		"serial_no": serial,
		"event": event,
		"posting": T0 + timedelta(minutes=minutes),
		"voucher_type": voucher_type,
		"voucher_no": voucher_no,
		**fields,
	}


LIFE = [
	row(
		"U1",
		ledger.RECEIVED,
		0,
		("Purchase Receipt", "PR-1"),
		to_warehouse="Stores",
		party_type="Supplier",
		party="Acme",
	),
	row(
		"U2",
		ledger.RECEIVED,
		0,
		("Purchase Receipt", "PR-1"),
		to_warehouse="Stores",
		party_type="Supplier",
		party="Acme",
	),
	row("U1", ledger.TRANSFERRED, 10, ("Stock Entry", "SE-1"), from_warehouse="Stores", to_warehouse="Shop"),
	row("U1", ledger.COUNTED, 20, ("Unit Count", "UC-1"), to_warehouse="Shop"),
	row("C1", ledger.CONSUMED, 30, ("Stock Entry", "SE-2"), from_warehouse="Stores"),
	row("A1", ledger.MANUFACTURED, 30, ("Stock Entry", "SE-2"), to_warehouse="Shop"),
	row("A1", ledger.MADE_OF, 30, ("Stock Entry", "SE-2"), party_type="Serial No", party="C1"),
	row("C1", ledger.BECAME_PART_OF, 30, ("Stock Entry", "SE-2"), party_type="Serial No", party="A1"),
	row(
		"U1",
		ledger.DELIVERED,
		40,
		("Delivery Note", "DN-1"),
		from_warehouse="Shop",
		party_type="Customer",
		party="Bob",
	),
	row(
		"U2",
		ledger.DELIVERED,
		50,
		("Delivery Note", "DN-2"),
		from_warehouse="Stores",
		party_type="Customer",
		party="Eve",
		reversed_at=T0 + timedelta(minutes=55),
	),
	row("U2", ledger.CANCELLED, 55, ("Delivery Note", "DN-2")),
	row("U2", ledger.CHECKED_OUT, 60, custodian_type="Employee", custodian="HR-EMP-1"),
	row("U2", ledger.LOST, 70, ("Stock Entry", "SE-3"), from_warehouse="Stores"),
]


def validate(document):
	if SCHEMA is None:
		pytest.fail(epcis_schema.MISSING)
	assert epcis_schema.errors(document, SCHEMA) == []


def test_a_units_life_is_a_valid_epcis_document():
	document = epcis.document(LIFE, NAMES, T0)
	validate(document)
	events = document["epcisBody"]["eventList"]
	steps = [(e["type"], e.get("action"), e["bizStep"]) for e in events]
	assert steps == [
		("ObjectEvent", "OBSERVE", "receiving"),
		("ObjectEvent", "OBSERVE", "transporting"),
		("ObjectEvent", "OBSERVE", "inspecting"),
		("TransformationEvent", None, "assembling"),
		("ObjectEvent", "OBSERVE", "shipping"),
		("ObjectEvent", "OBSERVE", "shipping"),
		("ObjectEvent", "OBSERVE", "departing"),
		("ObjectEvent", "DELETE", "decommissioning"),
	]
	receipt, transfer, _count, made, shipped, cancelled, *_ = events
	assert receipt["epcList"] == [NAMES.unit("U1"), NAMES.unit("U2")]
	assert receipt["bizTransactionList"] == [
		{"type": "recadv", "bizTransaction": NAMES.transaction("Purchase Receipt", "PR-1")}
	]
	assert receipt["sourceList"] == [{"type": "owning_party", "source": NAMES.party("Supplier", "Acme")}]
	assert transfer["sourceList"][0]["source"] == NAMES.location("Stores")
	assert transfer["destinationList"][0]["destination"] == NAMES.location("Shop")
	assert (made["inputEPCList"], made["outputEPCList"]) == ([NAMES.unit("C1")], [NAMES.unit("A1")])
	assert shipped["disposition"] == "in_transit" and "errorDeclaration" not in shipped
	assert cancelled["errorDeclaration"]["reason"] == "did_not_occur"
	assert receipt["eventTime"] == "2026-03-01T09:30:00+01:00" and receipt["eventTimeZoneOffset"] == "+01:00"


def test_streamed_chunks_are_one_json_document():
	chunks = list(epcis.stream(LIFE, NAMES, T0, sender="https://r.example"))
	assert len(chunks) > 3
	assert json.loads("".join(chunks)) == epcis.document(LIFE, NAMES, T0, sender="https://r.example")


def test_an_empty_selection_is_a_valid_empty_document():
	document = epcis.document([], NAMES, T0)
	validate(document)
	assert document["epcisBody"]["eventList"] == []


def test_every_kind_is_mapped_or_folded_or_left_out_on_purpose():
	for kind in ledger.EVENTS:
		assert (
			cbv.step(kind, "Stock Entry") is not None
			or kind in cbv.INPUT_KINDS | cbv.OUTPUT_KINDS
			or kind in cbv.NOT_EXPORTED
		), kind


kinds = st.sampled_from(
	[k for k in ledger.EVENTS if k not in cbv.NOT_EXPORTED and k not in ledger.LINK_EVENTS]
)
vouchers = st.sampled_from(
	[("Purchase Receipt", "PR-9"), ("Delivery Note", "DN-9"), ("Stock Entry", "SE-9"), (None, None)]
)


@given(
	st.lists(st.tuples(st.sampled_from(["S1", "S2", "S3"]), kinds, vouchers, st.integers(0, 5)), max_size=25)
)
def test_any_history_validates_and_names_every_unit_it_moved(moves):
	rows = [
		row(
			serial,
			kind,
			minutes,
			voucher,
			from_warehouse="A",
			to_warehouse="B",
			party_type="Customer",
			party="C",
		)
		for serial, kind, voucher, minutes in moves
	]
	rows.sort(
		key=lambda r: epcis.batch_key(
			{**r, "voucher_type": r["voucher_type"] or "", "voucher_no": r["voucher_no"] or ""}
		)
	)
	document = epcis.document(rows, NAMES, T0)
	validate(document)
	named = set()
	for event in document["epcisBody"]["eventList"]:
		named.update(
			event.get("epcList", []) + event.get("inputEPCList", []) + event.get("outputEPCList", [])
		)
	assert named == {NAMES.unit(r["serial_no"]) for r in rows}
