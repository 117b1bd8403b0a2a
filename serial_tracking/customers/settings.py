"""A company's customer-service settings (Company → Customer Service (Serial Tracking))."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import cint, flt

from serial_tracking.customers.core import warranty


@dataclass(frozen=True)
class Settings:
	company: str
	service_warehouse: str | None
	defective_warehouse: str | None
	valuation: str
	salvage_percent: float
	carry_over: str
	minimum_days: int
	other_items: bool
	maker_serials_on_papers: bool

	def service(self) -> str:
		"""The service warehouse, which receiving a customer's unit needs."""
		if not self.service_warehouse:
			frappe.throw(
				_(
					"Set the Service Warehouse of {0} (Company, Customer Service (Serial Tracking)): customers' units wait there while they are with us."
				).format(frappe.bold(self.company)),
				title=_("RMA"),
			)
		return self.service_warehouse

	def taken_in(self) -> str:
		"""Where a unit taken back in an exchange goes."""
		return self.defective_warehouse or self.service()


FIELDS = (
	"st_service_warehouse",
	"st_defective_warehouse",
	"st_exchange_valuation",
	"st_salvage_percent",
	"st_warranty_carry_over",
	"st_minimum_replacement_days",
	"st_exchange_other_items",
	"st_maker_serials_on_papers",
)


def of(company: str) -> Settings:
	values = frappe.get_cached_value("Company", company, list(FIELDS), as_dict=True) or frappe._dict()
	return Settings(
		company=company,
		service_warehouse=values.st_service_warehouse,
		defective_warehouse=values.st_defective_warehouse,
		valuation=values.st_exchange_valuation or warranty.ZERO,
		salvage_percent=flt(values.st_salvage_percent),
		carry_over=values.st_warranty_carry_over or warranty.REMAINING,
		minimum_days=cint(values.st_minimum_replacement_days),
		other_items=bool(cint(values.st_exchange_other_items)),
		maker_serials_on_papers=bool(cint(values.st_maker_serials_on_papers)),
	)
