"""Fields on Item and Item Group: tracking mode, how serials arrive, series template, maintenance plan
and warranties (an item group's are defaults for its items and subgroups)."""

from serial_tracking.maintenance.core import visit_dates
from serial_tracking.platform.core.i18n import _
from serial_tracking.series.core.tracking import MODES, QUANTITY, SERIALIZED, SOURCE_MANUAL, SOURCES

SERIALIZED_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}'"
GENERATING_ITEM = f"eval:doc.st_tracking_mode=='{SERIALIZED}' && doc.st_serial_source!='{SOURCE_MANUAL}'"

PLAN_DESCRIPTION = _(
	"Serialized units delivered to a customer get an ERPNext Maintenance Schedule with one line per unit. "
	"Give a periodicity and either a number of visits or a duration."
)


def plan_fields(after: str, depends_on: str | None = None) -> list[dict]:
	"""The maintenance plan and the two warranties, on Item and (as defaults) on Item Group."""
	shown = {"depends_on": depends_on} if depends_on else {}
	return [
		{
			"fieldname": "st_maintenance_section",
			"fieldtype": "Section Break",
			"label": _("Maintenance and Warranty"),
			"insert_after": after,
			"collapsible": 1,
			"description": PLAN_DESCRIPTION,
			**shown,
		},
		{
			"fieldname": "st_maintenance_periodicity",
			"fieldtype": "Select",
			"label": _("Maintenance Periodicity"),
			"options": "\n" + "\n".join(visit_dates.PERIODICITIES),
			"insert_after": "st_maintenance_section",
		},
		{
			"fieldname": "st_maintenance_visits",
			"fieldtype": "Int",
			"label": _("Number of Visits"),
			"insert_after": "st_maintenance_periodicity",
			"non_negative": 1,
		},
		{
			"fieldname": "st_maintenance_months",
			"fieldtype": "Int",
			"label": _("Or Duration (Months)"),
			"insert_after": "st_maintenance_visits",
			"non_negative": 1,
		},
		{
			"fieldname": "st_maintenance_column",
			"fieldtype": "Column Break",
			"insert_after": "st_maintenance_months",
		},
		{
			"fieldname": "st_customer_warranty_days",
			"fieldtype": "Int",
			"label": _("Customer Warranty (Days)"),
			"insert_after": "st_maintenance_column",
			"non_negative": 1,
			"description": _("From delivery to the customer. Sets ERPNext's Warranty Period of the item."),
		},
		{
			"fieldname": "st_vendor_warranty_days",
			"fieldtype": "Int",
			"label": _("Vendor Warranty (Days)"),
			"insert_after": "st_customer_warranty_days",
			"non_negative": 1,
			"description": _(
				"From receipt from the supplier: defects in this window are claimed from the supplier."
			),
		},
	]


ITEM = [
	{
		"fieldname": "st_tracking_section",
		"fieldtype": "Section Break",
		"label": _("Tracking"),
		"insert_after": "inventory_section",
	},
	{
		"fieldname": "st_tracking_mode",
		"fieldtype": "Select",
		"label": _("Tracking Mode"),
		"options": "\n".join(MODES),
		"default": QUANTITY,
		"in_standard_filter": 1,
		"in_list_view": 1,
		"insert_after": "st_tracking_section",
		"description": _(
			"Quantity keeps one count per warehouse. Serialized gives every unit its own Serial No "
			"with location, holder, condition, warranty and history: choose it for items that are "
			"high value, carry a maker serial, are loaned or rented, have a condition or per-unit "
			"warranty or service that matters, or are regulated."
		),
	},
	{
		"fieldname": "st_tracking_column",
		"fieldtype": "Column Break",
		"insert_after": "st_tracking_mode",
	},
	{
		"fieldname": "st_serial_source",
		"fieldtype": "Select",
		"label": _("Serials Arrive By"),
		"options": "\n" + "\n".join(SOURCES),
		"depends_on": SERIALIZED_ITEM,
		"mandatory_depends_on": SERIALIZED_ITEM,
		"insert_after": "st_tracking_column",
		"description": _(
			"Generate from series: every receipt takes serials from the series. Enter or scan: "
			"users type or scan each serial. Generate when left blank: serials entered are kept, "
			"blank rows are generated."
		),
	},
	{
		"fieldname": "st_series_template",
		"fieldtype": "Data",
		"label": _("Series Template"),
		"depends_on": GENERATING_ITEM,
		"insert_after": "st_serial_source",
		"description": _(
			"Fixed text and tokens: {ITEM} {GROUP} {SUPPLIER} {WAREHOUSE} {WH} {ABBR} {FY} {YYYY} {YY} "
			"{MM} {DD} {WW}, one counter such as {#####}, and optionally a check character at the "
			"end: {CHECK:LUHN}, {CHECK:GS1} or {CHECK:MOD37_36}. Blank: the item group's template. "
			"A template here or on the group generates the serials: ERPNext's Serial Number Series is then not used."
		),
	},
	{
		"fieldname": "st_series_preview",
		"fieldtype": "HTML",
		"label": _("Next Serials"),
		"depends_on": GENERATING_ITEM,
		"insert_after": "st_series_template",
	},
	*plan_fields("st_series_preview", SERIALIZED_ITEM),
]

ITEM_GROUP = [
	{
		"fieldname": "st_series_template",
		"fieldtype": "Data",
		"label": _("Serial Series Template"),
		"insert_after": "is_group",
		"description": _("Default series template for serialized items of this group and its subgroups."),
	},
	*plan_fields("st_series_template"),
]
