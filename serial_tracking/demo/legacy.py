"""The shop's old spreadsheet: before its first receipt here, the demo business brings in the units it
already had through a Unit Import, as a shop does on its first day (a semicolon-separated file with
European dates and amounts, items by name, a laptop on loan, one in repair, a laptop sold the year
before to a customer: the installed base)."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from serial_tracking.demo import log
from serial_tracking.demo.catalogue import CUSTOMERS, EMPLOYEES, ITEMS, SUPPLIERS, WAREHOUSES

IMPORT = "Unit Import"
HEADER = (
	"Serial Number;Item;Location;Maker Serial;Status;Condition;Unit Cost;Purchased;Warranty Months;"
	"Vendor;Checked Out To;Due Date;Customer;Delivered;Location Note"
)


def day(days: int) -> str:
	return getdate(add_days(nowdate(), days)).strftime("%d.%m.%Y")


def spreadsheet() -> str:
	laptop, drill = ITEMS["laptop"][1], ITEMS["drill"][1]  # by name, as a spreadsheet has them
	showroom, northwind, acme = WAREHOUSES["showroom"], SUPPLIERS["northwind"], SUPPLIERS["acme"]
	alex = " ".join(EMPLOYEES["alex"][:2])
	rows = [
		f"LEGACY-LT-0001;{laptop};{showroom};5CG1LEG01;In Stock;Good;1.150,00;{day(-200)};24;{northwind};;;;;Back office",
		f"LEGACY-LT-0002;{laptop};{showroom};5CG1LEG02;;Fair;1.150,00;{day(-200)};24;{northwind};{alex};{day(400)};;;",
		f";{drill};{showroom};;In Repair;Needs Repair;89,00;{day(-400)};;{acme};;;;;Workbench",
		f"LEGACY-LT-0003;{laptop};{showroom};5CG1LEG03;;;;{day(-30)};;{northwind};;;{CUSTOMERS['office']};{day(-2)};",
	]
	return "\n".join([HEADER, *rows]) + "\n"


def legacy_import(company: str) -> None:
	doc = frappe.get_doc({"doctype": IMPORT, "company": company}).insert(ignore_permissions=True)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "old-spreadsheet.csv",
			"content": spreadsheet(),
			"is_private": 1,
			"attached_to_doctype": IMPORT,
			"attached_to_name": doc.name,
		}
	).insert(ignore_permissions=True)
	doc.import_file = file.file_url
	doc.flags.ignore_permissions = True
	doc.save()
	doc.submit()
	# its documents first: removal deletes the newest first, the import before what it made
	for entry in doc.entries:
		log.record(entry.voucher_type, entry.voucher, log.DERIVED)
	log.record(IMPORT, doc.name, log.TRANSACTION)
