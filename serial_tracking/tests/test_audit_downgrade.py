"""What an attacker with the database (not the key) can try beyond rewriting events: pass events off as
sealed before the site had a key, hide a truncation by deleting the unit's checkpoint head too, or delete
the checkpoints themselves and leave the auditor only the exported file."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from serial_tracking.audit import checkpoints, keys, verifier
from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.tests import factories as f
from serial_tracking.tests.test_audit_attacks import chain, kinds, rewrite, unit_with_history


def downgrade(serial: str, recorded_at) -> None:
	"""Re-seal the unit's whole chain with the plain (unkeyed) seal, epoch 0, recorded at ``recorded_at``:
	what the app's own code does for events from before keyed seals."""
	frappe.db.sql(
		"update `tabSerial Audit Event` set recorded_at=%s where serial_no=%s", (recorded_at, serial)
	)
	previous = ""
	rows = chain(serial)  # as the database writes them (the seal's canonical form)
	for row in rows:
		row.update(key_epoch=0, previous_hash=previous)
		row["hash"] = previous = unit_chain.seal(row)
	rewrite(serial, rows)


class TestDowngradeAndHiddenTruncation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def tearDown(self):
		frappe.db.rollback()

	def test_events_after_the_latest_checkpoint_cannot_pass_as_unkeyed(self):
		unit_with_history(2)
		checkpoints.write(commit=False)
		late = unit_with_history(2)  # received after the latest checkpoint
		before_the_key = get_datetime(keys.ring().keyed_since) - timedelta(days=30)
		downgrade(late, before_the_key)
		problems = verifier.verify_chains([late])
		self.assertIn(verification.UNKEYED_UNCOVERED, kinds(problems, late), problems)
		report = verifier.report(verifier.verify_trail([late]))
		self.assertTrue(report["problems"])

	def test_the_key_ring_bounds_the_unkeyed_era(self):
		unit = unit_with_history(2)
		checkpoints.write(commit=False)
		path, original = keys.path(), keys.ring()
		counted = keys.unkeyed_events()
		try:
			keys.save(original.with_unkeyed_events(counted))
			downgrade(unit, get_datetime(original.keyed_since) - timedelta(days=30))
			result = verifier.verify_trail()
			grew = [p for p in result.problems if p.kind == verification.UNKEYED_GREW]
			self.assertEqual([(p.seq, p.expected) for p in grew], [(counted + 2, counted)])
		finally:
			keys.save(original)
		self.assertEqual(keys.ring(), original, path)

	def test_a_truncation_hidden_by_deleting_the_units_head_is_caught_for_the_unit(self):
		unit = unit_with_history(3)
		number = checkpoints.write(commit=False)["number"]
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=3", unit)
		frappe.db.sql("delete from `tabSerial Audit Checkpoint Head` where serial_no=%s", unit)
		problems = verifier.verify_chains([unit])
		self.assertIn(
			(verification.CHECKPOINT_ROOT, number), {(p.kind, p.checkpoint) for p in problems}, problems
		)
		result = verifier.report(verifier.verify_trail([unit]))
		self.assertTrue(result["problems"], "Verify History says so too")

	def test_with_only_the_auditors_file_left_the_verifier_says_what_it_can_tell(self):
		unit = unit_with_history(3)
		exported = checkpoints.export(checkpoints.write(commit=False)["number"])
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=3", unit)
		frappe.db.sql("delete from `tabSerial Audit Checkpoint Head`")
		frappe.db.sql("delete from `tabSerial Audit Checkpoint`")
		result = verifier.verify_trail(against=exported)
		found = kinds(result.problems)
		self.assertTrue({verification.CHECKPOINT_MISSING, verification.FEWER} <= found, found)
		report = verifier.report(result)
		self.assertEqual(report["checkpoint"], exported["number"])
		self.assertTrue(report["limits"], "it says what cannot be told")
