"""The demo's service side: the rental fleet out to customers and billed per unit, units lent to
employees (two of them late now), repairs with their costs, maintenance visits, a warranty claim on a
drill from the recall-worthy receipt, and a drill retired."""

from collections.abc import Callable

import frappe

from serial_tracking.demo import vouchers as v
from serial_tracking.units.core import lifecycle as lc

# rentals: (days ago out, days ago back or None when still out, fleet item, which unit, customer,
# rate per day); billed the day after it comes back
RENTALS = (
	(280, 270, "espresso", 0, "events", 45),
	(200, 193, "espresso", 0, "events", 45),
	(130, 116, "drill", 0, "builders", 12),
	(60, 50, "espresso", 1, "events", 45),
	(40, 26, "drill", 1, "builders", 12),
	(12, None, "espresso", 0, "events", 45),
)


class ServiceSteps:
	def service_steps(self) -> list[tuple[int, int, Callable]]:
		s = []
		for out, back, key, index, customer, rate in RENTALS:
			s.append((out, 10, lambda k=key, i=index, c=customer, b=back: self.rent_out(k, i, c, b)))
			if back is not None:
				s.append((back, 17, lambda k=key, i=index: self.rent_back(k, i)))
				s.append(
					(
						back - 1,
						9,
						lambda k=key, i=index, c=customer, d=out - back, r=rate: self.bill(k, i, c, d, r),
					)
				)
		s += [
			(320, 10, lambda: self.lend("laptop", "alex", due=290)),
			(295, 16, lambda: self.give_back("alex_laptop", "Good")),
			(240, 11, lambda: self.visit("cafe", 60, 25, "Good", "Descaled, replaced the group gasket.")),
			(215, 10, self.drill_to_repair),
			(205, 15, self.drill_back_from_repair),
			(204, 11, self.repair_bill),
			(160, 10, lambda: self.repair_laptop(True)),
			(150, 16, lambda: self.repair_laptop(False)),
			(150, 11, lambda: self.visit("cafe", 60, 40, "Fair", "Replaced the steam wand seal.")),
			(60, 10, lambda: self.lend("laptop", "sam", due=30)),
			(45, 9, lambda: self.lend("drill", "jordan", due=5)),
			(45, 14, self.claim),
			(30, 10, self.recalled_drill_to_repair),
			(25, 12, self.retire_drill),
			(20, 10, lambda: self.lend("laptop", "alex", due=-14)),
		]
		return s

	# --- rentals -------------------------------------------------------------------------------

	def rent_out(self, key: str, index: int, customer: str, back: int | None):
		unit = self.fleet[key][index]
		due = self.clock.day(back if back is not None else -5)
		v.act(
			[unit],
			lc.CHECK_OUT,
			custodian_type="Customer",
			custodian=self.m.customers[customer],
			due_date=due,
		)

	def rent_back(self, key: str, index: int):
		v.act([self.fleet[key][index]], lc.CHECK_IN, condition="Good")

	def bill(self, key: str, index: int, customer: str, days: int, rate: float):
		row = v.line(self.m.item["rental"], days, rate, st_serial_no=self.fleet[key][index])
		v.submit("Sales Invoice", {"company": self.m.company, "customer": self.m.customers[customer]}, [row])

	# --- lending to employees ------------------------------------------------------------------

	def lend(self, key: str, employee: str, due: int):
		unit = self.stock[key].pop()
		self.lent = getattr(self, "lent", {})
		self.lent[f"{employee}_{key}"] = (key, unit)
		v.act(
			[unit],
			lc.CHECK_OUT,
			custodian_type="Employee",
			custodian=self.m.employees[employee],
			due_date=self.clock.day(due),
		)

	def give_back(self, which: str, condition: str):
		key, unit = self.lent.pop(which)
		v.act([unit], lc.CHECK_IN, condition=condition)
		self.stock[key].append(unit)

	# --- repairs, visits, claims ---------------------------------------------------------------

	def drill_to_repair(self):
		self.repaired = self.stock["drill"].pop(0)
		v.act([self.repaired], lc.SEND_TO_REPAIR, condition="Needs Repair", remarks="Chuck slips under load.")

	def drill_back_from_repair(self):
		v.act([self.repaired], lc.BACK_FROM_REPAIR, condition="Good", remarks="New chuck fitted by Acme.")
		self.stock["drill"].insert(0, self.repaired)

	def repair_bill(self):
		row = v.line(self.m.item["repair"], 1, 45, st_serial_no=self.repaired)
		v.submit("Purchase Invoice", {"company": self.m.company, "supplier": self.m.suppliers["acme"]}, [row])

	def repair_laptop(self, out: bool):
		if out:
			self.laptop_in_repair = self.stock["laptop"].pop(0)
			v.act(
				[self.laptop_in_repair], lc.SEND_TO_REPAIR, condition="Needs Repair", remarks="Hinge cracked."
			)
		else:
			v.act([self.laptop_in_repair], lc.BACK_FROM_REPAIR, condition="Good", remarks="Hinge replaced.")
			self.stock["laptop"].insert(0, self.laptop_in_repair)

	def visit(self, customer: str, labour: float, parts: float, condition: str, work: str):
		schedule = frappe.get_all(
			"Maintenance Schedule",
			{"customer": self.m.customers[customer], "docstatus": 1},
			pluck="name",
			order_by="creation",
			limit=1,
		)[0]
		v.visit(schedule, labour, parts, condition, self.m.sales_person, work)

	def claim(self):
		sold = self.sold[("builders", "drill")][-1]  # from the recall-worthy receipt
		self.drill_claim = v.warranty_claim(
			{
				"customer": self.m.customers["builders"],
				"serial_no": sold,
				"item_code": self.m.item["drill"],
				"company": self.m.company,
				"complaint": "Battery latch cracked after two weeks on site.",
			}
		)

	def recalled_drill_to_repair(self):
		unit = self.stock["drill"].pop()
		v.act([unit], lc.SEND_TO_REPAIR, condition="Needs Repair", remarks="Battery latch, batch B-17.")

	def retire_drill(self):
		unit = self.stock["drill"].pop(0)
		v.act([unit], lc.RETIRE, condition="Broken", remarks="Motor burnt out, not worth repairing.")
