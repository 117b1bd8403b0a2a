"""Many rows in one INSERT statement.

``frappe.db.bulk_insert`` renders every value into the SQL text through the query builder, which
costs more than the insert itself for thousands of rows; so does the driver's per-value dispatch when
thousands of values travel as parameters (about as long as the server takes to insert them). Here the
statement's head (table and columns) is built once per shape by the query builder and cached, and each
value is escaped as the driver escapes a parameter (its own escape functions), with strings, whole
numbers and NULL, nearly all of the values, taken straight to them.
"""

from functools import lru_cache

from pymysql.converters import escape_item, escape_string
from pypika.terms import Parameter

import frappe
from frappe.utils import now_datetime

CHUNK = 1000


def insert(doctype: str, columns: list[str], rows: list[tuple]) -> None:
	head = statement(doctype, tuple(columns))
	for start in range(0, len(rows), CHUNK):
		values = ",".join("(" + ",".join(map(literal, row)) + ")" for row in rows[start : start + CHUNK])
		frappe.db.sql(head + values)  # no parameters: the driver reads the text as it is


@lru_cache(maxsize=64)
def statement(doctype: str, columns: tuple[str, ...]) -> str:
	"""``INSERT INTO `tab<doctype>` (<columns>) VALUES `` as the query builder writes it."""
	table = frappe.qb.DocType(doctype)
	one_row = frappe.qb.into(table).columns(*columns).insert([Parameter("%s")] * len(columns)).get_sql()
	return one_row[: one_row.rindex(" VALUES ")] + " VALUES "


def literal(value) -> str:
	"""``value`` as SQL text, exactly as the driver escapes a query parameter."""
	kind = type(value)
	if kind is str:
		return "'" + escape_string(value) + "'"
	if value is None:
		return "NULL"
	if kind is int:
		return str(value)
	return escape_item(value, "utf8mb4")


def records(columns: list[str], values) -> list[tuple]:
	"""Rows for :func:`insert` from dicts of field values: each gets a new name, and creation, modified,
	owner and modified_by of now and the session user, unless given."""
	now, user = now_datetime(), frappe.session.user
	base = {"creation": now, "modified": now, "owner": user, "modified_by": user}
	return [
		tuple({**base, "name": frappe.generate_hash(length=12), **value}.get(column) for column in columns)
		for value in values
	]
