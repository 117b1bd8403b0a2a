"""The steps of an RMA, each through ERPNext documents (which the RMA names, and whose cancel undoes the
step, :mod:`~serial_tracking.customers.rma`):

* **receive**: a Material Receipt of the customer's unit into the service warehouse at no value (it stays
  theirs: *Received for Service*, the unit *In Service*);
* **diagnose**: its condition and notes (a *Condition Changed* event);
* **repair**: a Maintenance Visit on it (labour, parts, part swaps: its cost per unit), submitted;
* **return**: a Delivery Note at no charge gives it back (*Returned after Service*);
* **exchange**: a Delivery Note at no charge gives the customer a replacement (*Delivered*, and *Exchanged
  From* the defective unit), whose warranty carries over; the defective unit leaves its customer
  (*Exchanged For*, a Material Issue at no value) and comes in as ours (*Received in Exchange*, a Material
  Receipt at zero or the salvage rate);
* **return to supplier**: a return of the receipt it came in on (a Purchase Return), within the vendor
  warranty, or after a warning outside it.

Every step locks the units it moves first (:func:`~serial_tracking.concurrency.locks.lock`).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate, now_datetime, nowdate, nowtime

from erpnext.support.doctype.warranty_claim.warranty_claim import make_maintenance_visit

from serial_tracking.actions import unit_actions
from serial_tracking.audit import event_store, keys, trail
from serial_tracking.audit.core import unit_chain
from serial_tracking.concurrency import locks
from serial_tracking.customers import ownership, rma, settings
from serial_tracking.customers.core import rma as core
from serial_tracking.customers.core import warranty
from serial_tracking.genealogy import part_swaps
from serial_tracking.maintenance import schedules, warranties
from serial_tracking.maintenance.core import visit_dates
from serial_tracking.maintenance.plans import item_plans
from serial_tracking.platform.messages import rules_as_messages
from serial_tracking.units.core import ledger, lifecycle


def receive(name: str) -> str:
	"""Take the customer's unit into the service warehouse; the Stock Entry's name."""
	doc = rma.locked(name)
	to = rma.begin(doc, core.RECEIVE)
	locks.lock([doc.serial_no])
	unit = ownership.unit(doc.serial_no, doc.customer)
	with rules_as_messages():
		core.check_receivable(unit, doc.name, holding=ownership.open_rma(doc.serial_no, but=doc.name))
		core.check_claimable(unit, doc.customer)
	row = {"t_warehouse": settings.of(doc.company).service(), "basic_rate": 0, "allow_zero_valuation_rate": 1}
	entry = stock_entry(doc, ledger.RECEIVED_FOR_SERVICE, [(doc.serial_no, unit.item_code, row)])
	rma.keep_theirs(doc)
	doc.received_on = now_datetime()
	rma.log(doc, core.RECEIVE, to, ("Stock Entry", entry))
	return entry


def diagnose(name: str, condition: str, notes: str | None = None) -> None:
	"""Record what was found: the unit's condition (in its history) and the notes."""
	doc = rma.locked(name)
	to = rma.begin(doc, core.DIAGNOSE)
	before = frappe.db.get_value("Serial No", doc.serial_no, "st_condition")
	unit_actions.set_condition(
		[doc.serial_no], condition, remarks=f"{doc.name}: {notes}" if notes else doc.name
	)
	doc.condition, doc.diagnosis = condition, notes
	rma.log(doc, core.DIAGNOSE, to, notes=notes, condition_before=before)


def repair_visit(name: str) -> Document:
	"""A Maintenance Visit (not saved) for the repair, from the claim: the unit on its line, the RMA named;
	fill in the work, labour, parts and part swaps and submit it."""
	doc = frappe.get_doc("RMA", name)
	rma.begin(doc, core.REPAIR)
	visit = make_maintenance_visit(doc.warranty_claim)
	if not visit:
		frappe.throw(_("Warranty Claim {0} has a completed visit already.").format(doc.warranty_claim))
	visit.st_rma = doc.name
	visit.company = doc.company
	visit.maintenance_type = "Breakdown"
	visit.completion_status = "Fully Completed"
	visit.mntc_date = nowdate()
	for purpose in visit.purposes:
		purpose.serial_no, purpose.item_code = doc.serial_no, doc.item_code
	return visit


def check_visit(visit: Document) -> None:
	"""A visit of an RMA repairs the RMA's unit, once it is diagnosed."""
	if not visit.get("st_rma"):
		return
	doc = frappe.get_doc("RMA", visit.st_rma)
	rma.begin(doc, core.REPAIR)
	if doc.serial_no not in {purpose.serial_no for purpose in visit.purposes}:
		frappe.throw(
			_("The visit of {0} repairs its unit {1}: name it on a line.").format(doc.name, doc.serial_no),
			title=_("RMA"),
		)


def visit_submitted(visit: Document) -> None:
	if not visit.get("st_rma"):
		return
	doc = rma.locked(visit.st_rma)
	to = rma.begin(doc, core.REPAIR)
	doc.maintenance_visit = visit.name
	doc.repair_cost = sum(
		flt(p.get("st_labour_cost")) + flt(p.get("st_parts_cost"))
		for p in visit.purposes
		if p.serial_no == doc.serial_no
	)
	rma.log(doc, core.REPAIR, to, ("Maintenance Visit", visit.name))


def give_back(name: str) -> str:
	"""Return the unit to its customer (repaired, or nothing found): a Delivery Note at no charge."""
	doc = rma.locked(name)
	to = rma.begin(doc, core.RETURN)
	locks.lock([doc.serial_no])
	unit = in_service(doc)
	note = delivery(doc, unit, ledger.RETURNED_AFTER_SERVICE)
	rma.keep_theirs(doc)
	rma.log(doc, core.RETURN, to, ("Delivery Note", note))
	return note


def exchange(name: str, replacement: str | None = None) -> str:
	"""Give the customer a replacement for their defective unit, which becomes ours; the delivery's name."""
	doc = rma.locked(name)
	to = rma.begin(doc, core.EXCHANGE)
	replacement = replacement or doc.replacement
	if not replacement:
		frappe.throw(_("Choose the replacement unit of {0}.").format(doc.name), title=_("RMA"))
	locks.lock([doc.serial_no, replacement])
	unit = in_service(doc)
	offered = ownership.unit(replacement)
	company = settings.of(doc.company)
	with rules_as_messages():
		core.check_replacement(ownership.unit(doc.serial_no), offered, company.other_items)
	other = frappe.db.get_value("Serial No", replacement, ["company", "warehouse"], as_dict=True)
	if other.company != doc.company:
		frappe.throw(
			_("Unit {0} belongs to another company.").format(frappe.bold(replacement)), title=_("RMA")
		)
	today = getdate(nowdate())
	# The replacement goes to the customer, named as given in exchange for their unit.
	note = delivery(
		doc, frappe._dict(item_code=offered.item_code, warehouse=other.warehouse), None, replacement
	)
	link_event(replacement, ledger.EXCHANGED_FROM, ("Delivery Note", note), doc.serial_no, doc.name)
	end = warranty.carried_over(
		company.carry_over,
		today,
		rma_date(doc.customer_warranty_expiry),
		item_days=customer_days(offered.item_code),
		minimum_days=company.minimum_days,
	)
	frappe.db.set_value("Serial No", replacement, "warranty_expiry_date", end, update_modified=False)
	# The defective unit leaves its customer and comes in as ours, at what the company says it is worth.
	remarks = _("Exchanged for {0} on {1}").format(replacement, doc.name)
	issue = stock_entry(
		doc, ledger.EXCHANGED_FOR, [(doc.serial_no, unit.item_code, {"s_warehouse": unit.warehouse})], remarks
	)
	value = warranty.salvage_value(company.valuation, unit_cost(doc.serial_no), company.salvage_percent)
	row = {
		"t_warehouse": company.taken_in(),
		"basic_rate": value,
		"allow_zero_valuation_rate": 0 if value else 1,
	}
	taken = stock_entry(
		doc, ledger.RECEIVED_IN_EXCHANGE, [(doc.serial_no, unit.item_code, row)], remarks, customer=False
	)
	ended = pending_visits(doc.serial_no)
	schedules.end_schedules([doc.serial_no], today)
	doc.replacement = replacement
	doc.exchange_delivery, doc.replacement_warranty_end, doc.salvage_value = note, end, value
	details = {"documents": [["Stock Entry", issue], ["Stock Entry", taken]], "ended_visits": ended}
	rma.log(doc, core.EXCHANGE, to, ("Delivery Note", note), details=details)
	return note


def to_supplier(name: str, confirm_out_of_warranty: bool = False) -> str:
	"""Send the defective unit (ours after an exchange) back to the supplier it came from, against the
	receipt it came in on; outside the vendor warranty only once the user confirms the warning."""
	doc = rma.locked(name)
	to = rma.begin(doc, core.TO_SUPPLIER)
	locks.lock([doc.serial_no])
	cover = vendor_cover(doc)
	if cover.status != visit_dates.UNDER and not confirm_out_of_warranty:
		frappe.throw(out_of_warranty(doc, cover), title=_("Out of Vendor Warranty"))
	back = part_swaps.return_to_supplier(doc.serial_no)
	# posted now (the return copies a receipt whose posting time was set by hand)
	back.update({"set_posting_time": 1, "posting_date": nowdate(), "posting_time": nowtime()})
	back.st_rma = doc.name
	back.remarks = _("Defective unit {0} of {1}").format(doc.serial_no, doc.name)
	back.flags.ignore_permissions = True
	back.insert()
	back.submit()
	if cover.status != visit_dates.UNDER:
		frappe.msgprint(out_of_warranty(doc, cover), title=_("Out of Vendor Warranty"), indicator="orange")
	doc.supplier_return_type, doc.supplier_return = back.doctype, back.name
	rma.log(doc, core.TO_SUPPLIER, to, (back.doctype, back.name), notes=cover.status)
	return back.name


def vendor_cover(doc: Document) -> frappe._dict:
	"""The defective unit's vendor warranty today, and the receipt to claim from."""
	expiry = frappe.db.get_value("Serial No", doc.serial_no, "st_vendor_warranty_expiry")
	return warranties.vendor_cover(doc.serial_no, expiry, getdate(nowdate()))


def out_of_warranty(doc: Document, cover) -> str:
	if cover.expiry:
		return _(
			"The vendor warranty of {0} ended on {1}: the supplier owes nothing for it. Return it anyway only if they agreed to take it back."
		).format(frappe.bold(doc.serial_no), frappe.format(cover.expiry, {"fieldtype": "Date"}))
	return _(
		"Unit {0} has no vendor warranty: the supplier owes nothing for it. Return it anyway only if they agreed to take it back."
	).format(frappe.bold(doc.serial_no))


# --- the documents ---------------------------------------------------------------------------------


def in_service(doc: Document) -> frappe._dict:
	"""The RMA's unit, which must be with us for service."""
	unit = frappe.db.get_value(
		"Serial No", doc.serial_no, ["item_code", "warehouse", "st_lifecycle_status"], as_dict=True
	)
	if unit.st_lifecycle_status != lifecycle.IN_SERVICE:
		frappe.throw(
			_("Unit {0} is {1}, not with us for service.").format(
				frappe.bold(doc.serial_no), _(unit.st_lifecycle_status or lifecycle.NOT_RECEIVED)
			),
			title=_("RMA"),
		)
	return unit


def stock_entry(doc: Document, intent: str, lines: list, remarks: str | None = None, customer=True) -> str:
	"""A submitted Stock Entry of the RMA's units (``lines``: serial, item, warehouse and rate fields)."""
	purpose = "Material Issue" if all(row.get("s_warehouse") for _s, _i, row in lines) else "Material Receipt"
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": doc.company,
			"posting_date": nowdate(),
			"st_unit_intent": intent,
			"st_rma": doc.name,
			"st_customer": doc.customer if customer else None,
			"remarks": remarks or _("{0} of {1}").format(_(intent), doc.name),
			"items": [
				{"item_code": item, "qty": 1, "serial_no": serial, "use_serial_batch_fields": 1, **row}
				for serial, item, row in lines
			],
		}
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	return entry.name


def delivery(doc: Document, unit, intent: str | None, serial: str | None = None) -> str:
	"""A submitted Delivery Note at no charge of one unit to the RMA's customer."""
	note = frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"company": doc.company,
			"customer": doc.customer,
			"posting_date": nowdate(),
			"st_unit_intent": intent,
			"st_rma": doc.name,
			"ignore_pricing_rule": 1,
			"remarks": _("{0} of {1}").format(_(intent or core.EXCHANGE), doc.name),
			"items": [
				{
					"item_code": unit.item_code,
					"qty": 1,
					"rate": 0,
					"price_list_rate": 0,
					"discount_percentage": 100,
					"warehouse": unit.warehouse,
					"serial_no": serial or doc.serial_no,
					"use_serial_batch_fields": 1,
				}
			],
		}
	)
	note.flags.ignore_permissions = True
	note.insert()
	note.submit()
	return note.name


def link_event(serial: str, kind: str, voucher: tuple[str, str], other: str, remarks: str) -> None:
	"""An event beside a voucher's movement that names the other unit (it moves nothing): reversed with
	the voucher's own events when the voucher is cancelled."""
	unit = frappe.db.get_value(
		"Serial No", serial, ["item_code", "warehouse", "st_lifecycle_status"], as_dict=True
	)
	head = trail.load_heads({serial}).get(serial, unit_chain.Head(status=unit.st_lifecycle_status))
	now = now_datetime()
	event = unit_chain.Event(
		serial_no=serial,
		item_code=unit.item_code,
		event=kind,
		posting=now,
		recorded_by=frappe.session.user,
		recorded_at=now,
		voucher_type=voucher[0],
		voucher_no=voucher[1],
		from_warehouse=unit.warehouse,
		to_warehouse=unit.warehouse,
		party_type="Serial No",
		party=other,
		status_after=head.status,
		remarks=remarks,
	)
	chained, _head = unit_chain.append(event, head, key=keys.current())
	event_store.write([chained])


def rma_date(value):
	return getdate(value) if value else None


def customer_days(item_code: str) -> int:
	"""The customer warranty of the item's own plan (days), for a full warranty of a replacement."""
	plan = item_plans({item_code}).get(item_code)
	return int(plan.group_customer_days or 0) if plan else 0


def unit_cost(serial: str) -> float:
	"""What the unit cost us when it came in from its supplier (its receipt's rate)."""
	event = frappe.qb.DocType(event_store.EVENT_DOCTYPE)
	rows = (
		frappe.qb.from_(event)
		.select(event.rate_in)
		.where((event.serial_no == serial) & (event.event == ledger.RECEIVED) & (event.rate_in > 0))
		.orderby(event.seq)
		.limit(1)
	).run()
	return flt(rows[0][0]) if rows else 0.0


def pending_visits(serial: str) -> list[str]:
	"""The unit's maintenance visits still due, which an exchange ends."""
	detail = frappe.qb.DocType("Maintenance Schedule Detail")
	parent = frappe.qb.DocType("Maintenance Schedule")
	return (
		frappe.qb.from_(detail)
		.join(parent)
		.on(parent.name == detail.parent)
		.select(detail.name)
		.where(
			(detail.serial_no == serial)
			& (detail.completion_status == "Pending")
			& (detail.st_ended == 0)
			& (parent.docstatus == 1)
		)
	).run(pluck=True)
