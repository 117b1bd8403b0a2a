"""The columns of a unit import: which of the app's fields each column of a file holds.

A file's headers are matched to the fields by name, whatever their case, spacing, punctuation or accents
(:func:`normalise`), first against the chosen preset's names, then against every field's usual names.
A preset is how one kind of source names its columns: this app's own export, a plain spreadsheet,
another ERPNext site's Serial No list, Snipe-IT's asset export (where "Serial" is the maker's serial and
the shop's own number is the asset tag). Each field takes one column at most: a second column
naming it is left unmapped, saying which column took it.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.unit_import.core.errors import ImportRuleError

# The fields a row can give (their labels are the values of the column mapping).
SERIAL = "Serial No"
ITEM = "Item"
WAREHOUSE = "Warehouse"
MAKER_SERIAL = "Maker Serial"
STATUS = "Lifecycle Status"
CONDITION = "Condition"
COST = "Cost"
PURCHASE_DATE = "Purchase Date"
SUPPLIER = "Supplier"
SUPPLIER_REFERENCE = "Supplier Reference"  # the supplier's invoice or receipt number
WARRANTY_EXPIRY = "Vendor Warranty Expiry"
WARRANTY_MONTHS = "Vendor Warranty Months"
CUSTODIAN_TYPE = "Custodian Type"
CUSTODIAN = "Custodian"
DUE_DATE = "Due Back"
CUSTOMER = "Customer"  # the installed base: the customer a unit was sold to before these books
DELIVERY_DATE = "Delivery Date"
CUSTOMER_WARRANTY_EXPIRY = "Customer Warranty Expiry"
AMC_EXPIRY = "AMC Expiry"
LOCATION_NOTE = "Location Note"
FIELDS = (
	SERIAL,
	ITEM,
	WAREHOUSE,
	MAKER_SERIAL,
	STATUS,
	CONDITION,
	COST,
	PURCHASE_DATE,
	SUPPLIER,
	SUPPLIER_REFERENCE,
	WARRANTY_EXPIRY,
	WARRANTY_MONTHS,
	CUSTODIAN_TYPE,
	CUSTODIAN,
	DUE_DATE,
	CUSTOMER,
	DELIVERY_DATE,
	CUSTOMER_WARRANTY_EXPIRY,
	AMC_EXPIRY,
	LOCATION_NOTE,
)
DATES = (PURCHASE_DATE, WARRANTY_EXPIRY, DUE_DATE, DELIVERY_DATE, CUSTOMER_WARRANTY_EXPIRY, AMC_EXPIRY)
# The fields this app's export writes, in its order (months of warranty are an input only); the unit
# attributes a business added follow them.
EXPORTED = tuple(f for f in FIELDS if f != WARRANTY_MONTHS)

# The usual names of each field in spreadsheets and other systems (compared normalised).
SYNONYMS: dict[str, tuple[str, ...]] = {
	SERIAL: ("serial", "serial no", "serial number", "serial #", "s/n", "sn", "unit", "unit id", "id"),
	ITEM: (
		"item",
		"item code",
		"item name",
		"sku",
		"product",
		"product code",
		"article",
		"model",
		"model name",
		"barcode",
		"gtin",
		"ean",
		"upc",
	),
	WAREHOUSE: ("warehouse", "location", "store", "storage", "stock location", "site"),
	MAKER_SERIAL: (
		"maker serial",
		"maker serial number",
		"manufacturer serial",
		"manufacturer serial number",
		"mfr serial",
		"oem serial",
		"factory serial",
	),
	STATUS: ("status", "lifecycle status", "state", "unit status"),
	CONDITION: ("condition", "grade", "unit condition"),
	COST: (
		"cost",
		"unit cost",
		"purchase cost",
		"purchase price",
		"purchase rate",
		"incoming rate",
		"valuation rate",
		"value",
		"price paid",
	),
	PURCHASE_DATE: (
		"purchase date",
		"purchased",
		"purchased on",
		"date purchased",
		"bought on",
		"acquired",
		"acquired on",
		"acquisition date",
		"first received",
		"received on",
	),
	SUPPLIER: ("supplier", "vendor", "bought from", "supplier name"),
	SUPPLIER_REFERENCE: (
		"supplier reference",
		"supplier invoice",
		"invoice",
		"invoice number",
		"invoice no",
		"order number",
		"purchase order",
		"po number",
		"receipt number",
		"bill no",
	),
	WARRANTY_EXPIRY: (
		"vendor warranty expiry",
		"vendor warranty end",
		"warranty expiry",
		"warranty expires",
		"warranty until",
		"warranty end",
		"warranty end date",
	),
	WARRANTY_MONTHS: ("vendor warranty months", "warranty months", "warranty (months)", "warranty"),
	CUSTODIAN_TYPE: ("custodian type", "holder type", "checked out to type", "assigned type"),
	CUSTODIAN: (
		"custodian",
		"holder",
		"checked out to",
		"assigned to",
		"on loan to",
		"employee",
		"borrower",
	),
	DUE_DATE: ("due back", "due date", "due", "return date", "expected checkin", "expected check in"),
	CUSTOMER: ("customer", "customer name", "sold to", "client", "installed at"),
	DELIVERY_DATE: ("delivery date", "delivered", "delivered on", "sold on", "sale date", "installed on"),
	CUSTOMER_WARRANTY_EXPIRY: ("customer warranty expiry", "customer warranty end", "customer warranty"),
	AMC_EXPIRY: (
		"amc expiry",
		"amc expiry date",
		"amc end",
		"service contract end",
		"maintenance contract end",
	),
	LOCATION_NOTE: ("location note", "room", "desk", "shelf", "bin", "position", "where"),
}


@dataclass(frozen=True)
class Preset:
	"""How one kind of source names its columns (``names``: field -> its names there, the first being
	what an export in this preset writes)."""

	name: str
	names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

	def header(self, name: str) -> str:
		"""The header an export in this preset gives field ``name``."""
		return (self.names.get(name) or (name,))[0]


APP = Preset(_("Serial Tracking"), {name: (name,) for name in FIELDS})
SPREADSHEET = Preset(_("Spreadsheet"))
# Another ERPNext site's Serial No list (Report View or Data Export: its labels), the app's fields too.
ERPNEXT = Preset(
	_("ERPNext Serial No"),
	{
		SERIAL: ("Serial No", "ID"),
		ITEM: ("Item Code",),
		COST: ("Incoming Rate",),
		STATUS: ("Lifecycle Status", "Status"),
		PURCHASE_DATE: ("First Received",),
		SUPPLIER_REFERENCE: ("Creation Document No", "Purchase Document No"),
		CUSTODIAN: ("Employee",),
		CUSTOMER_WARRANTY_EXPIRY: ("Warranty Expiry Date",),
		AMC_EXPIRY: ("AMC Expiry Date",),
	},
)
# Snipe-IT's asset export: it keys a unit by the shop's own tag; its "Serial" is the manufacturer's, its
# warranty a number of months from the purchase date.
SNIPE_IT = Preset(
	_("Snipe-IT"),
	{
		SERIAL: ("Asset Tag",),
		MAKER_SERIAL: ("Serial",),
		ITEM: ("Model", "Model No.", "Asset Name"),
		STATUS: ("Status",),
		CUSTODIAN: ("Checked Out To",),
		WAREHOUSE: ("Location", "Default Location"),
		PURCHASE_DATE: ("Purchase Date",),
		COST: ("Purchase Cost",),
		SUPPLIER: ("Supplier",),
		SUPPLIER_REFERENCE: ("Order Number",),
		WARRANTY_MONTHS: ("Warranty",),
		DUE_DATE: ("Expected Checkin",),
	},
)
PRESETS = {preset.name: preset for preset in (APP, SPREADSHEET, ERPNEXT, SNIPE_IT)}


def normalise(header: str) -> str:
	"""A header as compared: accents off, case folded, every run of other than letters, digits and # one
	space (so "Serial-No.", " serial  no " and "SERIAL_NO" are alike)."""
	text = unicodedata.normalize("NFKD", str(header or ""))
	text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
	return " ".join(re.sub(r"[^\w#]+|_", " ", text).split())


@dataclass(frozen=True)
class Column:
	"""One column of the file: its position, header, and the field it holds (None: not imported)."""

	index: int
	header: str
	field: str | None = None
	taken_by: int | None = None  # another column holds the field this one's header names


def lookup(
	preset: Preset, extra: Mapping[str, Iterable[str]] | None = None, attributes: Iterable[str] = ()
) -> list[dict[str, str]]:
	"""Name -> field tables, most specific first: the preset's names, then the usual and ``extra`` names
	(the labels in the user's language), then the unit attributes a business added (by their labels)."""
	own = {normalise(n): name for name, names in preset.names.items() for n in names}
	usual = {normalise(n): name for name, names in SYNONYMS.items() for n in names}
	usual.update({normalise(name): name for name in FIELDS})
	for name, names in (extra or {}).items():
		for n in names:
			usual.setdefault(normalise(n), name)
	for label in attributes:
		usual.setdefault(normalise(label), label)
	return [own, usual]


def match(
	headers: Sequence[str],
	preset: Preset,
	extra: Mapping[str, Iterable[str]] | None = None,
	attributes: Iterable[str] = (),
) -> list[Column]:
	"""The field each header holds under ``preset`` (or a unit attribute, by its label); each field goes
	to the first column that names it. A column that names none is not imported, and says so."""
	tables = lookup(preset, extra, attributes)
	taken: dict[str, int] = {}
	columns = []
	for index, header in enumerate(headers):
		key = normalise(header)
		name = next((table[key] for table in tables if key in table), None) if key else None
		if name and name in taken:
			columns.append(Column(index, header, None, taken_by=taken[name]))
			continue
		if name:
			taken[name] = index
		columns.append(Column(index, header, name))
	return columns


def best_preset(headers: Sequence[str]) -> Preset:
	"""The preset the headers tell: one of its own names that no other source uses ("Asset Tag"), or two
	that a plain spreadsheet would read otherwise (an asset register's "Serial", the maker's); a plain
	spreadsheet when none does ("Serial" alone could be either)."""
	keys = {normalise(h) for h in headers}
	usual = lookup(SPREADSHEET)[1]

	def telling(preset: Preset) -> tuple[int, int]:
		own = [(normalise(n), name) for name, names in preset.names.items() for n in names]
		strong = sum(1 for key, _name in own if key in keys and key not in usual)
		other = sum(1 for key, name in own if key in keys and usual.get(key, name) != name)
		return strong, other

	def tells(preset: Preset) -> bool:
		strong, other = telling(preset)
		return bool(strong) or other >= 2

	found = [preset for preset in PRESETS.values() if tells(preset)]
	return max(found, key=telling) if found else SPREADSHEET


def mapping(columns: Iterable[Column]) -> dict[str, int]:
	"""Field -> column index of the mapped columns."""
	return {column.field: column.index for column in columns if column.field}


def check_mapping(fields: Iterable[str | None], attributes: Iterable[str] = ()) -> None:
	"""A mapping the user edited: each field once, and the serial or the item given (a row names its unit
	by serial; without one, by item, and the unit's serial is generated)."""
	seen = set()
	known = set(FIELDS) | set(attributes)
	for name in fields:
		if not name:
			continue
		if name not in known:
			raise ImportRuleError(_("{field} is not a field a unit import knows."), field=name)
		if name in seen:
			raise ImportRuleError(_("Two columns are mapped to {field}: map it to one."), field=Term(name))
		seen.add(name)
	if SERIAL not in seen and ITEM not in seen:
		raise ImportRuleError(_("Map a column to Serial No or to Item: without either a row names no unit."))
