"""Checkpoints: a signed statement of where every unit's chain stood at one moment.

A checkpoint's leaves are the units' chain heads (unit, last seq, last seal), sorted by unit; their
Merkle root (the tree of RFC 6962 / Certificate Transparency: leaves hashed with a 0x00 prefix, nodes
with 0x01) and the count of units and events go into a statement that is signed with Ed25519. Whoever
keeps the statement outside the system (the auditor's JSON file) can later tell whether any chain lost
events, was rewritten or vanished, and an inclusion proof shows one unit's head is in the root without
the rest of the database.

Pure: keys, clocks and the leaves are handed in.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from serial_tracking.audit.core.verification import DIVERGED, TRUNCATED, VANISHED, Break
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _

FORMAT = "serial-tracking-checkpoint/1"
PROOF_FORMAT = "serial-tracking-inclusion-proof/1"


class CheckpointError(RuleError):
	title = _("Audit checkpoint")


@dataclass(frozen=True)
class Leaf:
	"""A unit's chain head as a checkpoint saw it."""

	serial_no: str
	seq: int
	seal: str


def leaf_hash(serial_no: str, seq: int, seal: str) -> bytes:
	data = json.dumps([serial_no, int(seq), seal], ensure_ascii=False, separators=(",", ":"))
	return hashlib.sha256(b"\x00" + data.encode()).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
	return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


class RootBuilder:
	"""The Merkle root of leaf hashes pushed one at a time, in memory logarithmic in their count."""

	def __init__(self):
		self.stack: list[tuple[int, bytes]] = []  # (size of a complete subtree, its hash), sizes decreasing
		self.count = 0

	def push(self, leaf: bytes) -> None:
		size, value = 1, leaf
		while self.stack and self.stack[-1][0] == size:
			left_size, left = self.stack.pop()
			size, value = left_size + size, node_hash(left, value)
		self.stack.append((size, value))
		self.count += 1

	def root(self) -> bytes:
		if not self.stack:
			return EMPTY_ROOT
		value = self.stack[-1][1]
		for _size, left in reversed(self.stack[:-1]):
			value = node_hash(left, value)
		return value


def merkle_root(leaves: Iterable[bytes]) -> bytes:
	builder = RootBuilder()
	for leaf in leaves:
		builder.push(leaf)
	return builder.root()


def split(n: int) -> int:
	"""The largest power of two below ``n`` (n > 1): where RFC 6962 splits a tree of n leaves."""
	k = 1
	while k * 2 < n:
		k *= 2
	return k


def inclusion_proof(leaves: list[bytes], index: int) -> list[bytes]:
	"""The audit path of leaf ``index``: sibling hashes from the leaf up to the root."""
	path: list[bytes] = []
	lo, hi = 0, len(leaves)
	while hi - lo > 1:
		k = split(hi - lo)
		if index < lo + k:
			path.append(merkle_root(leaves[lo + k : hi]))
			hi = lo + k
		else:
			path.append(merkle_root(leaves[lo : lo + k]))
			lo = lo + k
	return list(reversed(path))


def verify_inclusion(leaf: bytes, index: int, size: int, path: list[bytes], root: bytes) -> bool:
	"""Whether ``path`` proves ``leaf`` is leaf ``index`` of a tree of ``size`` leaves with ``root``
	(RFC 9162, 2.1.3.2)."""
	if not 0 <= index < size:
		return False
	fn, sn, value = index, size - 1, leaf
	for sibling in path:
		if sn == 0:
			return False
		if fn & 1 or fn == sn:
			value = node_hash(sibling, value)
			if not fn & 1:
				while fn and not fn & 1:
					fn, sn = fn >> 1, sn >> 1
		else:
			value = node_hash(value, sibling)
		fn, sn = fn >> 1, sn >> 1
	return sn == 0 and value == root


@dataclass(frozen=True)
class Statement:
	"""What a checkpoint signs. ``previous`` is the digest of the checkpoint before it (empty for the
	first), so checkpoints form a chain of their own."""

	number: int
	taken_at: str
	units: int
	events: int
	root: str
	previous: str
	epoch: int

	def message(self) -> bytes:
		return json.dumps([FORMAT, *astuple_ordered(self)], separators=(",", ":")).encode()

	def digest(self) -> str:
		return hashlib.sha256(self.message()).hexdigest()


def astuple_ordered(statement: Statement) -> list:
	return [getattr(statement, f.name) for f in fields(statement)]


def public_key(private: bytes) -> str:
	return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw().hex()


def sign(statement: Statement, private: bytes) -> str:
	return Ed25519PrivateKey.from_private_bytes(private).sign(statement.message()).hex()


def signature_valid(statement: Statement, signature: str, public: str) -> bool:
	try:
		Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(
			bytes.fromhex(signature), statement.message()
		)
		return True
	except (InvalidSignature, ValueError):
		return False


def export(statement: Statement, signature: str, public: str, site: str | None = None) -> dict:
	"""The small file an auditor keeps outside the system."""
	return {"format": FORMAT, "site": site, **asdict(statement), "signature": signature, "public_key": public}


def parse(data: Mapping | str) -> tuple[Statement, str, str]:
	"""The statement, signature and public key of an exported checkpoint; refuses anything else."""
	try:
		data = json.loads(data) if isinstance(data, str) else data
		if data.get("format") != FORMAT:
			raise ValueError
		statement = Statement(
			number=int(data["number"]),
			taken_at=str(data["taken_at"]),
			units=int(data["units"]),
			events=int(data["events"]),
			root=str(data["root"]),
			previous=str(data["previous"]),
			epoch=int(data["epoch"]),
		)
		return statement, str(data["signature"]), str(data["public_key"])
	except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as error:
		raise CheckpointError(_("This is not a checkpoint file exported by Serial Tracking.")) from error


def next_leaves(
	previous: Mapping[str, Leaf], current: Mapping[str, Leaf], consistent: set[str]
) -> tuple[dict[str, Leaf], set[str]]:
	"""The leaves of the next checkpoint, and the units whose chains lost ground since the previous one.

	A unit's chain may only grow from the head the previous checkpoint saw (``consistent``: units whose
	chain still holds that head). A unit whose chain shrank, was rewritten or vanished keeps its previous
	leaf, so no later checkpoint forgets what was there: the verifier keeps reporting it.
	"""
	leaves: dict[str, Leaf] = {}
	held = set()
	for serial in previous.keys() | current.keys():
		before, now = previous.get(serial), current.get(serial)
		if before is None:
			leaves[serial] = now
		elif now == before or (now is not None and now.seq > before.seq and serial in consistent):
			leaves[serial] = now
		else:
			leaves[serial] = before
			held.add(serial)
	return leaves, held


def compare(serial: str, seals: Mapping[int, str], leaf: Leaf, checkpoint: int) -> list[Break]:
	"""How a unit's chain now (``seals``: seal of each seq it has) departs from the head ``checkpoint``
	recorded for it: deleted events at its end, a rewrite, or the whole chain gone."""
	if not seals:
		return [Break(serial, leaf.seq, VANISHED, expected=leaf.seq, checkpoint=checkpoint)]
	if leaf.seq not in seals:
		last = max(seals)
		if last < leaf.seq:
			return [Break(serial, last + 1, TRUNCATED, expected=leaf.seq, checkpoint=checkpoint)]
	if seals.get(leaf.seq) != leaf.seal:
		return [Break(serial, leaf.seq, DIVERGED, checkpoint=checkpoint)]
	return []


def proof_document(statement: Statement, leaf: Leaf, index: int, path: list[bytes]) -> dict:
	"""One unit's inclusion proof, checkable with the checkpoint file alone."""
	return {
		"format": PROOF_FORMAT,
		"checkpoint": statement.number,
		"root": statement.root,
		"units": statement.units,
		"serial_no": leaf.serial_no,
		"seq": leaf.seq,
		"seal": leaf.seal,
		"index": index,
		"path": [p.hex() for p in path],
	}


def proof_holds(proof: Mapping, statement: Statement) -> bool:
	"""Whether ``proof`` shows its unit's head is in the (signed) ``statement``."""
	try:
		if proof.get("format") != PROOF_FORMAT or int(proof["checkpoint"]) != statement.number:
			return False
		leaf = leaf_hash(proof["serial_no"], int(proof["seq"]), proof["seal"])
		path = [bytes.fromhex(p) for p in proof["path"]]
		return verify_inclusion(
			leaf, int(proof["index"]), statement.units, path, bytes.fromhex(statement.root)
		)
	except (KeyError, TypeError, ValueError):
		return False
