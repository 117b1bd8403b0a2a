from frappe.model.document import Document


class TrackingModeChangeWarehouse(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		item_code: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		serials: DF.SmallText | None
		stock_value: DF.Currency
		value_after: DF.Currency
		warehouse: DF.Link | None
	# end: auto-generated types
	pass
