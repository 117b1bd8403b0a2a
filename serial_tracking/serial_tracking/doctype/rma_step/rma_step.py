from frappe.model.document import Document


class RMAStep(Document):
	pass
