"""One worker at a time: background jobs that must not run twice at once take a lock in the database
every worker shares (MariaDB's GET_LOCK), so any number of RQ workers on any number of machines can
share the queues."""

import hashlib
from contextlib import contextmanager

import frappe


@contextmanager
def exclusive(name: str, wait: int = 0):
	"""Hold the lock ``name`` (of this site) for the block; yields whether it was got within ``wait``
	seconds. Commit inside the block what the next holder must see."""
	# GET_LOCK names are server-wide: key them by the site's database, unique on the server (two
	# benches sharing a database server may both have a site called test_site).
	key = hashlib.sha1(
		f"{frappe.conf.db_name or frappe.local.site}:serial_tracking:{name}".encode()
	).hexdigest()
	got = frappe.db.sql("SELECT GET_LOCK(%s, %s)", (key, wait))[0][0] == 1
	try:
		yield got
	finally:
		if got:
			frappe.db.sql("SELECT RELEASE_LOCK(%s)", (key,))
