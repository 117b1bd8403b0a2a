def _(message: str) -> str:
	"""Mark a message for translation without translating it here.

	Frappe's string extraction finds ``_("...")`` calls in every app file; the Frappe layer (or the
	desk, for labels) translates the message when a user sees it.
	"""
	return message


class Term(str):
	"""A word of the app's own vocabulary (a status, an event, an action) given as a value of a message:
	translated where the message is shown, unlike names, serials and numbers."""

	__slots__ = ()
