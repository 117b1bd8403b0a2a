"""Checkpoints (signed, chained, exported, proofs), key epochs, unkeyed events from before the key."""

import json
import os
import tempfile
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from serial_tracking.audit import checkpoints, event_store, keys, verifier
from serial_tracking.audit.core import checkpoint as core
from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.platform.messages import SerialTrackingError
from serial_tracking.tests import factories as f
from serial_tracking.tests import refusals
from serial_tracking.tests.test_audit_attacks import chain, kinds, unit_with_history
from serial_tracking.tests.trail import EVENT_DOCTYPE, serialized_item


def checkpoint_problems(result) -> set[str]:
	return {p.kind for p in result.problems if p.serial_no is None}


class TestCheckpoints(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def setUp(self):
		self.unit = unit_with_history(2)
		self.written = checkpoints.write(commit=False)
		self.number = self.written["number"]

	def tearDown(self):
		frappe.db.rollback()  # each attack on its own: nothing it did reaches the next test

	def test_a_checkpoint_is_signed_chained_and_exports_as_small_json(self):
		exported = checkpoints.export(self.number)
		statement, signature, public = core.parse(json.dumps(exported))
		self.assertTrue(core.signature_valid(statement, signature, public))
		self.assertEqual(public, keys.ring().epoch(statement.epoch).public_key)
		self.assertLess(len(json.dumps(exported)), 1000)
		if self.number > 1:
			before = checkpoints.statement_of(checkpoints.latest(self.number - 1))
			self.assertEqual(statement.previous, before.digest())
		self.assertEqual(checkpoint_problems(verifier.verify_trail(against=exported)), set())

	def test_a_units_inclusion_proof_checks_without_the_database(self):
		document = checkpoints.proof(self.unit)
		statement, signature, public = core.parse(document["checkpoint"])
		self.assertTrue(core.signature_valid(statement, signature, public))
		self.assertTrue(core.proof_holds(document["proof"], statement))
		self.assertEqual(document["proof"]["seq"], 2)
		self.assertFalse(core.proof_holds({**document["proof"], "seal": "0" * 64}, statement))
		refusals.refused(self, SerialTrackingError, lambda: checkpoints.proof("no-such-unit"), "no-such-unit")

	def test_altered_heads_and_checkpoints_are_caught(self):
		frappe.db.sql(
			"update `tabSerial Audit Checkpoint Head` set seq=1 where serial_no=%s and checkpoint=%s",
			(self.unit, self.number),
		)
		self.assertIn(verification.CHECKPOINT_ROOT, checkpoint_problems(verifier.verify_trail()))
		# never builds on altered heads
		refusals.refused(self, SerialTrackingError, lambda: checkpoints.write(commit=False), "do not add up")
		frappe.db.rollback()

	def test_a_checkpoint_altered_or_forged_in_the_database_is_caught(self):
		exported = checkpoints.export(self.number)
		frappe.db.sql("update `tabSerial Audit Checkpoint` set events=events-1 where number=%s", self.number)
		result = verifier.verify_trail(against=exported)
		self.assertTrue(
			{verification.CHECKPOINT_SIGNATURE, verification.CHECKPOINT_MISSING}
			<= checkpoint_problems(result)
		)
		forger = bytes(32)
		statement = checkpoints.statement_of(checkpoints.latest(self.number))
		frappe.db.sql(
			"update `tabSerial Audit Checkpoint` set signature=%s, public_key=%s where number=%s",
			(core.sign(statement, forger), core.public_key(forger), self.number),
		)
		self.assertIn(verification.CHECKPOINT_KEY, checkpoint_problems(verifier.verify_trail()))

	def test_a_deleted_checkpoint_is_caught(self):
		second = checkpoints.write(commit=False)["number"]
		exported = checkpoints.export(second)
		frappe.db.sql("delete from `tabSerial Audit Checkpoint` where number=%s", second)
		result = verifier.verify_trail(against=exported)
		self.assertEqual(result.checkpoint, second)
		self.assertIn(verification.CHECKPOINT_MISSING, checkpoint_problems(result))
		self.assertEqual(checkpoints.write(commit=False)["number"], second, "its number is taken again")
		self.assertIn(
			verification.CHECKPOINT_MISSING, checkpoint_problems(verifier.verify_trail(against=exported))
		)
		checkpoints.write(commit=False)
		# a hole in the middle
		frappe.db.sql("delete from `tabSerial Audit Checkpoint` where number=%s", second)
		self.assertIn(verification.CHECKPOINT_GAP, checkpoint_problems(verifier.verify_trail()))

	def test_a_file_that_is_not_a_checkpoint_is_refused_clearly(self):
		from serial_tracking.api.audit import verify

		refusals.refused(
			self, SerialTrackingError, lambda: verify(self.unit, checkpoint="{not json"), "not a checkpoint"
		)

	def test_desk_verification_names_the_checkpoint(self):
		from serial_tracking.api.audit import verify

		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s and seq=2", self.unit)
		result = verify(self.unit)
		self.assertEqual((result["broken_units"], result["checkpoint"]), (1, self.number))
		self.assertIn(str(self.number), result["problems"][0]["message"])


class TestKeys(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_rotation_starts_a_new_epoch_and_earlier_events_keep_verifying(self):
		old = unit_with_history(2)
		before = keys.ring().current.number
		epoch = keys.start_epoch()
		self.assertGreater(epoch.number, before)
		self.assertIsNotNone(keys.ring().epoch(before).retired)
		new = unit_with_history(1)
		self.assertEqual({r["key_epoch"] for r in chain(new)}, {epoch.number})
		self.assertEqual({r["key_epoch"] for r in chain(old)}, {before})
		self.assertEqual(verifier.verify_chains([old, new]), [])
		written = checkpoints.write(commit=False)
		self.assertEqual(checkpoints.latest(written["number"]).key_epoch, epoch.number)

	def test_unkeyed_events_from_before_the_key_verify_and_are_reported_as_such(self):
		item = serialized_item()
		f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		frappe.db.sql("delete from `tabSerial Audit Event` where serial_no=%s", unit)
		since = get_datetime(keys.ring().keyed_since)
		event = unit_chain.Event(
			unit, item.name, "Received", since, "Administrator", since - timedelta(days=1)
		)
		event, _head = unit_chain.append(event, unit_chain.Head())  # as the app sealed before it had a key
		event_store.write([event])
		# as on a site upgraded from before keyed seals: its first checkpoint, written by the upgrade,
		# covers the events sealed without a key (here the site's checkpoints start again, undone after)
		frappe.db.sql("delete from `tabSerial Audit Checkpoint Head`")
		frappe.db.sql("delete from `tabSerial Audit Checkpoint`")
		self.assertEqual(checkpoints.write(commit=False)["number"], 1)
		result = verifier.verify_trail([unit])
		self.assertEqual((result.problems, result.unkeyed), ([], 1))
		report = verifier.report(result)
		self.assertIn(str(since.date()), report["unkeyed"])

	def test_a_site_without_its_key_refuses_to_write_the_trail(self):
		with tempfile.TemporaryDirectory() as folder:
			os.environ[keys.ENVIRONMENT] = os.path.join(folder, "{site}.json")
			try:
				self.assertEqual(keys.path(), os.path.join(folder, f"{frappe.local.site}.json"))
				item = serialized_item()
				refusals.refused(
					self, SerialTrackingError, lambda: f.purchase_receipt(item.name, 1), "key is missing"
				)
				frappe.db.rollback()
				self.assertEqual(frappe.db.count(EVENT_DOCTYPE, {"item_code": item.name}), 0)
				epoch = keys.start_epoch()  # a new epoch, numbered after every epoch the trail knows
				self.assertGreater(epoch.number, keys.highest_epoch() - 1)
				self.assertEqual(oct(os.stat(keys.path()).st_mode & 0o777), "0o600")
				self.assertTrue(keys.remove())  # what uninstall does
				self.assertFalse(os.path.exists(keys.path()))
			finally:
				del os.environ[keys.ENVIRONMENT]
		self.assertTrue(keys.ring().epochs, "the site's own key is untouched")

	def test_backfill_seals_with_the_current_key(self):
		item = f.make_item(has_serial_no=1, serial_no_series=f"KB{frappe.generate_hash(length=5)}-.####")
		with f.app_hooks(False):
			f.purchase_receipt(item.name, 1)
		[unit] = f.serials_of(item.name)
		from serial_tracking.audit.backfill import backfill_units

		backfill_units([unit])
		self.assertEqual({r["key_epoch"] for r in chain(unit)}, {keys.ring().current.number})
		self.assertEqual(kinds(verifier.verify_chains([unit])), set())
