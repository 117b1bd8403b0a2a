"""The app's audit event kinds in the words of GS1's Core Business Vocabulary 2.0: which EPCIS event
type, action, bizStep and disposition each is, and which bizTransaction type a voucher is.

Genealogy's Made Of / Became Part Of and the Consumed components of a production voucher are folded
into that voucher's TransformationEvent (:mod:`~serial_tracking.gs1.core.epcis`); kinds mapped to
nothing (Cancelled, Mode Changed, Updated, an exchange's pairing) are not exported: a cancelled movement is exported with an
errorDeclaration instead."""

from dataclasses import dataclass

from serial_tracking.units.core import ledger

OBJECT, TRANSFORMATION = "ObjectEvent", "TransformationEvent"
ADD, OBSERVE, DELETE = "ADD", "OBSERVE", "DELETE"
OWNING_PARTY, POSSESSING_PARTY, LOCATION = "owning_party", "possessing_party", "location"


@dataclass(frozen=True)
class Step:
	action: str
	biz_step: str
	disposition: str | None
	source: str | None = None  # "from" (warehouse) or "party" or "custodian": what goes to sourceList
	destination: str | None = None


RECEIVING = Step(OBSERVE, "receiving", "in_progress", source="party", destination="to")
COMMISSIONING = Step(ADD, "commissioning", "active")
STEPS = {
	ledger.MANUFACTURED: COMMISSIONING,  # a TransformationEvent when the voucher consumed inputs
	ledger.FOUND: COMMISSIONING,
	ledger.TRANSFERRED: Step(OBSERVE, "transporting", "in_progress", source="from", destination="to"),
	ledger.DELIVERED: Step(OBSERVE, "shipping", "in_transit", source="from", destination="party"),
	ledger.RETURNED_TO_SUPPLIER: Step(OBSERVE, "shipping", "returned", source="from", destination="party"),
	ledger.RETURNED_FROM_CUSTOMER: Step(OBSERVE, "receiving", "returned", source="party", destination="to"),
	ledger.CONSUMED: Step(DELETE, "decommissioning", "inactive"),
	ledger.ADJUSTED: Step(DELETE, "decommissioning", "inactive"),
	ledger.RECONCILED: Step(OBSERVE, "stock_taking", "active"),
	ledger.COUNTED: Step(OBSERVE, "inspecting", None),
	ledger.LOST: Step(DELETE, "decommissioning", "unknown"),
	ledger.RETIRED: Step(DELETE, "decommissioning", "inactive"),
	ledger.CHECKED_OUT: Step(OBSERVE, "departing", "active", destination="custodian"),
	ledger.CHECKED_IN: Step(OBSERVE, "arriving", "active", source="custodian"),
	ledger.SENT_TO_REPAIR: Step(OBSERVE, "repairing", "non_sellable_other"),
	ledger.BACK_FROM_REPAIR: Step(OBSERVE, "repairing", "active"),
	ledger.RESERVED: Step(OBSERVE, "reserving", "reserved"),
	ledger.UNRESERVED: Step(OBSERVE, "reserving", "available"),
	ledger.CONDITION_CHANGED: Step(OBSERVE, "inspecting", None),
	ledger.FITTED_INTO: Step(OBSERVE, "installing", "active", destination="party"),
	ledger.PART_FITTED: Step(OBSERVE, "installing", "active"),
	ledger.REMOVED_FROM: Step(OBSERVE, "removing", "active", source="party"),
	ledger.PART_REMOVED: Step(OBSERVE, "removing", "active"),
	# A Unit Import: a unit the shop already had, counted into its warehouse on the first day.
	ledger.IMPORTED: Step(OBSERVE, "stock_taking", "active", destination="to"),
	# An RMA: a customer's unit comes in for service and goes back; in an exchange the defective unit
	# comes in as ours (its "Exchanged For" and the replacement's "Exchanged From" move nothing).
	ledger.RECEIVED_FOR_SERVICE: Step(
		OBSERVE, "receiving", "non_sellable_other", source="party", destination="to"
	),
	ledger.RETURNED_AFTER_SERVICE: Step(
		OBSERVE, "shipping", "in_transit", source="from", destination="party"
	),
	ledger.RECEIVED_IN_EXCHANGE: Step(OBSERVE, "receiving", "returned", source="party", destination="to"),
}
# Folded into the production voucher's TransformationEvent: its inputs and outputs.
INPUT_KINDS = frozenset((ledger.CONSUMED, ledger.BECAME_PART_OF))
OUTPUT_KINDS = frozenset((ledger.MANUFACTURED, ledger.MADE_OF))
# Moves nothing and says nothing a trading partner tracks: a file's corrections, an exchange's pairing.
NOT_EXPORTED = frozenset(
	(ledger.CANCELLED, ledger.MODE_CHANGED, ledger.UPDATED, ledger.EXCHANGED_FOR, ledger.EXCHANGED_FROM)
)
# CBV 2.0 bizTransaction types of the vouchers that move units.
TRANSACTION_TYPES = {
	"Purchase Order": "po",
	"Purchase Receipt": "recadv",
	"Purchase Invoice": "inv",
	"Subcontracting Receipt": "recadv",
	"Sales Order": "po",
	"Delivery Note": "desadv",
	"Sales Invoice": "inv",
	"POS Invoice": "inv",
	"Work Order": "prodorder",
	"Warranty Claim": "rma",
	"RMA": "rma",
}


def step(kind: str, voucher_type: str | None = None) -> Step | None:
	"""The CBV step of an event of ``kind`` moved by a ``voucher_type``; None: not exported alone."""
	if kind in NOT_EXPORTED or kind in (ledger.BECAME_PART_OF, ledger.MADE_OF):
		return None
	if kind == ledger.RECEIVED:
		return RECEIVING if voucher_type in ledger.BUYING else COMMISSIONING
	return STEPS.get(kind)


def transaction_type(voucher_type: str | None) -> str | None:
	return TRANSACTION_TYPES.get(voucher_type or "")
