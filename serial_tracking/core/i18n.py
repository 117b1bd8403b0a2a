def _(message: str) -> str:
	"""Mark a message for translation without translating it here.

	Frappe's string extraction finds ``_("...")`` calls in every app file; the Frappe layer (or the
	desk, for labels) translates the message when a user sees it.
	"""
	return message
