"""Refusals are asserted by what they say, not only by their type."""

import frappe


def refused(test, error, call, *words, rollback: bool = False) -> str:
	"""Run ``call``, which must be refused with ``error`` (a ValidationError, a PermissionError, ...) whose
	message names each of ``words``; return the message. ``rollback``: undo what the refused call wrote,
	as the end of a request would."""
	frappe.db.savepoint("st_refused")
	with test.assertRaises(error) as caught:
		call()
	if rollback:
		frappe.db.rollback(save_point="st_refused")
	message = frappe.utils.strip_html(str(caught.exception))
	for word in words:
		test.assertIn(word, message)
	return message
