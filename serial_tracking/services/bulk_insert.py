"""Many rows in one INSERT statement, with the values sent as query parameters.

``frappe.db.bulk_insert`` renders every value into the SQL text through the query builder, which
costs more than the insert itself for thousands of rows. Here the statement (placeholders only) is
built once per shape by the query builder and cached; the values travel as parameters.
"""

from functools import lru_cache

from pypika.terms import Parameter

import frappe
from frappe.utils import now_datetime

CHUNK = 1000


def insert(doctype: str, columns: list[str], rows: list[tuple]) -> None:
	for start in range(0, len(rows), CHUNK):
		chunk = rows[start : start + CHUNK]
		frappe.db.sql(
			statement(doctype, tuple(columns), len(chunk)), [value for row in chunk for value in row]
		)


@lru_cache(maxsize=64)
def statement(doctype: str, columns: tuple[str, ...], count: int) -> str:
	table = frappe.qb.DocType(doctype)
	placeholders = [Parameter("%s")] * len(columns)
	return frappe.qb.into(table).columns(*columns).insert(*([placeholders] * count)).get_sql()


def records(columns: list[str], values) -> list[tuple]:
	"""Rows for :func:`insert` from dicts of field values: each gets a new name, and creation, modified,
	owner and modified_by of now and the session user, unless given."""
	now, user = now_datetime(), frappe.session.user
	base = {"creation": now, "modified": now, "owner": user, "modified_by": user}
	return [
		tuple({**base, "name": frappe.generate_hash(length=12), **value}.get(column) for column in columns)
		for value in values
	]
