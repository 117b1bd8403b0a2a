"""Quantity Cost of Sale: per item sold by quantity, what it cost on average to sell one (RTO Pro's
"non-serialized cost of sale"), beside what it brought in; serialized items can be listed too, to
compare both tracking modes over the same period."""

from typing import TypedDict

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from serial_tracking.platform.erpnext_internals import item_group_condition
from serial_tracking.platform.report_columns import column
from serial_tracking.profitability.core import profit
from serial_tracking.profitability.sources import Period, apply

SELLING = ("Delivery Note", "Sales Invoice", "POS Invoice")


class CostOfSaleFilters(TypedDict, total=False):
	company: str
	from_date: str
	to_date: str
	item_code: str
	item_group: str
	tracking_mode: str


def execute(filters: CostOfSaleFilters | None = None):
	filters = frappe._dict(filters or {})
	if not filters.company:
		frappe.throw(_("Choose a company."), title=_("Quantity Cost of Sale"))
	period = Period(filters.from_date, filters.to_date)
	sold = cost_of_sales(filters, period)
	revenue = revenues(filters, period)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	data = []
	for item_code, row in sold.items():
		qty, cost = flt(row.qty), flt(row.cost)
		income = revenue.get(item_code, 0.0)
		data.append(
			{
				"item_code": item_code,
				"item_name": row.item_name,
				"item_group": row.item_group,
				"tracking_mode": row.tracking_mode,
				"qty": qty,
				"cost_of_sale": cost,
				"average_cost": profit.average(cost, qty),
				"revenue": income,
				"average_revenue": profit.average(income, qty),
				"margin": income - cost,
				"margin_percent": profit.percent(income - cost, income),
				"currency": currency,
			}
		)
	return columns(), sorted(data, key=lambda r: -r["cost_of_sale"])


def cost_of_sales(filters, period) -> dict:
	sle = frappe.qb.DocType("Stock Ledger Entry")
	item = frappe.qb.DocType("Item")
	query = (
		frappe.qb.from_(sle)
		.join(item)
		.on(item.name == sle.item_code)
		.select(
			sle.item_code,
			item.item_name,
			item.item_group,
			item.st_tracking_mode.as_("tracking_mode"),
			(Sum(sle.actual_qty) * -1).as_("qty"),
			(Sum(sle.stock_value_difference) * -1).as_("cost"),
		)
		.where((sle.is_cancelled == 0) & (sle.company == filters.company) & sle.voucher_type.isin(SELLING))
		.where(item.st_tracking_mode == (filters.tracking_mode or "Quantity"))
		.groupby(sle.item_code, item.item_name, item.item_group, item.st_tracking_mode)
	)
	if filters.item_code:
		query = query.where(sle.item_code == filters.item_code)
	if filters.item_group:  # the group and every group under it (a group that does not exist: nothing)
		query = query.where(item_group_condition(filters.item_group, item) or (item.name.isnull()))
	return {row.item_code: row for row in apply(query, period.where(sle.posting_date)).run(as_dict=True)}


def revenues(filters, period) -> dict[str, float]:
	si = frappe.qb.DocType("Sales Invoice")
	sii = frappe.qb.DocType("Sales Invoice Item")
	query = (
		frappe.qb.from_(sii)
		.join(si)
		.on(si.name == sii.parent)
		.select(sii.item_code, Sum(sii.base_net_amount))
		.where((si.docstatus == 1) & (si.company == filters.company) & (si.is_opening != "Yes"))
		.groupby(sii.item_code)
	)
	return {item: flt(amount) for item, amount in apply(query, period.where(si.posting_date)).run()}


def columns() -> list[dict]:

	return [
		column(_("Item"), "item_code", "Link", "Item", 140),
		column(_("Item Name"), "item_name", width=160),
		column(_("Item Group"), "item_group", "Link", "Item Group"),
		column(_("Tracking Mode"), "tracking_mode", width=100),
		column(_("Qty Sold"), "qty", "Float", width=90),
		column(_("Cost of Sale"), "cost_of_sale", "Currency", "currency"),
		column(_("Average Cost"), "average_cost", "Currency", "currency"),
		column(_("Revenue"), "revenue", "Currency", "currency"),
		column(_("Average Revenue"), "average_revenue", "Currency", "currency"),
		column(_("Margin"), "margin", "Currency", "currency"),
		column(_("Margin %"), "margin_percent", "Percent", width=90),
	]
