from frappe.model.document import Document


class UnitCountResult(Document):
	pass
