"""The demo's RMAs, through the app's own steps: Harbor Builders' drill from the recall-worthy receipt
comes back broken, is exchanged for a drill from an earlier receipt and goes back to Acme within its vendor
warranty; Brightside Cafe's espresso machine comes in leaking, is repaired on a visit and given back."""

from collections.abc import Callable

import frappe

from serial_tracking.customers import steps
from serial_tracking.customers.core import warranty
from serial_tracking.demo import log
from serial_tracking.demo import vouchers as v


class ReturnSteps:
	def return_steps(self) -> list[tuple[int, int, Callable]]:
		return [
			(360, 8, self.service_settings),
			(44, 10, lambda: self.open_rma("drill_rma", self.drill_claim.name)),
			(
				44,
				15,
				lambda: steps.diagnose(
					self.rmas["drill_rma"], "Broken", "Battery latch cracked (batch B-17)."
				),
			),
			(43, 11, self.exchange_drill),
			(40, 10, self.drill_back_to_acme),
			(26, 10, self.espresso_claim),
			(25, 14, lambda: steps.diagnose(self.rmas["espresso_rma"], "Needs Repair", "Steam valve leaks.")),
			(23, 11, self.repair_espresso),
			(22, 15, self.espresso_back),
		]

	def service_settings(self):
		"""The company's service desk, unless it has its own: units taken back in exchange at 10% of cost."""
		company = self.m.company
		if frappe.db.get_value("Company", company, "st_service_warehouse"):
			return
		frappe.db.set_value(
			"Company",
			company,
			{
				"st_service_warehouse": self.m.warehouses["service"],
				"st_defective_warehouse": self.m.warehouses["defective"],
				"st_exchange_valuation": warranty.SALVAGE,
				"st_salvage_percent": 10,
				"st_warranty_carry_over": warranty.REMAINING,
			},
		)

	def open_rma(self, key: str, claim: str) -> None:
		self.rmas = getattr(self, "rmas", {})
		rma = frappe.get_doc({"doctype": "RMA", "warranty_claim": claim})
		rma.flags.ignore_permissions = True
		rma.insert()
		self.rmas[key] = rma.name
		steps.receive(rma.name)

	def exchange_drill(self):
		replacement = next(u for u in self.stock["drill"] if u not in self.recalled)
		self.stock["drill"].remove(replacement)
		steps.exchange(self.rmas["drill_rma"], replacement)

	def drill_back_to_acme(self):
		steps.to_supplier(self.rmas["drill_rma"])
		self.log_rma("drill_rma")

	def espresso_claim(self):
		unit = self.sold[("cafe", "espresso")][0]
		claim = v.warranty_claim(
			{
				"customer": self.m.customers["cafe"],
				"serial_no": unit,
				"item_code": self.m.item["espresso"],
				"company": self.m.company,
				"complaint": "Water drips from the steam wand when it is off.",
			}
		)
		self.open_rma("espresso_rma", claim.name)

	def repair_espresso(self):
		visit = steps.repair_visit(self.rmas["espresso_rma"])
		for purpose in visit.purposes:
			purpose.update(
				{
					"description": purpose.description or "Steam valve",
					"service_person": self.m.sales_person,
					"work_done": "Replaced the steam valve and its seal.",
					"st_labour_cost": 40,
					"st_parts_cost": 18,
					"st_condition": "Good",
				}
			)
		visit.flags.ignore_permissions = True
		visit.insert()
		visit.submit()

	def espresso_back(self):
		steps.give_back(self.rmas["espresso_rma"])
		self.log_rma("espresso_rma")

	def log_rma(self, key: str) -> None:
		"""Once its steps are done: the RMA's documents (derived: deleted after it), then the RMA itself (its
		removal undoes its steps first)."""
		rma = frappe.get_doc("RMA", self.rmas[key])
		for step in rma.steps:
			for doctype, name in [
				(step.document_type, step.document),
				*(frappe.parse_json(step.details or "{}").get("documents") or []),
			]:
				if doctype and name:
					log.record(doctype, name, log.DERIVED)
		log.record("RMA", rma.name, log.TRANSACTION)
