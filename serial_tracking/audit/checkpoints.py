"""Checkpoints of the audit trail: write one (daily, on demand), read the heads one recorded, export it
for the auditor, and prove one unit's head is in it.

A checkpoint stores its signed statement (:class:`~serial_tracking.audit.core.checkpoint.Statement`) and, in
*Serial Audit Checkpoint Head*, the heads of the units whose head changed since the checkpoint before:
the heads of checkpoint N are each unit's latest row up to N.
"""

import frappe
from frappe.query_builder.functions import Max
from frappe.utils import get_datetime, now_datetime

from serial_tracking.audit import keys
from serial_tracking.audit.core import checkpoint as core
from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.platform import bulk_insert
from serial_tracking.platform.core.i18n import _
from serial_tracking.platform.job_lock import exclusive
from serial_tracking.platform.messages import throw

CHECKPOINT = "Serial Audit Checkpoint"
HEAD = "Serial Audit Checkpoint Head"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def write(commit: bool = True) -> dict:
	"""Write the next checkpoint over every unit's chain and commit it (``commit``: False in tests, whose
	transaction is rolled back); one writer at a time."""
	with exclusive("audit_checkpoint", wait=120) as got:
		if not got:
			throw(core.CheckpointError(_("Another checkpoint is being written; try again in a minute.")))
		epoch = keys.ring().current if keys.ring().epochs else None
		if epoch is None:
			keys.current()  # throws: the key is missing
		taken_at = now_datetime()
		last = latest()
		previous = {s: leaf for s, (leaf, _n) in recorded_leaves(last.number).items()} if last else {}
		if last and not adds_up(previous, statement_of(last)):
			throw(
				core.CheckpointError(
					_(
						"The chain heads kept for checkpoint {checkpoint} do not add up to its signed root: they were altered. Verify the audit trail before writing another checkpoint."
					),
					checkpoint=last.number,
				)
			)
		current = current_heads()
		grown = [s for s, leaf in current.items() if s in previous and leaf.seq > previous[s].seq]
		leaves, held = core.next_leaves(previous, current, still_holding(previous, grown))
		ordered = sorted(leaves)
		root = core.merkle_root(core.leaf_hash(s, leaves[s].seq, leaves[s].seal) for s in ordered)
		statement = core.Statement(
			number=(last.number if last else 0) + 1,
			taken_at=taken_at.strftime(TIME_FORMAT),
			units=len(leaves),
			events=sum(leaf.seq for leaf in leaves.values()),
			root=root.hex(),
			previous=statement_of(last).digest() if last else "",
			epoch=epoch.number,
		)
		store(statement, core.sign(statement, epoch.sign_secret), epoch.public_key, held)
		heads = [
			(
				frappe.generate_hash(length=12),
				taken_at,
				"Administrator",
				statement.number,
				s,
				leaf.seq,
				leaf.seal,
			)
			for s, leaf in leaves.items()
			if previous.get(s) != leaf
		]
		bulk_insert.insert(
			HEAD, ["name", "creation", "owner", "checkpoint", "serial_no", "seq", "seal"], heads
		)
		if commit:
			frappe.db.commit()  # before the lock goes: the next writer builds on this one
	if held:
		frappe.log_error(
			title=_("Audit trail: chains lost ground since the last checkpoint"),
			message="\n".join(sorted(held)[:1000]),
		)
	return {"name": name_of(statement.number), "number": statement.number, "held": sorted(held)}


def adds_up(leaves: dict[str, core.Leaf], statement: core.Statement) -> bool:
	"""Whether ``leaves`` are exactly the ones ``statement`` signed."""
	root = core.merkle_root(core.leaf_hash(s, leaves[s].seq, leaves[s].seal) for s in sorted(leaves))
	events = sum(leaf.seq for leaf in leaves.values())
	return (root.hex(), len(leaves), events) == (statement.root, statement.units, statement.events)


def name_of(number: int) -> str:
	return f"CP-{number:06d}"


def store(statement: core.Statement, signature: str, public: str, held: set) -> None:
	now = now_datetime()
	values = (
		name_of(statement.number),
		now,
		"Administrator",
		statement.number,
		get_datetime(statement.taken_at),
		statement.units,
		statement.events,
		len(held),
		statement.root,
		statement.previous,
		statement.digest(),
		statement.epoch,
		public,
		signature,
	)
	columns = ["name", "creation", "owner", "number", "taken_at", "units", "events", "held", "root"]
	columns += ["previous", "digest", "key_epoch", "public_key", "signature"]
	bulk_insert.insert(CHECKPOINT, columns, [values])


def latest(number: int | None = None):
	"""The latest checkpoint row (or checkpoint ``number``), or None."""
	table = frappe.qb.DocType(CHECKPOINT)
	query = frappe.qb.from_(table).select("*").orderby(table.number, order=frappe.qb.desc).limit(1)
	if number is not None:
		query = query.where(table.number == number)
	rows = query.run(as_dict=True)
	return rows[0] if rows else None


def all_checkpoints() -> list:
	table = frappe.qb.DocType(CHECKPOINT)
	return frappe.qb.from_(table).select("*").orderby(table.number).run(as_dict=True)


def statement_of(row) -> core.Statement:
	return core.Statement(
		number=row.number,
		taken_at=get_datetime(row.taken_at).strftime(TIME_FORMAT),
		units=row.units,
		events=row.events,
		root=row.root,
		previous=row.previous or "",
		epoch=row.key_epoch,
	)


def export(number: int | None = None) -> dict:
	"""Checkpoint ``number`` (the latest by default) as the small JSON an auditor keeps."""
	row = latest(number)
	if not row:
		throw(core.CheckpointError(_("There is no such checkpoint yet.")))
	return core.export(statement_of(row), row.signature, row.public_key, site=frappe.local.site)


def current_heads() -> dict[str, core.Leaf]:
	"""Every unit's last event now: the last seq of each unit (a loose scan of the unique index on
	(serial_no, seq)), then those events by that index, a chunk of units at a time."""
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	last = frappe.qb.from_(table).select(table.serial_no, Max(table.seq)).groupby(table.serial_no).run()
	return {serial: core.Leaf(serial, seq, seal) for serial, seq, seal in events_at(last)}


def events_at(pairs: list[tuple[str, int]], chunk: int = 1000) -> list[tuple[str, int, str]]:
	"""(serial_no, seq, seal) of the events at the given (serial_no, seq)."""
	found = []
	for start in range(0, len(pairs), chunk):
		part = pairs[start : start + chunk]
		found += frappe.db.sql(
			"select serial_no, seq, hash from `tabSerial Audit Event` where (serial_no, seq) in ("
			+ ",".join(["(%s, %s)"] * len(part))
			+ ")",
			[value for pair in part for value in pair],
		)
	return found


def head_rows(number: int, low: str | None = None, high: str | None = None, serials=None):
	"""Rows of the heads recorded up to checkpoint ``number`` (units in (low, high], or ``serials``), in
	unit order, each unit's latest last."""
	table = frappe.qb.DocType(HEAD)
	query = (
		frappe.qb.from_(table)
		.select(table.serial_no, table.seq, table.seal, table.checkpoint)
		.where(table.checkpoint <= number)
		.orderby(table.serial_no)
		.orderby(table.checkpoint)
	)
	if low is not None:
		query = query.where(table.serial_no > low)
	if high is not None:
		query = query.where(table.serial_no <= high)
	if serials is not None:
		query = query.where(table.serial_no.isin(list(serials) or [""]))
	return query.run()


def recorded_leaves(number: int, **where) -> dict[str, tuple[core.Leaf, int]]:
	"""Each unit's head in checkpoint ``number``, with the checkpoint that recorded it."""
	return {
		serial: (core.Leaf(serial, seq, seal), recorded)
		for serial, seq, seal, recorded in head_rows(number, **where)
	}


def still_holding(previous: dict[str, core.Leaf], serials: list[str]) -> set[str]:
	"""Those of ``serials`` whose chain still has, at the seq of their previous head, that same seal."""
	pairs = [(s, previous[s].seq) for s in serials]
	return {serial for serial, _seq, seal in events_at(pairs) if previous[serial].seal == seal}


def proof(serial_no: str, number: int | None = None) -> dict:
	"""The inclusion proof of ``serial_no``'s head in checkpoint ``number`` (the latest by default), with
	the checkpoint itself: all an auditor needs to check the unit without the database."""
	row = latest(number)
	if not row:
		throw(core.CheckpointError(_("There is no such checkpoint yet.")))
	leaves = recorded_leaves(row.number)
	if serial_no not in leaves:
		throw(
			core.CheckpointError(
				_("Checkpoint {checkpoint} does not cover {serial}: it has no events before it."),
				checkpoint=row.number,
				serial=serial_no,
			)
		)
	ordered = sorted(leaves)
	hashes = [core.leaf_hash(s, leaves[s][0].seq, leaves[s][0].seal) for s in ordered]
	index = ordered.index(serial_no)
	statement = statement_of(row)
	return {
		"checkpoint": core.export(statement, row.signature, row.public_key, site=frappe.local.site),
		"proof": core.proof_document(
			statement, leaves[serial_no][0], index, core.inclusion_proof(hashes, index)
		),
	}


def daily() -> None:
	"""Scheduler (inside tasks.daily's lock): the day's checkpoint."""
	if keys.ring().epochs:
		write()
