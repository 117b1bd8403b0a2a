from frappe.model.document import Document


class SerialPartSwap(Document):
	"""A repair's part swap on a unit (see genealogy/part_swaps.py)."""
