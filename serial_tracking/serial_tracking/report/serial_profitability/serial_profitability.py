"""Serial Profitability: one row per unit (or per group): acquisition cost (an assembled unit's with
its own components' cost, shown beside it), parts swapped by repairs, cost passed on into
assemblies, revenue, other income, service cost, depreciation, realised margin, capital still in
stock, days held, turns, status and holder (see profitability/core/profit.py for what is realised)."""

import functools
from typing import TypedDict

import frappe
from frappe import _
from frappe.utils import getdate

from serial_tracking.platform.report_columns import column
from serial_tracking.profitability import acquisition, assembly_costs, sources
from serial_tracking.profitability.core import profit
from serial_tracking.units.core import lifecycle

NARROW = 5000
GROUPS = {"Item": "item_code", "Item Group": "item_group", "Supplier": "supplier", "Customer": "customer"}


class ProfitabilityFilters(TypedDict, total=False):
	company: str
	from_date: str
	to_date: str
	item_code: str
	item_group: str
	supplier: str
	customer: str
	status: str
	group_by: str


def execute(filters: ProfitabilityFilters | None = None):
	return SerialProfitability(frappe._dict(filters or {})).run()


class SerialProfitability:
	def __init__(self, filters):
		self.filters = filters
		if not filters.company:
			frappe.throw(_("Choose a company."), title=_("Serial Profitability"))
		self.period = sources.Period(filters.from_date, filters.to_date)
		self.currency = frappe.get_cached_value("Company", filters.company, "default_currency")

	def run(self):
		units = self.unit_rows()
		if self.filters.group_by and self.filters.group_by != "None":
			data, chart = self.grouped(units)
		else:
			data, chart = self.flat(units)
		return self.columns(), data, None, chart, self.summary(units)

	def unit_rows(self) -> list[dict]:
		f, company = self.filters, self.filters.company
		units = sources.units(company, f.item_code, f.item_group, f.status)
		# A few units: ask only about them. Many: one pass over their items' records is cheaper than a
		# long IN list (and over every item's when no filter narrows the units to some items).
		serials = [u[0] for u in units] if len(units) <= NARROW else None
		item_codes = sorted({u[1] for u in units}) if f.item_code or f.item_group else None
		bundles = acquisition.receipt_bundles(company, item_codes)
		acquired = acquisition.acquisitions(bundles, serials)
		sold = sources.revenues(company, self.period, serials, item_codes)
		other = sources.other_income(company, self.period, serials)
		service = sources.service_costs(company, self.period, serials)
		written_down = sources.depreciation(company, self.period, serials)
		assembled = assembly_costs.assembled(serials)
		swapped = assembly_costs.parts_swapped(self.period, serials)
		items = sources.items({u[1] for u in units})
		origin = functools.lru_cache(maxsize=None)(lambda inward: acquisition.acquisition(bundles, inward))
		today = getdate()
		dated = self.period.from_date or self.period.to_date
		rows = []
		for serial, item_code, maker, status, holder, first_in, last_out, turns in units:
			cost, inward, passed_on = acquired.get(serial) or (0, None, 0)
			components, adjustment = assembled.get(serial) or (0.0, 0.0)
			supplier, acquired_on = origin(inward)
			sale = sold.get(serial)
			busy = sale or serial in other or serial in service or serial in written_down or serial in swapped
			if dated and not busy:
				if not self.in_period(acquired_on):
					continue
			customer = sale.customer if sale else holder if status == lifecycle.DELIVERED else None
			if (f.supplier and supplier != f.supplier) or (f.customer and customer != f.customer):
				continue
			item_name, item_group = items[item_code]
			rows.append(
				profit.with_margin(
					{
						"serial_no": serial,
						"item_code": item_code,
						"item_name": item_name,
						"item_group": item_group,
						"maker_serial": maker,
						"supplier": supplier,
						"acquired_on": acquired_on,
						"acquisition_cost": float(cost or 0) + adjustment,
						"component_cost": components,
						"parts_cost": swapped.get(serial, 0.0),
						"passed_on": float(passed_on or 0),
						"revenue": sale.revenue if sale else 0.0,
						"other_income": other.get(serial, 0.0),
						"service_cost": service.get(serial, 0.0),
						"depreciation": written_down.get(serial, 0.0),
						"days_held": profit.days_held(first_in, last_out, status in lifecycle.OURS, today),
						"turns": turns or 0,
						"status": status,
						"holder": holder,
						"customer": customer,
						"currency": self.currency,
					},
					held=status in lifecycle.OURS,
				)
			)
		return rows

	def in_period(self, on) -> bool:
		if not on:
			return False
		on = getdate(on)
		return (not self.period.from_date or on >= self.period.from_date) and (
			not self.period.to_date or on <= self.period.to_date
		)

	def flat(self, rows):
		# Six bars keep a serial number readable under its bar (the chart shortens longer labels).
		shown = profit.best_and_worst(rows, 3)
		chart = {
			"data": {
				"labels": [row["serial_no"] for row in shown],
				"datasets": [{"name": _("Margin"), "values": [round(row["margin"], 2) for row in shown]}],
			},
			"type": "bar",
			"colors": ["#449CF0"],
			"title": _("Best and worst units by realised margin"),
		}
		return rows, chart if shown else None

	def grouped(self, rows):
		field = GROUPS.get(self.filters.group_by)
		if not field:
			frappe.throw(_("Group by one of: {0}").format(", ".join(GROUPS)))
		groups = profit.group(rows, field)
		data = [
			{
				"group": total.key or _("Not set"),
				"units": total.units,
				**{name: round(value, 2) for name, value in total.amounts.items()},
				"margin": round(total.margin, 2),
				"margin_percent": total.margin_percent,
				"currency": self.currency,
			}
			for total in groups
		]
		shown = groups[:20]
		chart = {
			"data": {
				"labels": [str(g.key or _("Not set")) for g in shown],
				"datasets": [{"name": _("Margin"), "values": [round(g.margin, 2) for g in shown]}],
			},
			"type": "bar",
			"colors": ["#449CF0"],
			"title": _("Realised margin by {0}").format(_(self.filters.group_by)),
		}
		return data, chart if groups else None

	def summary(self, rows):
		everything = profit.total(rows)
		held = [row for row in rows if row["capital"]]
		currency = {"datatype": "Currency", "currency": self.currency}
		return [
			{"value": everything.units, "label": _("Units"), "datatype": "Int"},
			{"value": profit.income(everything.amounts), "label": _("Income"), **currency},
			{
				"value": everything.margin,
				"label": _("Realised Margin"),
				"indicator": "Green" if everything.margin >= 0 else "Red",
				**currency,
			},
			{"value": everything.margin_percent or 0, "label": _("Margin %"), "datatype": "Percent"},
			{
				"value": everything.amounts["capital"],
				"label": _("Capital in Stock ({0} units)").format(len(held)),
				"indicator": "Blue",
				**currency,
			},
		]

	def columns(self) -> list[dict]:

		money = [
			column(_("Acquisition Cost"), "acquisition_cost", "Currency", "currency"),
			column(_("Of Which Components"), "component_cost", "Currency", "currency"),
			column(_("Parts Swapped"), "parts_cost", "Currency", "currency"),
			column(_("Passed On"), "passed_on", "Currency", "currency"),
			column(_("Revenue"), "revenue", "Currency", "currency"),
			column(_("Other Income"), "other_income", "Currency", "currency"),
			column(_("Service Cost"), "service_cost", "Currency", "currency"),
			column(_("Depreciation"), "depreciation", "Currency", "currency"),
			column(_("Margin"), "margin", "Currency", "currency"),
			column(_("Margin %"), "margin_percent", "Percent", width=90),
			column(_("Capital in Stock"), "capital", "Currency", "currency"),
		]
		if self.filters.group_by and self.filters.group_by != "None":
			return [
				column(_(self.filters.group_by), "group", width=180),
				column(_("Units"), "units", "Int", width=80),
				*money,
			]
		return [
			column(_("Serial No"), "serial_no", "Link", "Serial No", 150),
			column(_("Item"), "item_code", "Link", "Item"),
			column(_("Maker Serial"), "maker_serial"),
			column(_("Supplier"), "supplier", "Link", "Supplier"),
			column(_("Acquired On"), "acquired_on", "Date", width=100),
			*money,
			column(_("Days Held"), "days_held", "Int", width=90),
			column(_("Turns"), "turns", "Int", width=70),
			column(_("Status"), "status", width=100),
			column(_("Holder"), "holder", width=150),
			column(_("Customer"), "customer", "Link", "Customer"),
			column(_("Item Group"), "item_group", "Link", "Item Group"),
		]
