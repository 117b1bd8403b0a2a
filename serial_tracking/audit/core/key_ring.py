"""The site's audit key ring: one epoch per key, the newest one current, retired ones kept to verify.

An epoch holds two secrets: the HMAC key that seals events and the Ed25519 private key that signs
checkpoints. The ring is kept outside the database (a key file, see audit/keys.py); here it
is only read, written and extended as text. Randomness and clocks are handed in.
"""

import json
from dataclasses import dataclass, field, replace

from serial_tracking.audit.core.checkpoint import public_key
from serial_tracking.audit.core.unit_chain import SealKey
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.core.i18n import _

FORMAT = "serial-tracking-audit-keys/1"


class AuditKeyError(RuleError):
	title = _("Audit key")


@dataclass(frozen=True)
class Epoch:
	number: int
	created: str  # "YYYY-MM-DD HH:MM:SS.ffffff", the site's time
	seal_secret: bytes = field(repr=False)
	sign_secret: bytes = field(repr=False)
	retired: str | None = None

	@property
	def seal_key(self) -> SealKey:
		return SealKey(self.number, self.seal_secret)

	@property
	def public_key(self) -> str:
		return public_key(self.sign_secret)


@dataclass(frozen=True)
class KeyRing:
	epochs: tuple[Epoch, ...] = ()
	# How many events the trail held without a keyed seal when the first epoch began (0 on a site keyed
	# since its install); None in rings written before it was recorded. Kept outside the database, it
	# bounds the unkeyed era: no later event can join it.
	unkeyed_events: int | None = None

	@property
	def current(self) -> Epoch:
		if not self.epochs:
			raise AuditKeyError(_("The audit trail has no key yet."))
		return self.epochs[-1]

	@property
	def keyed_since(self) -> str | None:
		"""When the first epoch began: events sealed before it are unkeyed."""
		return self.epochs[0].created if self.epochs else None

	def epoch(self, number: int) -> Epoch | None:
		return next((e for e in self.epochs if e.number == number), None)

	def seal_secrets(self) -> dict[int, bytes]:
		return {e.number: e.seal_secret for e in self.epochs}

	def with_new_epoch(
		self, created: str, seal_secret: bytes, sign_secret: bytes, at_least: int = 1
	) -> "KeyRing":
		"""The ring with a new current epoch (numbered after every epoch the ring or the trail has seen,
		``at_least``); the one before is retired but kept."""
		if len(seal_secret) < 32 or len(sign_secret) != 32:
			raise AuditKeyError(_("An audit key needs 32 random bytes for each of its secrets."))
		number = max([at_least, *(e.number + 1 for e in self.epochs)])
		kept = tuple(e if e.retired else replace(e, retired=created) for e in self.epochs)
		return replace(self, epochs=(*kept, Epoch(number, created, seal_secret, sign_secret)))

	def with_unkeyed_events(self, count: int) -> "KeyRing":
		"""The ring recording how many unkeyed events the trail held when it got its first key."""
		return replace(self, unkeyed_events=count)


def dumps(ring: KeyRing) -> str:
	return json.dumps(
		{
			"format": FORMAT,
			**({} if ring.unkeyed_events is None else {"unkeyed_events": ring.unkeyed_events}),
			"epochs": [
				{
					"epoch": e.number,
					"created": e.created,
					"retired": e.retired,
					"seal_key": e.seal_secret.hex(),
					"sign_key": e.sign_secret.hex(),
					"public_key": e.public_key,
				}
				for e in ring.epochs
			],
		},
		indent=1,
	)


def loads(text: str) -> KeyRing:
	try:
		data = json.loads(text)
		if data.get("format") != FORMAT:
			raise ValueError
		epochs = tuple(
			Epoch(
				int(e["epoch"]),
				str(e["created"]),
				bytes.fromhex(e["seal_key"]),
				bytes.fromhex(e["sign_key"]),
				e.get("retired"),
			)
			for e in data["epochs"]
		)
		if [e.number for e in epochs] != sorted({e.number for e in epochs}):
			raise ValueError
		unkeyed = data.get("unkeyed_events")
		return KeyRing(epochs, None if unkeyed is None else int(unkeyed))
	except (ValueError, KeyError, TypeError, AttributeError) as error:
		raise AuditKeyError(
			_("The audit key file is damaged: it is not a key ring of Serial Tracking.")
		) from error
