"""Verifying the audit trail: what a verifier can find wrong with a unit's chain or a checkpoint (as codes,
with their messages), and the check of one chain under the site's keys.

Events sealed before a site had a key carry no keyed seal; they are genuine only where a signed
checkpoint vouches for them (:func:`verify`'s ``covered``): a site keyed since its install has none, and
on a site upgraded from before keyed seals the checkpoint written at the upgrade covers them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from serial_tracking.audit.core.unit_chain import SealKey, normalise, seal
from serial_tracking.platform.core.i18n import _

# What a verifier can find wrong with a chain or a checkpoint; :data:`BREAK_MESSAGES` says it in words
# (translated where it is shown).
GAP = "gap"
UNLINKED = "unlinked"
ALTERED = "altered"
UNKNOWN_KEY = "unknown_key"
DOWNGRADED = "downgraded"
UNKEYED_LATE = "unkeyed_late"
UNKEYED_UNCOVERED = "unkeyed_uncovered"
UNKEYED_GREW = "unkeyed_grew"
FEWER = "fewer"
TRUNCATED = "truncated"
DIVERGED = "diverged"
VANISHED = "vanished"
CHECKPOINT_SIGNATURE = "checkpoint_signature"
CHECKPOINT_KEY = "checkpoint_key"
CHECKPOINT_ROOT = "checkpoint_root"
CHECKPOINT_MISSING = "checkpoint_missing"
CHECKPOINT_GAP = "checkpoint_gap"
BREAK_MESSAGES = {
	GAP: _("Event #{seq} of {serial} follows a gap: event #{expected} is missing."),
	UNLINKED: _("Event #{seq} of {serial} does not link to the event before it."),
	ALTERED: _("Event #{seq} of {serial} does not match its seal: it was altered."),
	UNKNOWN_KEY: _(
		"Event #{seq} of {serial} claims key epoch {epoch}, which this site does not have: it was forged, or the key is missing."
	),
	DOWNGRADED: _(
		"Event #{seq} of {serial} is sealed under an older key epoch than the event before it: it was forged."
	),
	UNKEYED_LATE: _(
		"Event #{seq} of {serial} has no keyed seal although it was recorded after keyed seals began ({since}): it was forged or rewritten."
	),
	UNKEYED_UNCOVERED: _(
		"Event #{seq} of {serial} has no keyed seal and no checkpoint of the site vouches for it (the first covers up to #{expected}): it was forged or rewritten after the site got its key."
	),
	UNKEYED_GREW: _(
		"The trail holds {seq} events without a keyed seal, more than the {expected} it held when the site got its key: events were forged or re-sealed without the key."
	),
	FEWER: _(
		"The trail holds {seq} events, fewer than the {expected} checkpoint {checkpoint} counted: events were deleted."
	),
	TRUNCATED: _(
		"Events of {serial} from #{seq} on were deleted: checkpoint {checkpoint} covered them up to #{expected}."
	),
	DIVERGED: _(
		"Event #{seq} of {serial} is not the event checkpoint {checkpoint} sealed: the chain was rewritten since."
	),
	VANISHED: _(
		"{serial} has no events left, but checkpoint {checkpoint} covered {expected} of them: its chain was deleted."
	),
	CHECKPOINT_SIGNATURE: _(
		"The signature of checkpoint {checkpoint} does not verify: it was altered or forged."
	),
	CHECKPOINT_KEY: _(
		"Checkpoint {checkpoint} is signed with a key that is not the site's key of epoch {epoch}: it was forged."
	),
	CHECKPOINT_ROOT: _(
		"The chain heads kept for checkpoint {checkpoint} do not add up to its signed root: they were altered."
	),
	CHECKPOINT_MISSING: _(
		"Checkpoint {checkpoint} is missing from the site or differs from the copy it was checked against: it was deleted or altered."
	),
	CHECKPOINT_GAP: _(
		"Checkpoint {checkpoint} does not follow checkpoint {expected}: checkpoints in between were deleted or altered."
	),
}

# Not a break: what a verification says of events sealed before the site had a key.
UNKEYED_NOTE = _(
	"{count} events are unkeyed, before {date}: they were sealed with a plain SHA-256 chain before the site had an audit key; checkpoints cover them from the first one on."
)


# Not a break: what a verification against an exported checkpoint can tell once the site no longer holds
# that checkpoint (its heads went with it).
ONLY_THE_FILE = _(
	"Checkpoint {checkpoint} is no longer on the site: the file's signature, its counts of units and events and its root still hold, and every chain was checked under the site's keys, but which units lost events since cannot be told without the heads the checkpoint covered. A later checkpoint, or an inclusion proof kept for a unit, tells it for what it covers."
)


@dataclass(frozen=True)
class Break:
	"""One thing wrong: with a unit's chain (``serial_no``), or with a checkpoint (``serial_no`` None)."""

	serial_no: str | None
	seq: int
	kind: str
	expected: int | None = None
	checkpoint: int | None = None
	epoch: int | None = None
	since: str | None = None

	@property
	def message(self) -> str:
		"""The untranslated message template; :attr:`params` are its values."""
		return BREAK_MESSAGES[self.kind]

	@property
	def params(self) -> dict:
		return {
			"serial": self.serial_no,
			"seq": self.seq,
			"expected": self.expected,
			"checkpoint": self.checkpoint,
			"epoch": self.epoch,
			"since": self.since,
		}


def verify(
	chain: list[Mapping],
	keys: Mapping[int, bytes] | None = None,
	keyed_since: datetime | None = None,
	covered: int | None = None,
) -> list[Break]:
	"""Every break in one unit's chain (its events in ``seq`` order): gaps, unlinked events, seals that do
	not verify under ``keys`` (secret of each key epoch), forged downgrades to an older scheme, and events
	without a keyed seal that nothing vouches for: recorded from ``keyed_since`` on (when the site's first
	key epoch began), or, where the caller knows it, past ``covered``: the unit's head in the first signed
	checkpoint, which on a site upgraded from before keyed seals covers every event sealed without a key
	(0: no checkpoint covers any of the unit's events). The recorded time is the database's word; the
	checkpoint's is signed."""
	keys = keys or {}
	problems = []
	previous_hash, expected_seq, previous_epoch = "", 1, 0
	for values in chain:
		serial, seq = values["serial_no"], values["seq"]
		epoch = int(values.get("key_epoch") or 0)
		if seq != expected_seq:
			problems.append(Break(serial, seq, GAP, expected_seq))
		if (values.get("previous_hash") or "") != previous_hash:
			problems.append(Break(serial, seq, UNLINKED))
		if epoch and epoch not in keys:
			problems.append(Break(serial, seq, UNKNOWN_KEY, epoch=epoch))
		elif seal(values, SealKey(epoch, keys[epoch]) if epoch else None) != values.get("hash"):
			problems.append(Break(serial, seq, ALTERED))
		if epoch < previous_epoch:
			problems.append(Break(serial, seq, DOWNGRADED, epoch=epoch))
		elif not epoch and covered is not None and seq > covered:
			problems.append(Break(serial, seq, UNKEYED_UNCOVERED, expected=covered))
		elif (
			not epoch
			and keyed_since
			and (normalise(values.get("recorded_at")) or "") >= normalise(keyed_since)
		):
			problems.append(Break(serial, seq, UNKEYED_LATE, since=normalise(keyed_since)))
		previous_hash, expected_seq = values.get("hash") or "", seq + 1
		previous_epoch = max(previous_epoch, epoch)
	return problems
