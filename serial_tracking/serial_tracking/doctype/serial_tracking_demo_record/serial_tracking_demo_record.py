from frappe.model.document import Document


class SerialTrackingDemoRecord(Document):
	"""One record the demo data made; written and removed only by serial_tracking.demo."""
