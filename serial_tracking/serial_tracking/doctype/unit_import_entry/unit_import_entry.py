from frappe.model.document import Document


class UnitImportEntry(Document):
	pass
