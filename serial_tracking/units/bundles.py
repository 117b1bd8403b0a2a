"""The units of ERPNext's Serial and Batch Bundles, read one way everywhere: by the entries' parent index,
in each bundle's own order, in chunks of bundles."""

from collections import defaultdict

import frappe


def entries(bundles, serials=None, fields: tuple[str, ...] = (), chunk: int = 500) -> list[tuple]:
	"""``(bundle, serial, *fields)`` of the bundles' entries that carry a serial (of ``serials`` only,
	when given), in bundle order, a fixed number of queries however many bundles."""
	entry = frappe.qb.DocType("Serial and Batch Entry")
	bundles = list(bundles)
	rows = []
	for start in range(0, len(bundles), chunk):
		query = (
			frappe.qb.from_(entry)
			.force_index("parent")  # past 200 values MariaDB's estimate picks a full scan of every entry
			.select(entry.parent, entry.serial_no, *(entry[f] for f in fields))
			.where(entry.parent.isin(bundles[start : start + chunk]) & entry.serial_no.isnotnull())
			.orderby(entry.idx)
		)
		if serials is not None:
			query = query.where(entry.serial_no.isin(list(serials) or [""]))
		rows += query.run()
	return rows


def serials_by_bundle(bundles) -> dict[str, list[str]]:
	"""``{bundle: [serial, ...]}`` in the bundles' own order."""
	out = defaultdict(list)
	for parent, serial in entries(bundles):
		out[parent].append(serial)
	return out
