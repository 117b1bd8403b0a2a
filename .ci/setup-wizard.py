"""Complete ERPNext's setup wizard on a site, as a person completes it in the desk (used by dev-bench).

    cd <bench>/sites && ../env/bin/python <repo>/.ci/setup-wizard.py <site>

Runs Frappe's own ``setup_complete`` (which runs ERPNext's setup stages: company, chart of accounts,
fiscal year, fixtures), then adds the fiscal year before (so documents dated in the past year post),
and Currency Exchange records for a few currencies, since a closed network cannot fetch rates.
Idempotent: a completed wizard is not run again and existing records are kept.

Environment: ST_COMPANY (default "Serial Demo Ltd"), ST_COMPANY_ABBR ("SDL"), ST_COUNTRY ("United States"),
ST_CURRENCY ("USD"), ST_TIMEZONE ("America/New_York").
"""

import os
import sys

import frappe
from frappe.utils import getdate

# approximate rates to the US dollar
USD_PER = {"EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "INR": 0.012, "JPY": 0.0067}


def main(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		company = os.environ.get("ST_COMPANY") or "Serial Demo Ltd"
		currency = os.environ.get("ST_CURRENCY") or "USD"
		year = getdate().year
		run_wizard(company, currency, year)
		add_previous_fiscal_year(year)
		add_currency_exchange(currency, year)
		frappe.db.commit()
		companies = frappe.get_all("Company", pluck="name")
		years = frappe.get_all("Fiscal Year", pluck="name", order_by="year_start_date")
		print(f"setup complete: companies {companies}, fiscal years {years}")
	finally:
		frappe.destroy()


def run_wizard(company: str, currency: str, year: int) -> None:
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if frappe.is_setup_complete():
		print("the setup wizard was already completed")
		return
	print(f"running the setup wizard: {company}, {currency}, fiscal year {year}")
	result = setup_complete(
		{
			"language": "English",
			"country": os.environ.get("ST_COUNTRY") or "United States",
			"timezone": os.environ.get("ST_TIMEZONE") or "America/New_York",
			"currency": currency,
			"company_name": company,
			"company_abbr": os.environ.get("ST_COMPANY_ABBR") or "SDL",
			"company_tagline": "Every unit accounted for",
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"industry": "Distribution",
		}
	)
	frappe.db.commit()
	if not frappe.is_setup_complete():
		sys.exit(f"the setup wizard did not complete: {result}")


def add_previous_fiscal_year(year: int) -> None:
	start, end = getdate(f"{year - 1}-01-01"), getdate(f"{year - 1}-12-31")
	if frappe.db.exists("Fiscal Year", {"year_start_date": start}):
		return
	frappe.get_doc(
		{"doctype": "Fiscal Year", "year": str(year - 1), "year_start_date": start, "year_end_date": end}
	).insert()
	print(f"added fiscal year {year - 1}")


def add_currency_exchange(company_currency: str, year: int) -> None:
	"""Rates both ways between the company's currency and a few others, valid from the previous year."""
	if company_currency != "USD":
		return
	since = getdate(f"{year - 1}-01-01")
	for other, usd in USD_PER.items():
		if frappe.db.exists("Currency", other):
			frappe.db.set_value("Currency", other, "enabled", 1)
		for from_currency, to_currency, rate in ((other, "USD", usd), ("USD", other, round(1 / usd, 6))):
			if frappe.db.exists(
				"Currency Exchange", {"from_currency": from_currency, "to_currency": to_currency}
			):
				continue
			frappe.get_doc(
				{
					"doctype": "Currency Exchange",
					"date": since,
					"from_currency": from_currency,
					"to_currency": to_currency,
					"exchange_rate": rate,
					"for_buying": 1,
					"for_selling": 1,
				}
			).insert()


if __name__ == "__main__":
	if len(sys.argv) != 2:
		sys.exit("usage: setup-wizard.py <site>  (from the bench's sites folder, with the bench's Python)")
	main(sys.argv[1])
