"""Verify the audit trail: every unit's chain under the site's keys, and against a checkpoint (the latest,
or one the auditor hands back as JSON). Streamed: events are read in blocks of units, in unit order,
so memory stays flat whatever the size of the trail. For one unit in the request, for all as a
background job with progress."""

from dataclasses import dataclass, field
from itertools import groupby

from pypika.functions import Cast

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import get_datetime

from serial_tracking.audit import checkpoints, keys
from serial_tracking.audit.core import checkpoint as core
from serial_tracking.audit.core import unit_chain, verification
from serial_tracking.audit.event_store import EVENT_DOCTYPE
from serial_tracking.platform.messages import render

SHOWN = 200
DONE_EVENT = "st_verify_done"
READ = (*unit_chain.HASHED, "key_epoch", "hash")
# Read as the text the database writes them in, which is their canonical form: parsing them into
# datetimes and decimals only to format them back costs more than all the rest of the verification.
AS_TEXT = {"posting", "recorded_at", "due_date", "rate_in", "rate_out"}


@dataclass
class Verification:
	problems: list[verification.Break] = field(default_factory=list)
	units: int = 0
	events: int = 0
	unkeyed: int = 0
	keyed_since: str | None = None
	checkpoint: int | None = None
	anchor_on_site: bool = True


def verify_chains(serials: list[str] | None = None, **kwargs) -> list[verification.Break]:
	"""Every break: of the chains of all units (or ``serials``), and against the latest checkpoint."""
	return verify_trail(serials, **kwargs).problems


def verify_trail(
	serials: list[str] | None = None,
	against: dict | str | None = None,
	batch_size: int = 10000,
	progress: bool = False,
) -> Verification:
	"""Verify every unit's chain (or ``serials``'), and that no chain lost ground since the checkpoint
	``against`` (an exported checkpoint) or the latest one."""
	ring = keys.ring()
	result = Verification(keyed_since=ring.keyed_since)
	secrets = ring.seal_secrets()
	since = get_datetime(ring.keyed_since) if ring.keyed_since else None
	anchor = check_checkpoints(ring, against, result.problems)
	result.checkpoint = anchor.number if anchor else None
	result.anchor_on_site = bool(anchor) and anchor_on_site(anchor)
	if anchor:
		# also for one unit: its head is the one the checkpoint signed only if the heads kept add up to
		# the signed root (a head deleted or rolled back together with the unit's last events would not)
		check_root(anchor, result.problems)
	first = first_checkpoint()  # vouches for the events sealed before the site had a key
	total = None
	if progress:
		table = frappe.qb.DocType(EVENT_DOCTYPE)
		total = frappe.qb.from_(table).select(Count("*")).run()[0][0]
	for low, high in blocks(batch_size) if serials is None else [(None, None)]:
		chains = events(low, high, serials)
		leaves = (
			checkpoints.recorded_leaves(anchor.number, low=low, high=high, serials=serials) if anchor else {}
		)
		covered = checkpoints.recorded_leaves(first, low=low, high=high, serials=serials) if first else {}
		for serial, chain in groupby(chains, key=lambda row: row["serial_no"]):
			chain = list(chain)
			result.units += 1
			result.events += len(chain)
			unkeyed = sum(1 for row in chain if not row["key_epoch"])
			result.unkeyed += unkeyed
			vouched = (covered[serial][0].seq if serial in covered else 0) if first else None
			result.problems += verification.verify(chain, secrets, since, vouched if unkeyed else None)
			if serial in leaves:
				leaf, recorded = leaves.pop(serial)
				result.problems += core.compare(serial, {r["seq"]: r["hash"] for r in chain}, leaf, recorded)
		for serial, (leaf, recorded) in sorted(leaves.items()):  # no events left at all
			result.problems += core.compare(serial, {}, leaf, recorded)
		if progress:
			frappe.publish_progress(
				result.events * 100 / max(total, 1),
				title=_("Verifying audit chains"),
				description=_("{0} of {1} events").format(result.events, total),
			)
	if serials is None:
		check_counts(ring, anchor, result)
	return result


def first_checkpoint() -> int | None:
	"""The number of the site's first checkpoint (1) when the site holds it."""
	return 1 if checkpoints.latest(1) else None


def anchor_on_site(anchor: core.Statement) -> bool:
	row = checkpoints.latest(anchor.number)
	return bool(row) and checkpoints.statement_of(row) == anchor


def check_counts(ring, anchor: core.Statement | None, result: Verification) -> None:
	"""What the whole trail's counts prove: events are only ever added, so it holds at least what the
	checkpoint counted; and no more unkeyed events than when the site got its key (kept in the key ring)."""
	if anchor and result.events < anchor.events:
		result.problems.append(
			verification.Break(
				None, result.events, verification.FEWER, expected=anchor.events, checkpoint=anchor.number
			)
		)
	if ring.unkeyed_events is not None and result.unkeyed > ring.unkeyed_events:
		result.problems.append(
			verification.Break(None, result.unkeyed, verification.UNKEYED_GREW, expected=ring.unkeyed_events)
		)


def blocks(batch_size: int):
	"""Ranges of units (low, high] holding about ``batch_size`` events each, in the database's order;
	the last one is open-ended."""
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	low = None
	while True:
		query = frappe.qb.from_(table).select(table.serial_no).orderby(table.serial_no).orderby(table.seq)
		if low is not None:
			query = query.where(table.serial_no > low)
		found = query.limit(1).offset(batch_size - 1).run()
		high = found[0][0] if found else None
		yield low, high
		if high is None:
			return
		low = high


def events(low: str | None, high: str | None, serials=None) -> list[dict]:
	"""The events of units in (low, high] (or of ``serials``), in unit and seq order."""
	table = frappe.qb.DocType(EVENT_DOCTYPE)
	columns = [Cast(table[f], "CHAR").as_(f) if f in AS_TEXT else table[f] for f in READ]
	query = frappe.qb.from_(table).select(*columns).orderby(table.serial_no).orderby(table.seq)
	if low is not None:
		query = query.where(table.serial_no > low)
	if high is not None:
		query = query.where(table.serial_no <= high)
	if serials is not None:
		query = query.where(table.serial_no.isin(list(serials) or [""]))
	return [dict(zip(READ, row, strict=True)) for row in query.run()]


def check_checkpoints(ring, against, problems: list) -> core.Statement | None:
	"""Check the site's checkpoints (each signed by its epoch's key, each linked to the one before) and
	pick the one to verify against: ``against`` (an exported checkpoint) or the latest."""
	rows = checkpoints.all_checkpoints()
	expected, digest, stored = 1, "", {}
	for row in rows:
		statement = checkpoints.statement_of(row)
		stored[statement.number] = statement
		if statement.number != expected or statement.previous != digest:
			problems.append(
				verification.Break(
					None, 0, verification.CHECKPOINT_GAP, expected=expected - 1, checkpoint=statement.number
				)
			)
		check_signature(ring, statement, row.signature, row.public_key, problems)
		expected, digest = statement.number + 1, statement.digest()
	if against is None:
		return stored[max(stored)] if stored else None
	statement, signature, public = core.parse(against)
	check_signature(ring, statement, signature, public, problems)
	if stored.get(statement.number) != statement:
		problems.append(
			verification.Break(None, 0, verification.CHECKPOINT_MISSING, checkpoint=statement.number)
		)
	return statement


def check_signature(ring, statement: core.Statement, signature: str, public: str, problems: list) -> None:
	epoch = ring.epoch(statement.epoch)
	if not epoch or epoch.public_key != public:
		problems.append(
			verification.Break(
				None, 0, verification.CHECKPOINT_KEY, checkpoint=statement.number, epoch=statement.epoch
			)
		)
	elif not core.signature_valid(statement, signature, public):
		problems.append(
			verification.Break(None, 0, verification.CHECKPOINT_SIGNATURE, checkpoint=statement.number)
		)


def check_root(statement: core.Statement, problems: list) -> None:
	"""Whether the heads kept for the checkpoint add up to its signed root, count of units and events:
	streamed in the tree's order (the units' code points), one unit at a time."""
	builder, events, last = core.RootBuilder(), 0, None
	query = """select serial_no, seq, seal from `tabSerial Audit Checkpoint Head` where checkpoint <= %s
		order by cast(serial_no as binary), checkpoint"""
	with frappe.db.unbuffered_cursor():
		for serial, seq, seal in frappe.db.sql(query, (statement.number,), as_iterator=True, as_list=True):
			if last is not None and serial != last[0]:
				builder.push(core.leaf_hash(*last))
				events += last[1]
			last = (serial, seq, seal)
	if last is not None:
		builder.push(core.leaf_hash(*last))
		events += last[1]
	if (builder.root().hex(), builder.count, events) != (statement.root, statement.units, statement.events):
		problems.append(
			verification.Break(None, 0, verification.CHECKPOINT_ROOT, checkpoint=statement.number)
		)


def report(result: Verification | list, shown: int = SHOWN) -> dict:
	"""What the desk shows of a verification: broken units, the first breaks in words, how many more,
	which checkpoint it was checked against, and how many events are unkeyed (from before the key)."""
	if isinstance(result, list):
		result = Verification(problems=result)
	problems = result.problems
	return {
		"broken_units": len({p.serial_no for p in problems if p.serial_no}),
		"broken_checkpoints": len({p.checkpoint for p in problems if not p.serial_no and p.checkpoint}),
		"problems": [
			{"serial_no": p.serial_no, "seq": p.seq, "message": render(p.message, p.params, bold=False)}
			for p in problems[:shown]
		],
		"more": max(0, len(problems) - shown),
		"units": result.units,
		"events": result.events,
		"checkpoint": result.checkpoint,
		"unkeyed": render(
			verification.UNKEYED_NOTE, {"count": result.unkeyed, "date": result.keyed_since}, bold=False
		)
		if result.unkeyed
		else None,
		"limits": render(verification.ONLY_THE_FILE, {"checkpoint": result.checkpoint}, bold=False)
		if result.checkpoint and not result.anchor_on_site
		else None,
	}


@frappe.read_only()
def run(user: str, against: str | None = None) -> dict:
	"""Background job: verify every chain, with a progress bar, and tell ``user`` the outcome."""
	result = report(verify_trail(against=against, progress=True))
	frappe.publish_realtime(DONE_EVENT, result, user=user)
	return result
