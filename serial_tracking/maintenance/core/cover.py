"""What covers a delivered unit's customer on a day, in ERPNext's own words (its Warranty Claim's status)."""

from datetime import date

UNDER_WARRANTY, UNDER_AMC = "Under Warranty", "Under AMC"
OUT_OF_WARRANTY, OUT_OF_AMC = "Out of Warranty", "Out of AMC"


def customer_cover(warranty_expiry: date | None, amc_expiry: date | None, on: date) -> str | None:
	"""The customer's warranty first, then the service contract (AMC); what ended last when neither
	covers ``on``; None when the unit has neither."""
	if warranty_expiry and warranty_expiry >= on:
		return UNDER_WARRANTY
	if amc_expiry and amc_expiry >= on:
		return UNDER_AMC
	if warranty_expiry:
		return OUT_OF_WARRANTY
	return OUT_OF_AMC if amc_expiry else None
