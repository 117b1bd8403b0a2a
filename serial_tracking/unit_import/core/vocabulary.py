"""The words of a unit import (modes, an import's statuses, what a row does) and the facts the rows are
judged against (an item, an existing unit) and a row's verdict."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from serial_tracking.unit_import.core import columns as c
from serial_tracking.units.core import lifecycle

# Modes
ADD = "Add New Units"
UPDATE = "Update Units"
ADD_AND_UPDATE = "Add and Update"
MODES = (ADD, UPDATE, ADD_AND_UPDATE)
# When new units come in: on the import's posting date, or on each unit's purchase date
POST_ON = ("Posting Date", "Purchase Date")

# An import's statuses: saved (Draft), its file read and every row judged (Checked), importing (in
# parts, in the background), stopped half-way (Interrupted: a part failed or its worker died; Resume goes
# on from the next part), imported, cancelled.
DRAFT = "Draft"
CHECKED = "Checked"
QUEUED = "Importing"
INTERRUPTED = "Interrupted"
IMPORTED = "Imported"
CANCELLED = "Cancelled"
STATUSES = (DRAFT, CHECKED, QUEUED, INTERRUPTED, IMPORTED, CANCELLED)

# Verdicts
NEW = "New"
CHANGE = "Update"
UNCHANGED = "Unchanged"
SKIPPED = "Skipped"
ERROR = "Error"
VERDICTS = (NEW, CHANGE, UNCHANGED, SKIPPED, ERROR)
VERDICT_COLOURS = {NEW: "green", CHANGE: "blue", UNCHANGED: "gray", SKIPPED: "orange", ERROR: "red"}

# What an update may change on a unit (the row's attribute and the Serial No's field); unit attributes
# (custom fields) too, as "attribute:<label>", and a loan (check out, check in, another custodian).
UPDATABLE = {
	"condition": "st_condition",
	"maker_serial": "st_maker_serial",
	"warranty_expiry": "st_vendor_warranty_expiry",
	"customer_warranty_expiry": "warranty_expiry_date",
	"amc_expiry": "amc_expiry_date",
	"location_note": "st_location_note",
	"due_date": "st_due_date",
}
LOAN = "custodian"
ATTRIBUTE = "attribute:"
FIELD_LABELS = {
	"condition": c.CONDITION,
	"maker_serial": c.MAKER_SERIAL,
	"warranty_expiry": c.WARRANTY_EXPIRY,
	"customer_warranty_expiry": c.CUSTOMER_WARRANTY_EXPIRY,
	"amc_expiry": c.AMC_EXPIRY,
	"location_note": c.LOCATION_NOTE,
	"due_date": c.DUE_DATE,
	LOAN: c.CUSTODIAN,
}


def label_of(change: str) -> str:
	return change[len(ATTRIBUTE) :] if change.startswith(ATTRIBUTE) else FIELD_LABELS[change]


@dataclass(frozen=True)
class ItemFacts:
	item_code: str
	serialized: bool = True
	stock_item: bool = True
	batched: bool = False
	disabled: bool = False
	generates: bool = False  # blank serials are generated (by the app's series or ERPNext's)
	template: str | None = None  # the app's series template, when typed serials must fit it
	series_only: bool = False


@dataclass(frozen=True)
class UnitFacts:
	"""An existing unit as the books hold it now."""

	serial: str
	item_code: str
	company: str | None = None
	warehouse: str | None = None
	status: str | None = None
	condition: str | None = None
	maker_serial: str | None = None
	warranty_expiry: date | None = None
	custodian_type: str | None = None
	custodian: str | None = None
	due_date: date | None = None
	customer: str | None = None  # delivered: the customer it went to
	customer_warranty_expiry: date | None = None
	amc_expiry: date | None = None
	location_note: str | None = None
	attributes: Mapping = field(default_factory=dict)  # label -> value of the unit attributes
	imported_by: str | None = None  # the Unit Import that brought it in, if one did

	@property
	def on_hand(self) -> bool:
		return bool(self.warehouse) and self.status in lifecycle.ON_HAND


@dataclass
class Verdict:
	verdict: str
	changes: dict[str, tuple] = field(default_factory=dict)  # attribute -> (before, after)
	unit: str | None = None  # the existing unit the row names
