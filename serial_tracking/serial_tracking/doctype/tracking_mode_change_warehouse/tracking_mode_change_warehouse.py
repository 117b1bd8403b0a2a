from frappe.model.document import Document


class TrackingModeChangeWarehouse(Document):
	pass
