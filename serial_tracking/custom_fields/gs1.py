"""Fields for GS1: what a manufacturer's GS1 code said of a unit (lot, production and expiry dates), the
codes scanned into a receipt line, and a warehouse's GS1 location number (GLN) for EPCIS."""

from serial_tracking.platform.core.i18n import _

SERIAL_NO = [
	{
		"fieldname": "st_gs1_lot",
		"fieldtype": "Data",
		"label": _("Maker Lot"),
		"insert_after": "st_maker_serial",
		"read_only": 1,
		"no_copy": 1,
		"description": _("The lot (10) of the manufacturer's GS1 code scanned at receipt."),
	},
	{
		"fieldname": "st_production_date",
		"fieldtype": "Date",
		"label": _("Production Date"),
		"insert_after": "st_gs1_lot",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "st_expiry_date",
		"fieldtype": "Date",
		"label": _("Expiry Date"),
		"insert_after": "st_production_date",
		"read_only": 1,
		"no_copy": 1,
	},
]

GS1_CODES = {
	"fieldname": "st_gs1_codes",
	"fieldtype": "Small Text",
	"label": _("GS1 Codes"),
	"insert_after": "st_maker_serials",
	"read_only": 1,
	"no_copy": 1,
	"depends_on": "st_gs1_codes",
	"description": _("The GS1 codes scanned for this line's units, whose lots and dates the units keep."),
}

WAREHOUSE = [
	{
		"fieldname": "st_gln",
		"fieldtype": "Data",
		"label": _("GLN"),
		"insert_after": "st_count_reminder_to",
		"description": _(
			"The warehouse's GS1 Global Location Number (13 digits), named in EPCIS exports; else the "
			"site's own identifier of the warehouse."
		),
	},
]
