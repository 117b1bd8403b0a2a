"""Every field and property the app adds to ERPNext's doctypes, declared once (one module per area).

``install.py`` creates them on install, re-applies them on migrate and removes them on uninstall.
All field names start with ``st_``.
"""

from serial_tracking.custom_fields import counting, gs1
from serial_tracking.custom_fields.customers import CUSTOMERS, PRINT_HIDDEN
from serial_tracking.custom_fields.item import ITEM, ITEM_GROUP
from serial_tracking.custom_fields.line_serials import LINE_SERIALS
from serial_tracking.custom_fields.service import SERVICE
from serial_tracking.custom_fields.transactions import INWARD_LINES, MAKER_SERIALS, TRANSACTIONS
from serial_tracking.custom_fields.unit import SERIAL_NO
from serial_tracking.platform.core.i18n import _

CUSTOM_FIELDS: dict[str, list[dict]] = {
	"Item": ITEM,
	"Item Group": ITEM_GROUP + counting.ITEM_GROUP,
	"Serial No": SERIAL_NO + counting.SERIAL_NO + gs1.SERIAL_NO,
	"Warehouse": counting.WAREHOUSE + gs1.WAREHOUSE,
	**SERVICE,
	**TRANSACTIONS,
}
for _doctype in INWARD_LINES:
	CUSTOM_FIELDS.setdefault(_doctype, []).extend([MAKER_SERIALS, gs1.GS1_CODES])
for _doctype, _fields in (*CUSTOMERS.items(), *LINE_SERIALS.items()):
	CUSTOM_FIELDS.setdefault(_doctype, []).extend(_fields)

PROPERTY_SETTERS = [
	*PRINT_HIDDEN,
	# has_serial_no follows the Tracking Mode; users set the mode, never the flag.
	{"doctype": "Item", "fieldname": "has_serial_no", "property": "read_only", "value": "1"},
	{
		"doctype": "Item",
		"fieldname": "has_serial_no",
		"property": "description",
		"value": _("Set by Tracking Mode"),
	},
]

# Item fields a variant takes from its template (ERPNext's Item Variant Settings).
VARIANT_FIELDS = [
	"st_tracking_mode",
	"st_serial_source",
	"st_series_template",
	"st_maintenance_periodicity",
	"st_maintenance_visits",
	"st_maintenance_months",
	"st_customer_warranty_days",
	"st_vendor_warranty_days",
]
