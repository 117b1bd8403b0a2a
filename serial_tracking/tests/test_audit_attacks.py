"""Someone with the database (and the app's code, but not its key) attacks the trail with direct SQL;
the verifier catches every attack, against the latest checkpoint, and the untouched trail verifies."""

import frappe
from frappe.tests.utils import FrappeTestCase

from serial_tracking.audit import checkpoints, keys, verifier
from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.platform import bulk_insert
from serial_tracking.tests import factories as f
from serial_tracking.tests.trail import EVENT_DOCTYPE, serial_row, serialized_item, stock_entry


def unit_with_history(events: int = 3) -> str:
	"""A unit with ``events`` events: received into Stores, then moved to the Shop and back."""
	item = serialized_item()
	f.purchase_receipt(item.name, 1)
	[unit] = f.serials_of(item.name)
	for n in range(events - 1):
		move(item.name, unit, *(("Stores", "Shop") if n % 2 == 0 else ("Shop", "Stores")))
	return unit


def move(item_code: str, unit: str, source: str, target: str) -> None:
	row = serial_row(item_code, [unit], s_warehouse=f.warehouse(source), t_warehouse=f.warehouse(target))
	stock_entry("Material Transfer", [row])


def chain(serial: str) -> list[dict]:
	return verifier.events(None, None, [serial])


def kinds(problems, serial=None) -> set[str]:
	return {p.kind for p in problems if serial is None or p.serial_no == serial}


def rewrite(serial: str, rows: list[dict]) -> None:
	"""Write ``rows`` back over the unit's events, by seq, straight to the database."""
	for row in rows:
		frappe.db.sql(
			"update `tabSerial Audit Event` set to_warehouse=%s, previous_hash=%s, hash=%s, key_epoch=%s,"
			" remarks=%s where serial_no=%s and seq=%s",
			(
				row["to_warehouse"],
				row["previous_hash"],
				row["hash"],
				row["key_epoch"],
				row["remarks"],
				serial,
				row["seq"],
			),
		)


class TestAttacks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		self.unit = unit_with_history(3)
		self.other = unit_with_history(2)
		self.checkpoint = checkpoints.write(commit=False)["number"]

	def tearDown(self):
		frappe.db.rollback()  # each attack on its own: nothing it did reaches the next test

	def verify(self, serials=None):
		return verifier.verify_chains(serials or [self.unit, self.other])

	def test_the_untouched_trail_verifies_clean_and_is_keyed(self):
		self.assertEqual(self.verify(), [])
		self.assertTrue(all(row["key_epoch"] for row in chain(self.unit)))
		result = verifier.verify_trail()
		mine = [p for p in result.problems if p.serial_no in (self.unit, self.other) or p.serial_no is None]
		self.assertEqual(mine, [])
		self.assertEqual(result.checkpoint, self.checkpoint)

	def test_deleting_the_last_event_is_caught_by_the_checkpoint(self):
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=3", self.unit)
		secrets = keys.ring().seal_secrets()
		self.assertEqual(verification.verify(chain(self.unit), secrets), [], "the chain alone still verifies")
		[problem] = self.verify()
		self.assertEqual(
			(problem.kind, problem.serial_no, problem.seq), (verification.TRUNCATED, self.unit, 3)
		)
		self.assertEqual((problem.expected, problem.checkpoint), (3, self.checkpoint))

	def test_deleting_a_middle_event_is_caught(self):
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=2", self.unit)
		problems = self.verify()
		self.assertEqual(kinds(problems), {verification.GAP, verification.UNLINKED})
		self.assertEqual({p.serial_no for p in problems}, {self.unit})

	def test_editing_and_recomputing_the_chain_without_the_key_is_caught(self):
		rows = chain(self.unit)
		rows[0]["to_warehouse"] = f.warehouse("Shop")
		for scheme in ("keep the epoch", "claim no key", "guess a key"):
			previous = ""
			for row in rows:
				row["previous_hash"] = previous
				if scheme == "claim no key":
					row["key_epoch"] = 0
				key = unit_chain.SealKey(row["key_epoch"], b"guess" * 8) if scheme == "guess a key" else None
				row["hash"] = previous = unit_chain.seal(row, key)
			rewrite(self.unit, rows)
			problems = self.verify()
			self.assertTrue(problems, scheme)
			self.assertEqual({p.serial_no for p in problems}, {self.unit}, scheme)
			found = kinds(problems)
			if scheme == "claim no key":  # sealed without a key after it began, or vouched for by nothing
				self.assertTrue({verification.UNKEYED_LATE, verification.UNKEYED_UNCOVERED} & found, found)
				self.assertIn(verification.DIVERGED, found)
			else:
				self.assertIn(verification.ALTERED, found, scheme)

	def test_inserting_a_forged_event_is_caught(self):
		head = chain(self.unit)[-1]
		for epoch, expected in (
			(0, verification.DOWNGRADED),
			(head["key_epoch"], verification.ALTERED),
			(99, verification.UNKNOWN_KEY),
		):
			forged = {
				**head,
				"seq": 4,
				"previous_hash": head["hash"],
				"remarks": "forged",
				"key_epoch": epoch,
			}
			forged["hash"] = unit_chain.seal(forged)
			columns = ["name", *verifier.READ]
			bulk_insert.insert(
				EVENT_DOCTYPE, columns, [(frappe.generate_hash(length=12), *(forged[c] for c in columns[1:]))]
			)
			self.assertIn(expected, kinds(self.verify(), self.unit))
			frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=4", self.unit)
		forged_middle = {**chain(self.unit)[1], "remarks": "inserted"}
		frappe.db.sql(
			"update `tabSerial Audit Event` set seq=seq+1 where serial_no=%s and seq>=2 order by seq desc",
			self.unit,
		)
		forged_middle["hash"] = unit_chain.seal(forged_middle)
		columns = ["name", *verifier.READ]
		bulk_insert.insert(
			EVENT_DOCTYPE,
			columns,
			[(frappe.generate_hash(length=12), *(forged_middle[c] for c in columns[1:]))],
		)
		self.assertTrue({verification.ALTERED, verification.UNLINKED} <= kinds(self.verify(), self.unit))

	def test_dropping_a_units_whole_chain_is_caught(self):
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s", self.unit)
		[problem] = self.verify()
		self.assertEqual(
			(problem.kind, problem.serial_no, problem.expected), (verification.VANISHED, self.unit, 3)
		)
		full = verifier.verify_trail()
		self.assertIn(verification.VANISHED, kinds(full.problems, self.unit))

	def test_swapping_two_events_is_caught(self):
		frappe.db.sql("update `tabSerial Audit Event` set seq=-1 where serial_no=%s and seq=2", self.unit)
		frappe.db.sql("update `tabSerial Audit Event` set seq=2 where serial_no=%s and seq=3", self.unit)
		frappe.db.sql("update `tabSerial Audit Event` set seq=3 where serial_no=%s and seq=-1", self.unit)
		problems = self.verify()
		self.assertTrue({verification.UNLINKED, verification.ALTERED} <= kinds(problems, self.unit))
		self.assertIn(verification.DIVERGED, kinds(problems, self.unit))

	def test_a_truncated_chain_that_grows_again_stays_caught_by_later_checkpoints(self):
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=3", self.unit)
		item = frappe.db.get_value("Serial No", self.unit, "item_code")
		move(item, self.unit, "Stores", "Shop")  # a new, properly sealed event #3
		written = checkpoints.write(commit=False)
		self.assertEqual(written["held"], [self.unit])
		problems = self.verify()
		self.assertEqual(
			[(p.kind, p.checkpoint) for p in problems], [(verification.DIVERGED, self.checkpoint)]
		)
