"""What the demo made, in the order it made it (Serial Tracking Demo Record): removal works from it,
so the site's own records are never touched."""

import frappe
from frappe.query_builder.functions import Count

RECORD = "Serial Tracking Demo Record"
MASTER, TRANSACTION, DERIVED = "Master", "Transaction", "Derived"


def record(doctype: str, name: str, kind: str) -> None:
	frappe.get_doc(
		{"doctype": RECORD, "reference_doctype": doctype, "reference_name": name, "kind": kind}
	).insert(ignore_permissions=True)


def loaded() -> bool:
	return bool(frappe.db.exists(RECORD, {}))


def records(kind: str | None = None, doctype: str | None = None) -> list[frappe._dict]:
	"""Made records, newest first (removal order)."""
	filters = {}
	if kind:
		filters["kind"] = kind
	if doctype:
		filters["reference_doctype"] = doctype
	return frappe.get_all(
		RECORD, filters, ["name", "reference_doctype", "reference_name", "kind"], order_by="name desc"
	)


def names(doctype: str) -> list[str]:
	return [r.reference_name for r in records(doctype=doctype)]


def forget(name: int | str) -> None:
	frappe.db.delete(RECORD, {"name": name})


def counts() -> dict[str, int]:
	record = frappe.qb.DocType(RECORD)
	rows = (
		frappe.qb.from_(record)
		.select(record.reference_doctype, Count(record.name))
		.groupby(record.reference_doctype)
	).run()
	return dict(rows)
