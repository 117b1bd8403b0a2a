"""What one voucher's hooks hand to each other while it is submitted or cancelled.

ERPNext runs a voucher's hooks, and those of the stock ledger entries it posts, in one request or job;
the app keeps what they pass on (ledger lines to write events for, units it created, generated serials
waiting for their ledger entry) in ``frappe.flags``, which lives for one request or job at most. A
voucher that starts over (a failed submit tried again in the same job or test) starts from nothing,
and a rollback drops everything: no state outlives the transaction it belongs to.
"""

import frappe

# The stores: each maps (voucher type, voucher name) to what that voucher's hooks left for the next.
LEDGER_LINES = "st_audit_buffer"  # stock ledger entries with serials, for the audit trail
CANCELLED = "st_audit_cancelled"  # vouchers whose reversing ledger entries were posted
NEW_UNITS = "st_new_units"  # serials the voucher brings into existence (they have no history)
PENDING_BUNDLES = "st_pending_bundles"  # generated serials waiting for their ledger entry
STORES = (LEDGER_LINES, CANCELLED, NEW_UNITS, PENDING_BUNDLES)


def of(store: str, doctype: str, name: str, default_factory=dict):
	"""The state of one voucher in ``store``, created empty when it has none yet."""
	vouchers = frappe.flags.get(store)
	if vouchers is None:
		vouchers = frappe.flags[store] = {}
	key = (doctype, name)
	if key not in vouchers:
		vouchers[key] = default_factory()
		frappe.db.after_rollback.add(clear)  # commit drops this callback: re-added for each voucher
	return vouchers[key]


def mark(store: str, doctype: str, name: str) -> None:
	"""Note that something happened to the voucher (its state in ``store`` is True)."""
	of(store, doctype, name)
	frappe.flags[store][(doctype, name)] = True


def peek(store: str, doctype: str, name: str, default=None):
	return (frappe.flags.get(store) or {}).get((doctype, name), default)


def take(store: str, doctype: str, name: str, default=None):
	"""The voucher's state in ``store``, removed from it."""
	vouchers = frappe.flags.get(store)
	return vouchers.pop((doctype, name), default) if vouchers else default


def forget(doctype: str, name: str) -> None:
	"""Drop whatever an earlier, unfinished attempt of this voucher left behind."""
	for store in STORES:
		take(store, doctype, name)


def clear() -> None:
	for store in STORES:
		frappe.flags.pop(store, None)
