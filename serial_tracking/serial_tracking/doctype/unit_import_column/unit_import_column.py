from frappe.model.document import Document


class UnitImportColumn(Document):
	pass
