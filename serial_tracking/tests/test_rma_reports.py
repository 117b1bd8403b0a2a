"""The RMA reports: Open RMAs with their age; Defect Rate and Turnaround per item, supplier and receipt;
and Recall Trace from the receipts with returned defectives ("units from the same receipt as three
returned defectives")."""

from frappe.tests.utils import FrappeTestCase

from serial_tracking.customers import steps
from serial_tracking.serial_tracking.report.defect_rate_and_turnaround.defect_rate_and_turnaround import (
	execute as defects,
)
from serial_tracking.serial_tracking.report.open_rmas.open_rmas import execute as open_rmas
from serial_tracking.serial_tracking.report.recall_trace.recall_trace import execute as recall
from serial_tracking.tests import factories as f
from serial_tracking.tests import rma_helpers as h


class TestRMAReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		h.ensure_service_world()

	def test_open_rmas_defect_rates_and_the_recall_they_feed(self):
		item = f.make_item(**h.PLAN)
		receipt = f.purchase_receipt(item.name, 6, rate=h.COST)
		units = f.serials_of(item.name)
		sold, spare, kept = units[:4], units[4], units[5]
		f.voucher(
			"Sales Invoice",
			[f.line(item.name, 4, h.PRICE, serials=sold)],
			customer=f.CUSTOMER,
			update_stock=1,
		)
		exchanged, repaired, waiting, authorized = (h.open_rma(serial) for serial in sold)
		for doc in (exchanged, repaired, waiting):
			steps.receive(doc.name)
			steps.diagnose(doc.name, "Broken")
		steps.exchange(exchanged.name, spare)
		steps.give_back(repaired.name)

		_columns, rows, _message, chart = open_rmas({"item_code": item.name})
		self.assertEqual([r.name for r in rows], [waiting.name, authorized.name])
		self.assertEqual(
			[(r.status, r.age, r.days_with_us) for r in rows], [("Diagnosed", 0, 0), ("Authorized", 0, None)]
		)
		self.assertEqual(rows[0].last_step, "Diagnose")
		self.assertEqual(chart["data"]["datasets"][0]["values"][0], 2)

		# Per receipt: 5 units sold (the replacement too), 3 came back defective, 2 given back or exchanged.
		_columns, rows, _message, _chart = defects({"company": f.COMPANY, "group_by": "Receipt"})
		[mine] = [r for r in rows if r.key == receipt.name]
		self.assertEqual(
			(mine.receipt_type, mine.sold, mine.defective, mine.rate, mine.closed),
			("Purchase Receipt", 5, 3, 60.0, 2),
		)
		self.assertEqual(mine.longest, mine.average)  # closed the day they came in
		_columns, rows, _message, _chart = defects({"company": f.COMPANY, "group_by": "Item"})
		[by_item] = [r for r in rows if r.key == item.name]
		self.assertEqual((by_item.sold, by_item.defective), (5, 3))
		_columns, rows, _message, _chart = defects({"company": f.COMPANY, "group_by": "Supplier"})
		self.assertIn(f.SUPPLIER, [r.key for r in rows])
		_columns, rows, _message, _chart = defects(
			{"company": f.COMPANY, "group_by": "Receipt", "min_defectives": 3}
		)
		self.assertIn(receipt.name, [r.key for r in rows])
		self.assertTrue(all(r.defective >= 3 for r in rows))

		# Recall Trace from the receipts with three returned defectives: every unit of this receipt.
		_columns, rows = recall({"min_defectives": 3, "item_code": item.name})
		self.assertEqual(sorted(r["serial_no"] for r in rows), sorted(units))
		marked = {r["serial_no"]: r["defective_rma"] for r in rows if r["defective_rma"]}
		self.assertEqual(
			marked,
			{
				exchanged.serial_no: exchanged.name,
				repaired.serial_no: repaired.name,
				waiting.serial_no: waiting.name,
			},
		)
		self.assertNotIn(kept, marked)
