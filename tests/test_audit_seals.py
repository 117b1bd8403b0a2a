"""Keyed seals, key rings, the Merkle tree and its proofs, checkpoint statements (pure)."""

import hashlib
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from serial_tracking.audit.core import checkpoint as cp
from serial_tracking.audit.core import key_ring as keys
from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.units.core import ledger

T0 = datetime(2026, 11, 21, 9, 30)
NOW = datetime(2026, 11, 21, 9, 31, 2, 123456)
KEY = unit_chain.SealKey(1, b"k" * 32)


def chain(serial="A", steps=3, key=KEY, heads=None):
	heads = {} if heads is None else heads
	events = []
	for n in range(steps):
		line = ledger.LedgerLine(serial, "LAPTOP", f"row{n}", "Stores", ledger.IN, T0, 10.0)
		voucher = ledger.Voucher("Purchase Receipt", f"V-{n}", intent=ledger.RECEIVED)
		events += unit_chain.record_movements(
			ledger.movements([line]), heads, voucher, recorded_by="u", recorded_at=NOW, key=key
		)
	return [e.as_dict() for e in events]


class TestSealSchemes:
	def test_unkeyed_seal_is_the_earlier_plain_sha256_of_the_same_canonical_form(self):
		[event] = chain(steps=1, key=None)
		assert event["key_epoch"] == 0
		assert event["hash"] == hashlib.sha256(unit_chain.canonical(event).encode()).hexdigest()
		assert "key_epoch" not in unit_chain.HASHED, "old events' canonical form must not change"

	def test_keyed_seal_needs_the_key_and_covers_the_epoch(self):
		events = chain()
		assert {e["key_epoch"] for e in events} == {1}
		assert verification.verify(events, {1: KEY.secret}) == []
		assert [p.kind for p in verification.verify(events, {1: b"x" * 32})] == [verification.ALTERED] * 3
		assert [p.kind for p in verification.verify(events)] == [verification.UNKNOWN_KEY] * 3
		moved = [{**events[0], "key_epoch": 2}]
		assert verification.verify(moved, {1: KEY.secret, 2: KEY.secret})[0].kind == verification.ALTERED

	def test_a_rewrite_with_the_apps_own_unkeyed_seal_is_caught(self):
		events = chain()
		forged = dict(events[2], key_epoch=0, to_warehouse="Elsewhere")
		forged["hash"] = unit_chain.seal(forged)
		problems = verification.verify([*events[:2], forged], {1: KEY.secret})
		assert [p.kind for p in problems] == [verification.DOWNGRADED]

	def test_unkeyed_events_after_the_key_began_are_forged(self):
		events = chain(key=None)
		assert verification.verify(events, {}, keyed_since=datetime(2027, 1, 1)) == []
		problems = verification.verify(events, {}, keyed_since=datetime(2026, 1, 1))
		assert {p.kind for p in problems} == {verification.UNKEYED_LATE}

	def test_unkeyed_events_are_genuine_only_as_far_as_the_first_checkpoint_vouches(self):
		events = chain(key=None)  # recorded "before the key": the database's word, whoever wrote it
		early = datetime(2027, 1, 1)
		assert verification.verify(events, {}, keyed_since=early, covered=3) == []
		problems = verification.verify(events, {}, keyed_since=early, covered=1)
		assert [(p.kind, p.seq, p.expected) for p in problems] == [
			(verification.UNKEYED_UNCOVERED, 2, 1),
			(verification.UNKEYED_UNCOVERED, 3, 1),
		]
		assert {p.kind for p in verification.verify(events, {}, covered=0)} == {
			verification.UNKEYED_UNCOVERED
		}
		keyed = chain()
		assert verification.verify(keyed, {1: KEY.secret}, covered=0) == [], "keyed events need no voucher"

	def test_a_chain_may_go_from_unkeyed_to_keyed_and_through_epochs(self):
		heads = {}
		events = chain(steps=2, key=None, heads=heads)
		events += chain(steps=2, key=KEY, heads=heads)
		events += chain(steps=1, key=unit_chain.SealKey(2, b"z" * 32), heads=heads)
		assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
		assert verification.verify(events, {1: KEY.secret, 2: b"z" * 32}) == []


class TestKeyRing:
	def test_rotation_keeps_retired_epochs_and_never_reuses_a_number(self):
		ring = keys.KeyRing().with_new_epoch("2026-01-01", b"a" * 32, b"b" * 32)
		ring = ring.with_new_epoch("2026-06-01", b"c" * 32, b"d" * 32, at_least=5)
		assert [e.number for e in ring.epochs] == [1, 5]
		assert ring.current.number == 5 and ring.epochs[0].retired == "2026-06-01"
		assert ring.keyed_since == "2026-01-01"
		assert keys.loads(keys.dumps(ring)) == ring
		assert ring.seal_secrets() == {1: b"a" * 32, 5: b"c" * 32}

	def test_the_ring_keeps_how_many_events_were_unkeyed_when_it_began(self):
		ring = keys.KeyRing().with_new_epoch("2026-01-01", b"a" * 32, b"b" * 32).with_unkeyed_events(40)
		ring = ring.with_new_epoch("2026-06-01", b"c" * 32, b"d" * 32)
		assert ring.unkeyed_events == 40
		assert keys.loads(keys.dumps(ring)) == ring
		older = keys.dumps(keys.KeyRing().with_new_epoch("2026-01-01", b"a" * 32, b"b" * 32))
		assert "unkeyed_events" not in older and keys.loads(older).unkeyed_events is None

	def test_damaged_key_files_are_refused(self):
		for text in ("", "{}", '{"format": "serial-tracking-audit-keys/1", "epochs": [{"epoch": 1}]}'):
			with pytest.raises(keys.AuditKeyError):
				keys.loads(text)
		with pytest.raises(keys.AuditKeyError):
			assert keys.KeyRing().current


leaf_lists = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=70)


def reference_root(leaves):
	"""RFC 6962's MTH, written the recursive way."""
	if len(leaves) == 1:
		return leaves[0]
	k = cp.split(len(leaves))
	return cp.node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


class TestMerkle:
	@given(leaf_lists)
	def test_streamed_root_is_rfc6962(self, leaves):
		assert cp.merkle_root(leaves) == reference_root(leaves)

	@given(leaf_lists, st.data())
	@example([b"\x00" * 32] * 5, None)
	def test_every_leaf_has_a_proof_and_no_other_leaf_or_index_does(self, leaves, data):
		root = cp.merkle_root(leaves)
		index = data.draw(st.integers(0, len(leaves) - 1)) if data else 4
		path = cp.inclusion_proof(leaves, index)
		assert cp.verify_inclusion(leaves[index], index, len(leaves), path, root)
		assert not cp.verify_inclusion(b"\x01" * 32, index, len(leaves), path, root)
		assert not cp.verify_inclusion(leaves[index], len(leaves), len(leaves), path, root)
		if len(set(leaves)) == len(leaves) and len(leaves) > 1:
			other = (index + 1) % len(leaves)
			assert not cp.verify_inclusion(leaves[index], other, len(leaves), path, root)

	def test_leaf_and_node_hashes_are_domain_separated(self):
		a, b = cp.leaf_hash("A", 1, "s"), cp.leaf_hash("B", 2, "t")
		assert cp.merkle_root([a, b]) != cp.leaf_hash("A", 1, "s")
		assert cp.merkle_root([]) == cp.EMPTY_ROOT


SIGN = b"s" * 32


def statement(**kw):
	values = dict(
		number=3, taken_at="2026-12-01 00:00:00.000000", units=2, events=5, root="ab", previous="", epoch=1
	)
	return cp.Statement(**{**values, **kw})


class TestStatement:
	def test_signature_covers_every_field(self):
		s = statement()
		signature, public = cp.sign(s, SIGN), cp.public_key(SIGN)
		assert cp.signature_valid(s, signature, public)
		for change in ({"number": 4}, {"events": 4}, {"root": "ac"}, {"previous": "x"}, {"epoch": 2}):
			assert not cp.signature_valid(statement(**change), signature, public)
		assert not cp.signature_valid(s, signature, cp.public_key(b"t" * 32))
		assert not cp.signature_valid(s, "zz", public)

	def test_export_parses_back_and_junk_is_refused(self):
		s = statement()
		exported = cp.export(s, cp.sign(s, SIGN), cp.public_key(SIGN), site="x")
		assert cp.parse(exported) == (s, exported["signature"], exported["public_key"])
		for junk in ("nonsense", "{}", {"format": cp.FORMAT}, {**exported, "units": "many"}):
			with pytest.raises(cp.CheckpointError):
				cp.parse(junk)

	def test_proof_document_checks_against_the_statement(self):
		leaves = [cp.Leaf("A", 2, "a"), cp.Leaf("B", 1, "b"), cp.Leaf("C", 4, "c")]
		hashes = [cp.leaf_hash(x.serial_no, x.seq, x.seal) for x in leaves]
		s = statement(units=3, root=cp.merkle_root(hashes).hex())
		proof = cp.proof_document(s, leaves[1], 1, cp.inclusion_proof(hashes, 1))
		assert cp.proof_holds(proof, s)
		assert not cp.proof_holds({**proof, "seq": 2}, s)
		assert not cp.proof_holds({**proof, "checkpoint": 9}, s)


heads_strategy = st.dictionaries(st.sampled_from("ABCDEF"), st.integers(1, 6), max_size=6)


class TestNextLeaves:
	@given(heads_strategy, heads_strategy, st.sets(st.sampled_from("ABCDEF")))
	def test_a_checkpoint_never_forgets_a_head(self, before, now, consistent):
		previous = {s: cp.Leaf(s, n, f"{s}{n}") for s, n in before.items()}
		current = {s: cp.Leaf(s, n, f"{s}{n}") for s, n in now.items()}
		leaves, held = cp.next_leaves(previous, current, consistent)
		assert set(leaves) == set(previous) | set(current)
		for serial, leaf in leaves.items():
			if serial in previous and leaf != current.get(serial):
				assert leaf == previous[serial] and serial in held
			if serial in previous and serial not in current:
				assert serial in held
		assert not held - set(previous)

	def test_compare_tells_what_happened_to_a_chain(self):
		leaf = cp.Leaf("A", 3, "s3")
		assert cp.compare("A", {1: "s1", 2: "s2", 3: "s3", 4: "s4"}, leaf, 7) == []
		[gone] = cp.compare("A", {}, leaf, 7)
		assert (gone.kind, gone.expected, gone.checkpoint) == (verification.VANISHED, 3, 7)
		[cut] = cp.compare("A", {1: "s1"}, leaf, 7)
		assert (cut.kind, cut.seq, cut.expected) == (verification.TRUNCATED, 2, 3)
		[rewritten] = cp.compare("A", {1: "s1", 2: "s2", 3: "x3"}, leaf, 7)
		assert rewritten.kind == verification.DIVERGED


def test_every_break_kind_has_a_message_with_its_values():
	assert len(verification.BREAK_MESSAGES) == 17
	for kind, message in verification.BREAK_MESSAGES.items():
		problem = verification.Break("A", 1, kind, expected=1, checkpoint=1, epoch=1, since="x")
		assert problem.message == message
		message.format(**problem.params)


@given(
	st.one_of(
		st.none(),
		st.text(max_size=5),
		st.integers(-(10**9), 10**9),
		st.datetimes(),
		st.dates(),
		st.booleans(),
		st.decimals(min_value=-(10**6), max_value=10**6, places=9),
	)
)
def test_fast_normalise_gives_what_the_general_rules_give(value):
	assert unit_chain.normalise(value) == unit_chain.slow_normalise(value)
	text = unit_chain.normalise(value)
	if isinstance(value, datetime | Decimal | int) and not isinstance(value, bool):
		assert unit_chain.normalise(text) == text, "stored as text, read back as text: the same"
