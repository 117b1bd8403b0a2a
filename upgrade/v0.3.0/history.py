"""A shop's history on serial_tracking v0.3.0 (f8587b7, 2026-12-02): v0.2.0's (upgrade/v0.2.0/history.py,
itself v0.1.0's and more), sealed now under the site's audit key, and what v0.3.0 added: a signed
checkpoint and a second key epoch, an assembly of serialized components (Manufacture) and a repair that
swaps one of them (Maintenance Visit part swaps), units ERPNext reserves for a Sales Order (Stock
Reservation Entry), a counting schedule on a warehouse and an item group, and an approved Unit Count.
The demo loader v0.3.0 brought is not run: an upgrade must not load it either.

On ERPNext 16 the administrator first turns on Stock Settings' "Enable Serial / Batch No for Item",
which a new ERPNext 16 site has off and v0.3.0 did not turn on (v0.4.0's install and patch do).
"""

import records as r

import frappe

BOARD, KIT = "UPG-BOARD", "UPG-KIT"
TOOLS = "Upgrade Power Tools"


def make() -> None:
	switch = "enable_serial_and_batch_no_for_item"
	if frappe.get_meta("Stock Settings").has_field(switch):
		frappe.db.set_single_value("Stock Settings", switch, 1)
		frappe.db.set_default(switch, 1)
		frappe.db.commit()
	base = r.history_of("v0.1.0")
	r.history_of("v0.2.0").make()
	w = r.world()
	audit()
	assembly(w)
	repair(w)
	reservation(w, base.ESPRESSO)
	counting(w)
	frappe.db.commit()


def audit() -> None:
	"""A checkpoint over the chains so far, then a new key epoch: what follows is sealed with it."""
	from serial_tracking.services import audit_checkpoint, audit_keys

	audit_checkpoint.write()
	audit_keys.start_epoch()
	frappe.db.commit()


def assembly(w) -> None:
	"""Boards bought under a vendor warranty, two of them built into a kit that is sold."""
	serialized = {"st_tracking_mode": "Serialized", "st_serial_source": "Generate when left blank"}
	r.item(BOARD, st_series_template="BRD-{####}", st_vendor_warranty_days=365, **serialized)
	r.item(KIT, st_series_template="KIT-{###}", **serialized)
	r.purchase_receipt([r.line(BOARD, 3, 100, w.stores)], days_ago=2)
	boards = r.serials_of(BOARD)
	r.stock_entry(
		"Manufacture",
		[
			{
				"item_code": BOARD,
				"qty": 2,
				"s_warehouse": w.stores,
				"serial_no": "\n".join(boards[:2]),
				"use_serial_batch_fields": 1,
			},
			{"item_code": KIT, "qty": 1, "t_warehouse": w.stores, "is_finished_item": 1},
		],
		days_ago=1,
	)
	frappe.db.commit()
	[kit] = r.serials_of(KIT)
	r.voucher(
		"Delivery Note", [r.line(KIT, 1, 400, w.stores, serials=[kit])], days_ago=None, customer=r.CUSTOMER
	)


def repair(w) -> None:
	"""The customer's kit repaired: a board taken out to the repair bench, the spare one fitted."""
	[kit] = frappe.get_all("Serial No", {"item_code": KIT}, pluck="name")
	taken = frappe.get_all("Serial No", {"item_code": BOARD}, pluck="name", order_by="name")[0]  # in the kit
	spare = r.serials_of(BOARD)[0]  # the one in stock
	frappe.get_doc(
		{
			"doctype": "Maintenance Visit",
			"customer": r.CUSTOMER,
			"company": w.company,
			"mntc_date": frappe.utils.nowdate(),
			"completion_status": "Fully Completed",
			"maintenance_type": "Unscheduled",
			"purposes": [
				{
					"item_code": KIT,
					"serial_no": kit,
					"description": "Repair",
					"work_done": "Board swapped",
					"service_person": r.SALES_PERSON,
				}
			],
			"st_part_swaps": [
				{"unit": kit, "part_removed": taken, "removed_to": w.repair, "part_fitted": spare}
			],
		}
	).insert().submit()
	frappe.db.commit()


def reservation(w, espresso: str) -> None:
	"""A Sales Order that reserves an espresso machine by serial (ERPNext's stock reservation)."""
	settings = frappe.get_single("Stock Settings")
	settings.enable_stock_reservation = 1
	settings.auto_reserve_serial_and_batch = 1
	settings.save()
	r.voucher(
		"Sales Order",
		[{"item_code": espresso, "qty": 1, "rate": 820, "warehouse": w.stores}],
		days_ago=None,
		customer=r.CUSTOMER_2,
		transaction_date=frappe.utils.nowdate(),
		delivery_date=frappe.utils.add_days(frappe.utils.nowdate(), 7),
		reserve_stock=1,
	)


def counting(w) -> None:
	"""Stores counted every 30 days, power tools every 60; the power tools in Stores counted today."""
	from serial_tracking.api import unit_count

	frappe.db.set_value(
		"Warehouse", w.stores, {"st_count_every_days": 30, "st_count_reminder_to": "Administrator"}
	)
	frappe.db.set_value("Item Group", TOOLS, "st_count_every_days", 60)
	count = frappe.get_doc(
		{"doctype": "Unit Count", "company": w.company, "warehouse": w.stores, "item_group": TOOLS}
	).insert()
	frappe.db.commit()
	expected = frappe.get_all("Unit Count Unit", {"unit_count": count.name, "expected": 1}, pluck="serial_no")
	for serial in expected:
		unit_count.scan(count.name, serial, "Good")
	unit_count.close(count.name)
	unit_count.approve(count.name)
	frappe.db.commit()
