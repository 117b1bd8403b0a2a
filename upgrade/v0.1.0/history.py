"""Three months of a shop's life on serial_tracking v0.1.0 (202b0e8, 2026-11-21), the first installable
release: what an administrator's site holds when they upgrade from it.

Made through ERPNext's documents (dated over the last 80 days, in order) and the release's own actions of
today (unit actions, a tracking mode change, the daily job), using only what v0.1.0 had: tracking modes,
series templates with check digits, maker serials, the audit trail, unit lifecycle, maintenance plans
and warranties (item and item group), per-unit income and cost lines, the Tracking Mode Change, the
daily reminders (ToDos marked in their description), Serial Tracking Settings. Kept with the release it
targets (not with today's code), so it stays valid whatever the app becomes.
"""

import records as r

import frappe

SERIALIZED, QUANTITY = "Serialized", "Quantity"
BLANK, MANUAL = "Generate when left blank", "Enter or scan"
LAPTOP, DRILL, ESPRESSO, PROJECTOR = "UPG-LAPTOP", "UPG-DRILL", "UPG-ESPRESSO", "UPG-PROJECTOR"
SCANNER, SOUP, RENTAL, REPAIR = "UPG-SCANNER", "UPG-SOUP", "UPG-RENTAL-DAY", "UPG-REPAIR-SERVICE"
TOOLS = "Upgrade Power Tools"


def make() -> dict:
	frappe.set_user("Administrator")
	w = r.world()
	catalogue()
	settings()
	history = receipts_and_moves(w)
	sales_and_service(w, history)
	frappe.db.commit()
	today(w, history)
	frappe.db.commit()
	return history


def catalogue() -> None:
	"""Items as v0.1.0 knew them: modes, serial sources, templates, plans, warranties, a group default."""
	r.item_group(TOOLS, st_customer_warranty_days=730, st_series_template="{GROUP}-{YY}-{####}")
	r.item(
		LAPTOP,
		st_tracking_mode=SERIALIZED,
		st_serial_source=BLANK,
		st_series_template="{ITEM}-{YY}{MM}-{####}{CHECK:MOD37_36}",
		st_customer_warranty_days=365,
		st_vendor_warranty_days=180,
	)
	r.item(
		DRILL,
		group=TOOLS,
		st_tracking_mode=SERIALIZED,
		st_serial_source=BLANK,
		st_series_template="{YY}{#####}{CHECK:LUHN}",
	)
	r.item(
		ESPRESSO,
		st_tracking_mode=SERIALIZED,
		st_serial_source=BLANK,
		st_series_template="ESP-{###}",
		st_maintenance_periodicity="Monthly",
		st_maintenance_visits=3,
		st_vendor_warranty_days=90,
	)
	r.item(PROJECTOR, st_tracking_mode=SERIALIZED, st_serial_source=MANUAL)
	r.item(SCANNER, st_tracking_mode=QUANTITY, st_series_template="SCN-{####}")
	r.item(SOUP, st_tracking_mode=QUANTITY)
	for service in (RENTAL, REPAIR):
		r.item(service, is_stock_item=0, st_tracking_mode=QUANTITY)


def settings() -> None:
	"""The administrator saved the settings once, with their own label width."""
	doc = frappe.get_single("Serial Tracking Settings")
	doc.label_width_mm = 50
	doc.save()


def receipts_and_moves(w) -> dict:
	h = frappe._dict()
	r.purchase_receipt(
		[
			r.line(LAPTOP, 6, 900, w.stores),
			r.line(DRILL, 4, 120, w.stores, st_maker_serials="\n".join(f"MK-DR-{i}" for i in range(1, 5))),
			r.line(SOUP, 100, 1.25, w.stores),
		],
		days_ago=80,
	)
	r.purchase_invoice([r.line(ESPRESSO, 4, 450, w.stores)], days_ago=78, update_stock=1)
	h.projectors = [f"UPG-PRJ-{i:03d}" for i in range(1, 4)]
	r.stock_entry(
		"Material Receipt",
		[
			{
				"item_code": PROJECTOR,
				"qty": 3,
				"t_warehouse": w.stores,
				"basic_rate": 700,
				"serial_no": "\n".join(h.projectors),
				"use_serial_batch_fields": 1,
			},
			{"item_code": SCANNER, "qty": 10, "t_warehouse": w.stores, "basic_rate": 60},
		],
		days_ago=76,
	)
	h.laptops = r.serials_of(LAPTOP)
	h.drills = r.serials_of(DRILL)
	h.espressos = r.serials_of(ESPRESSO)
	r.transfer(LAPTOP, h.laptops[:2], w.stores, w.shop, days_ago=70)
	return h


def sales_and_service(w, h) -> None:
	from erpnext.stock.doctype.delivery_note.delivery_note import make_sales_invoice

	sold = r.delivery_note(
		[
			r.line(LAPTOP, 2, 1400, w.shop, serials=h.laptops[:2]),
			r.line(DRILL, 1, 190, w.stores, serials=h.drills[:1]),
			r.line(SOUP, 20, 2.5, w.stores),
		],
		days_ago=60,
	)
	invoice = make_sales_invoice(sold.name)
	invoice.update(r.dated(55))
	invoice.insert()
	invoice.submit()
	frappe.db.commit()
	r.sales_invoice(
		[r.line(DRILL, 1, 195, w.stores, serials=h.drills[1:2]), r.line(SCANNER, 2, 95, w.stores)],
		days_ago=50,
		customer=r.CUSTOMER_2,
		update_stock=1,
	)
	# espresso machines with a monthly plan: one schedule per unit, visits from the delivery on
	a, b, c = h.espressos[:3]
	r.delivery_note([r.line(ESPRESSO, 1, 800, w.stores, serials=[a])], days_ago=45)
	returned = r.delivery_note(
		[r.line(ESPRESSO, 1, 800, w.stores, serials=[b])], days_ago=42, customer=r.CUSTOMER_2
	)
	frappe.get_doc(
		{
			"doctype": "Stock Reconciliation",
			"purpose": "Stock Reconciliation",
			"company": w.company,
			**r.dated(40),
			"items": [{"item_code": SOUP, "warehouse": w.stores, "qty": 78, "valuation_rate": 1.25}],
		}
	).insert().submit()
	frappe.db.commit()
	h.supplier_return = r.purchase_receipt([r.line(DRILL, 1, 118, w.stores)], days_ago=30).name
	r.delivery_note([r.line(ESPRESSO, 1, 800, w.stores, serials=[c])], days_ago=26)
	visit(a, days_ago=14)
	r.return_of("Delivery Note", returned.name, days_ago=10)  # the visit due 12 days ago was missed
	r.purchase_invoice(  # a repair bought for a laptop: its cost of unit
		[{"item_code": REPAIR, "qty": 1, "rate": 85, "st_serial_no": h.laptops[3]}], days_ago=8
	)
	r.sales_invoice(  # five days' rent of a projector: its income of unit
		[{"item_code": RENTAL, "qty": 5, "rate": 40, "st_serial_no": h.projectors[0]}],
		days_ago=6,
		customer=r.CUSTOMER_2,
	)
	moved = r.transfer(LAPTOP, h.laptops[2:3], w.stores, w.repair, days_ago=5)
	moved.cancel()  # a cancelled voucher: reversing events
	frappe.db.commit()
	r.return_of("Purchase Receipt", h.supplier_return, days_ago=3)


def visit(serial: str, days_ago: int) -> None:
	"""An unscheduled service visit with its labour and parts cost and the unit's condition after it."""
	frappe.get_doc(
		{
			"doctype": "Maintenance Visit",
			"customer": r.CUSTOMER,
			"company": r.world_company(),
			"mntc_date": r.dated(days_ago)["posting_date"],
			"completion_status": "Fully Completed",
			"maintenance_type": "Unscheduled",
			"purposes": [
				{
					"item_code": ESPRESSO,
					"serial_no": serial,
					"description": "Descaling",
					"work_done": "Descaled, seals replaced",
					"service_person": r.SALES_PERSON,
					"st_labour_cost": 60,
					"st_parts_cost": 25,
					"st_condition": "Good",
				}
			],
		}
	).insert().submit()
	frappe.db.commit()


def today(w, h) -> None:
	"""What the desk's unit actions, a mode change and the daily job did today."""
	from frappe.utils import add_days, nowdate

	from serial_tracking import tasks
	from serial_tracking.api.mode_change import convert
	from serial_tracking.api.unit import act

	laptops, drills = h.laptops, h.drills
	act(
		[laptops[2]],
		"Check Out",
		custodian_type="Employee",
		custodian=w.employee,
		due_date=add_days(nowdate(), -2),
	)
	act(
		[h.projectors[1]],
		"Check Out",
		custodian_type="Customer",
		custodian=r.CUSTOMER_2,
		due_date=add_days(nowdate(), 7),
	)
	act([laptops[3]], "Send to Repair")
	act([laptops[3]], "Back from Repair", condition="Good")
	act([laptops[4]], "Send to Repair")
	act([laptops[5]], "Reserve")
	act([laptops[5]], "Condition Changed", condition="Fair", remarks="scratched lid")
	act([drills[2]], "Mark Lost")
	act([drills[3]], "Mark Lost")
	act([drills[3]], "Mark Found")
	act([h.projectors[2]], "Retire", remarks="lamp housing cracked")
	change = frappe.get_doc(
		{"doctype": "Tracking Mode Change", "item_code": SCANNER, "company": w.company, "to_mode": SERIALIZED}
	).insert()
	convert(change.name)
	frappe.db.commit()
	scanner = r.serials_of(SCANNER)[0]
	r.voucher(
		"Delivery Note",
		[r.line(SCANNER, 1, 99, frappe.db.get_value("Serial No", scanner, "warehouse"), serials=[scanner])],
		days_ago=None,
		customer=r.CUSTOMER,
	)
	tasks.daily()  # reminders: the overdue check-out, overdue and due visits
