"""One site of ./erpnext-suite: read its state, give it the Currency Exchange records ERPNext's tests need.

    cd <bench>/sites && ../env/bin/python <repo>/.ci/erpnext-suite-site.py <site> state
    cd <bench>/sites && ../env/bin/python <repo>/.ci/erpnext-suite-site.py <site> exchange
    cd <bench>/sites && ../env/bin/python <repo>/.ci/erpnext-suite-site.py <site> fixtures

state     prints one JSON line: the apps installed on the site (read from the database, past every
          cache), whether the setup wizard is complete, whether allow_tests is set, and how many of
          the suite's Currency Exchange records are there.
exchange  creates the missing Currency Exchange records (idempotent).
fixtures  leaves the site as ERPNext's full CI run leaves it for these modules (idempotent, run before
          every comparison), on Frappe 16 after ERPNext's global test records (User, Company, Item), which
          its run-tests makes before any module: the accounting dimensions Department and Location exist and are disabled,
          and the warehouse "RJ Warehouse - _TC" exists. Run alone, test_sales_invoice's
          test_rounding_adjustment_3 creates the dimensions itself (ERPNext's create_dimension): the new
          dimension's custom fields commit the transaction, its disable_dimension at the end is rolled back
          with the test, and Location stays mandatory for balance-sheet accounts of _Test Company, failing
          about twenty later tests of test_sales_invoice and tests of other modules, on both sites. In
          ERPNext's full run test_accounting_dimension creates them first. test_pick_list's packed-item tests
          use the warehouse that test_inventory_dimension creates. Accounts are not frozen (the freeze
          date cleared, as test_sales_invoice's own set-up does: one of its tests freezes them up to
          2019-01-31 and they stay frozen for the modules run after it, on both sites; ERPNext 16 keeps
          the date per company, 15 in Accounts Settings).

ERPNext's tests fetch exchange rates from the web (erpnext.setup.utils.get_exchange_rate) when a site
has no Currency Exchange record for a pair. The test companies keep their books in INR ("_Test Company",
"_Test Company with perpetual inventory") and USD ("_Test Company 1", the wizard's "Wind Power LLC"); test
parties and price lists are in USD, INR and EUR. So every ordered pair of USD, INR and EUR gets one
record, for buying and selling, dated 2000-01-01: Accounts Settings allow stale rates by default
(allow_stale=1), so the latest record on or before a posting date is used, and 2000-01-01 precedes every
date these tests post on. ERPNext's own Currency Exchange test records (dated 2016) take precedence after
2016 when a test creates them, as they do on ERPNext's CI.
"""

import json
import sys

import frappe

import serial_tracking.platform.compat

SINCE = "2000-01-01"
# approximate rates; no test of the suite's modules expects a rate it did not set itself
RATES = {
	("USD", "INR"): 83.0,
	("INR", "USD"): 0.012048,
	("EUR", "INR"): 90.0,
	("INR", "EUR"): 0.011111,
	("USD", "EUR"): 0.92,
	("EUR", "USD"): 1.087,
}


def state() -> dict:
	rows = frappe.db.sql(
		"select defvalue from tabDefaultValue where parent='__global' and defkey='installed_apps'"
	)
	apps = json.loads(rows[0][0] if rows and rows[0][0] else "[]")
	return {
		"apps": apps,
		"setup_complete": bool(frappe.is_setup_complete()),
		"allow_tests": bool(frappe.get_conf().allow_tests),
		"exchange_records": sum(1 for pair in RATES if _exists(*pair)),
		"exchange_pairs": len(RATES),
	}


def _exists(from_currency: str, to_currency: str) -> bool:
	return bool(
		frappe.db.exists(
			"Currency Exchange",
			{"date": SINCE, "from_currency": from_currency, "to_currency": to_currency},
		)
	)


def exchange() -> None:
	frappe.set_user("Administrator")
	added = []
	for (from_currency, to_currency), rate in RATES.items():
		if _exists(from_currency, to_currency):
			continue
		frappe.get_doc(
			{
				"doctype": "Currency Exchange",
				"date": SINCE,
				"from_currency": from_currency,
				"to_currency": to_currency,
				"exchange_rate": rate,
				"for_buying": 1,
				"for_selling": 1,
			}
		).insert()
		added.append(f"{from_currency}->{to_currency}")
	frappe.db.commit()
	print(
		f"Currency Exchange records added: {', '.join(added)}"
		if added
		else "Currency Exchange records: all there"
	)


def fixtures() -> None:
	from frappe.test_runner import make_test_records

	from erpnext.accounts.doctype.accounting_dimension.test_accounting_dimension import (
		create_dimension,
		disable_dimension,
	)
	from erpnext.stock.doctype.warehouse.test_warehouse import create_warehouse

	frappe.set_user("Administrator")
	serial_tracking.platform.compat.set_in_test(True)  # as bench run-tests, which makes these records
	if serial_tracking.platform.compat.FRAPPE_MAJOR >= 16:
		# Frappe 16's run-tests makes ERPNext's global test records (erpnext.tests.global_test_dependencies:
		# User, Company, Item) before a module's own; on a new site the records below need them (an Item's
		# default warehouse, _Test Warehouse - _TC, is made with them). Frappe 15's runner does not.
		import erpnext.tests

		for doctype in getattr(erpnext.tests, "global_test_dependencies", []):
			make_test_records(doctype, commit=True)
	for doctype in ("Cost Center", "Location", "Warehouse", "Department"):  # test_accounting_dimension's
		make_test_records(doctype, commit=True)
	dimensions = frappe.get_all("Accounting Dimension", {"disabled": 0}, pluck="name")
	if not frappe.db.exists("Accounting Dimension", "Location") or dimensions:
		create_dimension()
		disable_dimension()
	create_warehouse("RJ Warehouse")
	frozen = unfreeze_accounts()
	frappe.db.commit()
	print(
		f"test fixtures: accounting dimensions disabled (were enabled: {dimensions or 'none'}), "
		f"RJ Warehouse, accounts not frozen (were frozen up to: {frozen or 'none'})"
	)


def unfreeze_accounts() -> str:
	"""Clear the accounts' freeze date: ERPNext 16 keeps one per company (Company.accounts_frozen_till_date),
	15 one for the site (Accounts Settings.acc_frozen_upto). Returns what was frozen, for the log."""
	if frappe.get_meta("Company").has_field("accounts_frozen_till_date"):
		frozen = frappe.get_all(
			"Company", {"accounts_frozen_till_date": ("is", "set")}, ["name", "accounts_frozen_till_date"]
		)
		for row in frozen:
			frappe.db.set_value("Company", row.name, "accounts_frozen_till_date", None)
		return ", ".join(f"{row.name} {row.accounts_frozen_till_date}" for row in frozen)
	frozen = frappe.db.get_single_value("Accounts Settings", "acc_frozen_upto")
	frappe.db.set_single_value("Accounts Settings", "acc_frozen_upto", None)
	return str(frozen or "")


def main(site: str, action: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		if action == "state":
			print(json.dumps(state()))
		elif action == "exchange":
			exchange()
		elif action == "fixtures":
			fixtures()
		else:
			sys.exit(f"unknown action {action!r} (state, exchange or fixtures)")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	if len(sys.argv) != 3:
		sys.exit(
			"usage: erpnext-suite-site.py <site> state|exchange|fixtures  (from the bench's sites folder)"
		)
	main(sys.argv[1], sys.argv[2])
