"""What each unit cost to acquire: the inward bundle entries of its purchases (Subcontracting Receipts
too), production, opening stock, stock counts, unit imports, parts a repair took out and the receipt of a
switch from Quantity to Serialized (its value per unit), at the incoming rate ERPNext
gives them now (landed costs it reposted, count revaluations), less what went back to the supplier;
and the value it passed on to what consumed it (a production entry, a subcontractor, a repair)."""

from collections import defaultdict

import frappe
from frappe.query_builder import Case
from frappe.query_builder.functions import Abs, Coalesce, GroupConcat, Sum
from frappe.utils import flt

from serial_tracking.platform import compat
from serial_tracking.profitability.sources import only
from serial_tracking.units.core import ledger

RECEIPT_PURPOSES = ("Material Receipt", "Manufacture", "Repack")
ASSEMBLING = ("Manufacture", "Repack")
SUBCONTRACTING = "Subcontracting Receipt"
PURCHASES = ("Purchase Receipt", "Purchase Invoice", SUBCONTRACTING)


def receipt_bundles(company: str, item_codes: list[str] | None = None) -> dict[str, frappe._dict]:
	"""The submitted bundles of purchases (subcontracted ones too), production, opening stock and counts
	(and of returns to the supplier, which come off), with the supplier of each: small, voucher-level
	queries. ``item_codes`` narrows them to those items' bundles (None: every item)."""
	bundle = frappe.qb.DocType("Serial and Batch Bundle")
	query = (
		frappe.qb.from_(bundle)
		.select(
			bundle.name,
			bundle.voucher_type,
			bundle.voucher_no,
			bundle.type_of_transaction,
			compat.bundle_posting_date(bundle),
		)
		.where(
			(bundle.docstatus == 1)
			& (bundle.is_cancelled == 0)
			& (bundle.company == company)
			& (bundle.has_serial_no == 1)
			& bundle.voucher_type.isin([*PURCHASES, "Stock Entry", "Stock Reconciliation"])
		)
	)
	rows = only(query, bundle.item_code, item_codes).run(as_dict=True)
	by_type: dict[str, set] = defaultdict(set)
	for row in rows:
		by_type[row.voucher_type].add(row.voucher_no)
	produced = vouchers(
		"Stock Entry",
		by_type["Stock Entry"],
		lambda t: (
			(t.purpose.isin(RECEIPT_PURPOSES) & (Coalesce(t.st_unit_intent, "") == ""))
			| (t.st_unit_intent == ledger.REMOVED_FROM)
			# a switch from Quantity to Serialized brings the stock back as units at its value: their cost
			| ((t.purpose == "Material Receipt") & (t.st_unit_intent == ledger.MODE_CHANGED))
		),
	)
	# units a Unit Import brought in cost what the file said, bought from the supplier it named
	imported = vouchers(
		"Stock Entry", by_type["Stock Entry"], lambda t: t.st_unit_intent == ledger.IMPORTED, field="supplier"
	)
	passing = vouchers(
		"Stock Entry",
		by_type["Stock Entry"],
		lambda t: (
			(t.purpose.isin(ASSEMBLING) & (Coalesce(t.st_unit_intent, "") == ""))
			| (t.st_unit_intent == ledger.FITTED_INTO)
		),
	)
	purposes = vouchers("Stock Reconciliation", by_type["Stock Reconciliation"], field="purpose")
	opening = {name for name, purpose in purposes.items() if purpose == "Opening Stock"}
	suppliers = {}
	for doctype in PURCHASES:
		suppliers.update(vouchers(doctype, by_type[doctype], field="supplier"))
	# A Subcontracting Receipt's outward bundles are the parts it consumed (their value passes into the
	# units it brings in), unless it is a return.
	subcontracted_returns = vouchers(SUBCONTRACTING, by_type[SUBCONTRACTING], lambda t: t.is_return == 1)
	out = {}
	for row in rows:
		inward = row.type_of_transaction == "Inward"
		if row.voucher_type == SUBCONTRACTING and not inward and row.voucher_no not in subcontracted_returns:
			out[row.name] = frappe._dict(sign=0, supplier=None, on=row.posting_date)
		elif row.voucher_type in PURCHASES:
			out[row.name] = frappe._dict(
				sign=1 if inward else -1, supplier=suppliers.get(row.voucher_no), on=row.posting_date
			)
		elif inward and row.voucher_no in imported:
			out[row.name] = frappe._dict(sign=1, supplier=imported[row.voucher_no], on=row.posting_date)
		elif inward and (row.voucher_no in produced or row.voucher_no in opening):
			out[row.name] = frappe._dict(sign=1, supplier=None, on=row.posting_date)
		elif not inward and row.voucher_no in passing:
			out[row.name] = frappe._dict(sign=0, supplier=None, on=row.posting_date)
		elif row.voucher_no in purposes:
			# A count: the units it finds cost what it values them at; those it counts again take its
			# value instead of their former one (sign None: the value they leave with, not summed; see
			# recount_offsets).
			out[row.name] = frappe._dict(
				sign=1 if inward else None, supplier=None, on=row.posting_date, count=row.voucher_no
			)
	return out


def vouchers(doctype: str, names: set, where=None, field: str = "name") -> dict:
	"""``{name: field}`` of the vouchers among ``names`` that satisfy ``where(table)``."""
	if not names:
		return {}
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).select(table.name, table[field]).where(table.name.isin(list(names)))
	if where:
		query = query.where(where(table))
	return dict(query.run())


def acquisition_costs(bundles: dict[str, frappe._dict], serials: list[str] | None = None):
	"""A per-unit subquery over the receipt bundles' entries: ``cost`` (returns to the supplier come
	off), ``bundles``, the unit's inward bundles (comma-separated; most units have one), and
	``passed_on``, its value carried into assemblies."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	summed = {name: b.sign for name, b in bundles.items() if b.sign is not None}
	inward = [name for name, sign in summed.items() if sign > 0] or [""]
	outward = [name for name, sign in summed.items() if sign < 0] or [""]
	passing = [name for name, sign in summed.items() if sign == 0] or [""]
	rate = Abs(entry.incoming_rate)
	query = (
		frappe.qb.from_(entry)
		.select(
			entry.serial_no,
			Sum(
				Case()
				.when(entry.parent.isin(outward), rate * -1)
				.when(entry.parent.isin(passing), 0)
				.else_(rate)
			).as_("cost"),
			GroupConcat(Case().when(entry.parent.isin(inward), entry.parent)).as_("bundles"),
			Sum(Case().when(entry.parent.isin(passing), rate).else_(0)).as_("passed_on"),
		)
		.where(entry.parent.isin(list(summed) or [""]))
		.groupby(entry.serial_no)
	)
	return only(query, entry.serial_no, serials)


def acquisition(bundles: dict[str, frappe._dict], inward: str | None) -> tuple:
	"""(supplier, acquired on) of a unit, from its earliest inward receipt bundle."""
	if not inward:
		return None, None
	first = min(
		(bundles[name] for name in inward.split(",") if name in bundles), key=lambda b: b.on, default=None
	)
	return (first.supplier, first.on) if first else (None, None)


def acquisitions(bundles: dict[str, frappe._dict], serials: list[str] | None = None) -> dict[str, tuple]:
	"""``{serial: (cost, inward bundles, passed on)}`` for the units (all, or ``serials``) of the receipt
	bundles."""
	costs = {
		serial: (flt(cost), inward, passed)
		for serial, cost, inward, passed in acquisition_costs(bundles, serials).run()
	}
	for serial, offset in recount_offsets(bundles, serials).items():
		if serial in costs:
			cost, inward, passed = costs[serial]
			costs[serial] = (cost - offset, inward, passed)
	return costs


def recount_offsets(bundles: dict[str, frappe._dict], serials: list[str] | None = None) -> dict[str, float]:
	"""What each unit a Stock Reconciliation counted again was worth before it: the count took it out at
	that value and back in at its own (a revaluation, or the same value)."""
	counts = {name: b for name, b in bundles.items() if b.get("count")}
	if not counts:
		return {}
	entry = frappe.qb.DocType("Serial and Batch Entry")
	query = (
		frappe.qb.from_(entry)
		.select(entry.parent, entry.serial_no, Abs(entry.incoming_rate))
		.where(entry.parent.isin(list(counts)) & entry.serial_no.isnotnull())
	)
	counted_in, left_at = set(), {}
	for parent, serial, rate in only(query, entry.serial_no, serials).run():
		count = counts[parent]
		if count.sign:
			counted_in.add((count.count, serial))
		else:
			left_at[(count.count, serial)] = flt(rate)
	offsets: dict[str, float] = defaultdict(float)
	for (voucher, serial), rate in left_at.items():
		if (voucher, serial) in counted_in:
			offsets[serial] += rate
	return offsets
