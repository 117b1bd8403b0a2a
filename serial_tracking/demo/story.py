"""A year of the demo business, step by step, in the order it happened (days before today).

The units the shop already had come in first, from its old spreadsheet (a Unit Import).
Two suppliers deliver laptops, drills, espresso machines, barcode scanners and consumables with the
makers' serials; customers buy them (Delivery Notes, Sales Invoices); a rental fleet goes out to
customers and is billed per unit; employees borrow units (some are late); units go to repair at a
cost; espresso machines get maintenance visits; the scanner switches from quantity to serialized
midway; one receipt of drills turns out recall-worthy and a customer claims on a drill from it, which
is exchanged on an RMA and goes back to the supplier; an espresso machine comes back and is repaired.
"""

from collections.abc import Callable

import frappe

from serial_tracking.demo import legacy
from serial_tracking.demo import vouchers as v
from serial_tracking.demo.clock import Clock
from serial_tracking.demo.masters import Masters
from serial_tracking.demo.returns import ReturnSteps
from serial_tracking.demo.service import ServiceSteps
from serial_tracking.series.core import tracking

RECALL_REMARK = "Batch B-17 of cordless drills: battery latch cracks (supplier notice)."


class Story(ServiceSteps, ReturnSteps):
	def __init__(self, m: Masters, clock: Clock):
		self.m = m
		self.clock = clock
		self.stock: dict[str, list[str]] = {}  # units on hand in the showroom, by item key
		self.fleet: dict[str, list[str]] = {}  # the rental fleet
		self.recall_receipt = None
		self.recalled: list[str] = []
		self.sold: dict[tuple[str, str], list[str]] = {}
		self.makers = 0

	# --- helpers -------------------------------------------------------------------------------

	def take(self, key: str, n: int) -> list[str]:
		units, self.stock[key] = self.stock[key][:n], self.stock[key][n:]
		return units

	def maker_serials(self, prefix: str, n: int) -> str:
		self.makers += n
		return "\n".join(f"{prefix}{self.makers - n + i + 1:05d}" for i in range(n))

	def item_line(self, key: str, qty: float, rate: float, serials=None, **fields) -> dict:
		return v.line(self.m.item[key], qty, rate, self.m.warehouses["showroom"], serials, **fields)

	def receive(self, doctype: str, supplier: str, lines: list[tuple], **fields):
		"""lines: (item key, qty, rate, maker serial prefix or None)."""
		rows = []
		for key, qty, rate, maker in lines:
			row = self.item_line(key, qty, rate)
			if maker:
				row["st_maker_serials"] = self.maker_serials(maker, qty)
			rows.append(row)
		doc = v.submit(
			doctype, {"company": self.m.company, "supplier": self.m.suppliers[supplier], **fields}, rows
		)
		codes = {code: key for key, code in self.m.item.items()}
		for item, serials in v.received(doc).items():
			self.stock.setdefault(codes[item], []).extend(serials)
		return doc

	def sell(self, doctype: str, customer: str, lines: list[tuple], **fields):
		"""lines: (item key, qty, rate[, units]); serialized items take units from the showroom."""
		rows = []
		for key, qty, rate, *chosen in lines:
			if chosen:
				units = chosen[0]
				self.stock[key] = [u for u in self.stock[key] if u not in units]
			else:
				units = self.take(key, qty) if key in self.stock else None
			if units:
				self.sold.setdefault((customer, key), []).extend(units)
			rows.append(self.item_line(key, qty, rate, units))
		extra = {"update_stock": 1} if doctype == "Sales Invoice" else {}
		doc = v.submit(
			doctype,
			{"company": self.m.company, "customer": self.m.customers[customer], **extra, **fields},
			rows,
		)
		v.schedules(doc)
		if doctype == "Delivery Note":
			v.invoice(doc)
		return doc

	def rent_invoice(self, customer: str, unit: str, days: int, rate: float):
		row = v.line(self.m.item["rental"], days, rate, st_serial_no=unit)
		return v.submit(
			"Sales Invoice", {"company": self.m.company, "customer": self.m.customers[customer]}, [row]
		)

	# --- the year --------------------------------------------------------------------------------

	def steps(self) -> list[tuple[int, int, Callable]]:
		"""(days ago, hour, what happens), in order."""
		s = [
			(362, 9, lambda: legacy.legacy_import(self.m.company)),  # the units the shop already had
			(360, 10, self.first_deliveries),
			(350, 11, self.first_drills),
			(345, 9, self.fleet_setup),
			(340, 14, lambda: self.sell("Delivery Note", "office", [("laptop", 3, 1299), ("cable", 6, 12)])),
			(
				330,
				15,
				lambda: self.sell(
					"Sales Invoice", "cafe", [("espresso", 1, 2290), ("beans", 10, 24), ("cleaning", 4, 15)]
				),
			),
			(300, 11, lambda: self.sell("Sales Invoice", "builders", [("drill", 3, 159)])),
			(290, 12, lambda: self.sell("Sales Invoice", "office", [("scanner", 4, 95)])),
			(250, 10, lambda: self.receive("Purchase Receipt", "northwind", [("laptop", 5, 860, "5CG3")])),
			(210, 13, lambda: self.sell("Sales Invoice", "builders", [("laptop", 2, 1279)])),
			(200, 10, lambda: self.receive("Purchase Receipt", "acme", [("beans", 30, 11.5, None)])),
			(180, 9, lambda: v.mode_change(self.m.item["scanner"], self.m.company, tracking.SERIALIZED)),
			(179, 9, self.scanners_as_units),
			(170, 14, lambda: self.sell("Delivery Note", "office", [("scanner", 2, 95)])),
			(140, 10, lambda: self.receive("Purchase Receipt", "northwind", [("scanner", 6, 58, "ZB2D")])),
			(120, 10, self.recall_worthy_receipt),
			(100, 11, lambda: self.sell("Sales Invoice", "builders", [("drill", 4, 159, self.recalled[:4])])),
			(100, 15, lambda: self.sell("Delivery Note", "office", [("espresso", 1, 2290)])),
			(
				90,
				10,
				lambda: self.receive(
					"Purchase Receipt",
					"northwind",
					[("laptop", 4, 850, "5CG4"), ("cable", 30, 4.4, None)],
				),
			),
			(90, 11, lambda: self.receive("Purchase Receipt", "acme", [("beans", 30, 11.8, None)])),
			(75, 12, lambda: self.sell("Delivery Note", "events", [("laptop", 2, 1249)])),
			(35, 12, lambda: self.sell("Sales Invoice", "cafe", [("scanner", 1, 99)])),
		]
		s += [(days, 16, self.monthly_consumables) for days in range(320, 0, -30)]
		s += self.service_steps()
		s += self.return_steps()
		return sorted(s, key=lambda step: (-step[0], step[1]))

	def first_deliveries(self):
		self.receive(
			"Purchase Receipt",
			"northwind",
			[("laptop", 6, 880, "5CG2"), ("cable", 40, 4.5, None), ("scanner", 12, 60, None)],
		)
		self.receive(
			"Purchase Receipt",
			"acme",
			[("espresso", 4, 1350, "EM7"), ("beans", 40, 11, None), ("cleaning", 20, 6, None)],
		)

	def first_drills(self):
		# a Purchase Invoice that updates stock, as a supplier's invoice that comes with the goods
		self.receive("Purchase Invoice", "acme", [("drill", 8, 92, "DW18-A")], update_stock=1)

	def fleet_setup(self):
		units = self.take("espresso", 2) + self.take("drill", 2)
		rows = [
			{
				"item_code": self.m.item[key],
				"qty": 1,
				"s_warehouse": self.m.warehouses["showroom"],
				"t_warehouse": self.m.warehouses["fleet"],
				"serial_no": unit,
				"use_serial_batch_fields": 1,
			}
			for key, unit in zip(("espresso", "espresso", "drill", "drill"), units, strict=True)
		]
		v.submit(
			"Stock Entry",
			{
				"company": self.m.company,
				"purpose": "Material Transfer",
				"stock_entry_type": "Material Transfer",
			},
			rows,
		)
		self.fleet = {"espresso": units[:2], "drill": units[2:]}

	def scanners_as_units(self):
		self.stock["scanner"] = sorted(
			frappe.get_all(
				"Serial No", {"item_code": self.m.item["scanner"], "warehouse": ("is", "set")}, pluck="name"
			)
		)

	def recall_worthy_receipt(self):
		self.recall_receipt = self.receive(
			"Purchase Receipt", "acme", [("drill", 10, 94, "DW18-B17-")], remarks=RECALL_REMARK
		)
		self.recalled = v.received(self.recall_receipt)[self.m.item["drill"]]

	def monthly_consumables(self):
		self.sell("Sales Invoice", "cafe", [("beans", 3, 24), ("cleaning", 1, 15)])
		self.sell("Sales Invoice", "office", [("cable", 2, 12)])
