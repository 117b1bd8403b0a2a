"""ERPNext documents as a user makes them: inserted and submitted on the clock's day and time
(set_posting_time), each written to the demo's log."""

import frappe
from frappe.utils import nowdate, nowtime

from erpnext.maintenance.doctype.maintenance_schedule.maintenance_schedule import make_maintenance_visit

from serial_tracking.actions import unit_actions
from serial_tracking.demo import log
from serial_tracking.units import unit_moves


def submit(doctype: str, fields: dict, rows: list[dict] | None = None, table: str = "items"):
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			**fields,
			"set_posting_time": 1,
			"posting_date": nowdate(),
			"posting_time": nowtime(),
			**({table: rows} if rows is not None else {}),
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	doc.submit()
	log.record(doctype, doc.name, log.TRANSACTION)
	return doc


def invoice(delivery_note):
	"""The Sales Invoice of a Delivery Note, made from it as in the desk (Create > Sales Invoice)."""
	from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_invoice

	doc = make_sales_invoice(delivery_note.name)
	doc.update(
		{"set_posting_time": 1, "posting_date": nowdate(), "posting_time": nowtime(), "due_date": nowdate()}
	)
	doc.set("payment_schedule", [])
	doc.flags.ignore_permissions = True
	doc.insert()
	doc.submit()
	log.record("Sales Invoice", doc.name, log.TRANSACTION)
	return doc


def line(item: str, qty: float, rate: float, warehouse: str | None = None, serials=None, **fields) -> dict:
	row = {"item_code": item, "qty": qty, "rate": rate, **fields}
	if warehouse:
		row["warehouse"] = warehouse
	if serials:
		row["serial_no"] = "\n".join(serials)
		row["use_serial_batch_fields"] = 1
	return row


def received(doc) -> dict[str, list[str]]:
	"""Units a receipt brought in, by item."""
	units = {}
	for unit in unit_moves.moved(doc.doctype, doc.name, outward=False):
		units.setdefault(unit.item_code, []).append(unit.serial_no)
	return {item: sorted(serials) for item, serials in units.items()}


def schedules(delivery) -> list[str]:
	"""The Maintenance Schedules the app made for a delivery's units: logged, so removal deletes them."""
	made = frappe.get_all(
		"Maintenance Schedule",
		{"st_delivery_type": delivery.doctype, "st_delivery": delivery.name, "docstatus": 1},
		pluck="name",
		order_by="name",
	)
	for name in made:
		log.record("Maintenance Schedule", name, log.DERIVED)
	return made


def act(serials: list[str], action: str, **kw) -> None:
	"""A unit action, as from the Serial No form; one that posts a Stock Entry logs it."""
	result = unit_actions.act(serials, action, **kw)
	for entry in result.get("stock_entries") or []:
		log.record("Stock Entry", entry, log.TRANSACTION)


def visit(schedule: str, labour: float, parts: float, condition: str, person: str, work: str):
	"""The next pending visit of a Maintenance Schedule, done: ERPNext's own mapping from the schedule."""
	detail = frappe.get_all(
		"Maintenance Schedule Detail",
		{"parent": schedule, "completion_status": "Pending"},
		["name", "item_code", "serial_no"],
		order_by="scheduled_date",
		limit=1,
	)[0]
	doc = make_maintenance_visit(schedule, item_name=detail.item_code, s_id=detail.name)
	doc.update(
		{
			"mntc_date": nowdate(),
			"mntc_time": nowtime(),
			"completion_status": "Fully Completed",
			"maintenance_type": "Scheduled",
		}
	)
	for purpose in doc.purposes:
		purpose.update(
			{
				"serial_no": detail.serial_no,
				"description": purpose.description or work,
				"service_person": person,
				"work_done": work,
				"st_labour_cost": labour,
				"st_parts_cost": parts,
				"st_condition": condition,
			}
		)
	doc.flags.ignore_permissions = True
	doc.insert()
	doc.submit()
	log.record("Maintenance Visit", doc.name, log.TRANSACTION)
	return doc


def mode_change(item: str, company: str, to_mode: str):
	"""A Tracking Mode Change, converted at once; its two Stock Entries are logged as derived."""
	doc = frappe.get_doc(
		{"doctype": "Tracking Mode Change", "item_code": item, "company": company, "to_mode": to_mode}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	doc.submit()
	doc.reload()
	# the change links to its entries: logged first, they are deleted after it
	for entry in (doc.issue_entry, doc.receipt_entry):
		log.record("Stock Entry", entry, log.DERIVED)
	log.record("Tracking Mode Change", doc.name, log.TRANSACTION)
	return doc


def warranty_claim(fields: dict):
	doc = frappe.get_doc({"doctype": "Warranty Claim", "complaint_date": nowdate(), **fields})
	doc.flags.ignore_permissions = True
	doc.insert()
	log.record("Warranty Claim", doc.name, log.TRANSACTION)
	return doc
