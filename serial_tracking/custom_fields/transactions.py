"""Fields on transactions: the unit a line's income or cost belongs to, the unit action behind a Stock
Entry, and the maker serials of lines that bring serialized units in."""

from serial_tracking.platform.core.i18n import _
from serial_tracking.units.core import ledger

TRANSACTIONS = {
	"Sales Invoice Item": [
		{
			"fieldname": "st_serial_no",
			"fieldtype": "Link",
			"label": _("Income of Unit"),
			"options": "Serial No",
			"insert_after": "item_name",
			"description": _(
				"A serialized unit this line's income belongs to (rent, service...), for per-unit profitability."
			),
		},
	],
	"Purchase Invoice Item": [
		{
			"fieldname": "st_serial_no",
			"fieldtype": "Link",
			"label": _("Cost of Unit"),
			"options": "Serial No",
			"insert_after": "item_name",
			"description": _(
				"A serialized unit this line's cost belongs to (repair, parts...), for per-unit profitability."
			),
		},
	],
	"Stock Entry": [
		{
			"fieldname": "st_unit_intent",
			"fieldtype": "Select",
			"label": _("Unit Action"),
			"options": "\n"
			+ "\n".join(
				(
					ledger.LOST,
					ledger.FOUND,
					ledger.RETIRED,
					ledger.MODE_CHANGED,
					ledger.FITTED_INTO,
					ledger.REMOVED_FROM,
					ledger.IMPORTED,
					ledger.RECEIVED_FOR_SERVICE,
					ledger.EXCHANGED_FOR,
					ledger.RECEIVED_IN_EXCHANGE,
				)
			),
			"insert_after": "stock_entry_type",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_unit_intent",
			"description": _(
				"Set when a serial tracking action made this entry; names the event in each unit's history."
			),
		},
		{
			"fieldname": "st_assembly",
			"fieldtype": "Link",
			"label": _("Repaired Unit"),
			"options": "Serial No",
			"insert_after": "st_unit_intent",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_assembly",
			"description": _("The unit a repair took this entry's part out of, or put it into."),
		},
		{
			"fieldname": "st_repair_type",
			"fieldtype": "Link",
			"label": _("Repair Document Type"),
			"options": "DocType",
			"insert_after": "st_assembly",
			"read_only": 1,
			"no_copy": 1,
			"hidden": 1,
		},
		{
			"fieldname": "st_repair",
			"fieldtype": "Dynamic Link",
			"label": _("Repair Document"),
			"options": "st_repair_type",
			"insert_after": "st_repair_type",
			"read_only": 1,
			"no_copy": 1,
			"depends_on": "st_repair",
		},
		{
			"fieldname": "st_component_assignment",
			"fieldtype": "JSON",
			"label": _("Component Assignment"),
			"insert_after": "st_repair",
			"hidden": 1,
			"no_copy": 1,
			"description": _(
				"Which consumed serialized unit goes into which finished unit; empty: in order, as the BOM says."
			),
		},
	],
}

MAKER_SERIALS = {
	"fieldname": "st_maker_serials",
	"fieldtype": "Small Text",
	"label": _("Maker Serials"),
	"insert_after": "serial_no",
	"no_copy": 1,
	"description": _("The manufacturer's serial of each unit, one per line, in the order of the units."),
}
# Every line that brings serialized units in.
INWARD_LINES = (
	"Purchase Receipt Item",
	"Purchase Invoice Item",
	"Stock Entry Detail",
	"Stock Reconciliation Item",
)
