"""The site's audit key ring, kept outside the database.

Where it lives (the first that is set):

1. the environment variable ``SERIAL_TRACKING_AUDIT_KEY_FILE``: a path (``{site}`` is replaced by the
   site's name), e.g. a file a secrets manager mounts;
2. ``serial_tracking_audit_key_file`` in the site's site_config.json: a path, as above;
3. ``<site>/private/serial_tracking/audit_keys.json`` (mode 0600), created when the app is installed.

The database never holds a secret: a database dump or the database password is not enough to make a
valid seal or checkpoint. The key file is not part of ``bench backup --with-files`` (only private/files
is): back it up on its own, as it is needed to verify the trail.
"""

import os
import secrets

import frappe
from frappe.query_builder.functions import Count, Max
from frappe.utils import now_datetime

from serial_tracking.audit.core import key_ring as core_keys
from serial_tracking.audit.core.unit_chain import SealKey
from serial_tracking.platform.core.i18n import _
from serial_tracking.platform.messages import throw

ENVIRONMENT = "SERIAL_TRACKING_AUDIT_KEY_FILE"
SITE_CONFIG = "serial_tracking_audit_key_file"

_cache: dict[str, tuple[int, core_keys.KeyRing]] = {}


def path() -> str:
	configured = os.environ.get(ENVIRONMENT) or frappe.conf.get(SITE_CONFIG)
	if configured:
		return os.path.abspath(configured.replace("{site}", frappe.local.site))
	return os.path.abspath(frappe.get_site_path("private", "serial_tracking", "audit_keys.json"))


def ring() -> core_keys.KeyRing:
	"""The key ring (read again only when the file changed); empty when there is none."""
	where = path()
	try:
		stamp = os.stat(where).st_mtime_ns
	except FileNotFoundError:
		return core_keys.KeyRing()
	cached = _cache.get(where)
	if cached and cached[0] == stamp:
		return cached[1]
	with open(where) as file:
		try:
			keys = core_keys.loads(file.read())
		except core_keys.AuditKeyError as error:
			throw(error)
	_cache[where] = (stamp, keys)
	return keys


def current() -> SealKey:
	"""The key new events are sealed with; a site without one refuses to write the trail."""
	keys = ring()
	if not keys.epochs:
		throw(
			core_keys.AuditKeyError(
				_(
					"The audit trail's key is missing ({path}). Restore the key file, or start a new key epoch with: bench --site {site} serial-tracking-audit-key --new-epoch"
				),
				path=path(),
				site=frappe.local.site,
			)
		)
	return keys.current.seal_key


def start_epoch() -> core_keys.Epoch:
	"""Start a new key epoch (install, reinstall, rotation, a lost key): new events are sealed with it;
	earlier epochs stay in the ring to verify what they sealed."""
	keys = ring()
	first = not keys.epochs
	keys = keys.with_new_epoch(
		str(now_datetime()), secrets.token_bytes(32), secrets.token_bytes(32), at_least=highest_epoch() + 1
	)
	if first and keys.unkeyed_events is None:
		keys = keys.with_unkeyed_events(unkeyed_events())
	save(keys)
	return keys.current


def unkeyed_events() -> int:
	"""How many events of the trail have no keyed seal (all of them, before the site's first key)."""
	if not frappe.db.table_exists("Serial Audit Event"):
		return 0
	table = frappe.qb.DocType("Serial Audit Event")
	return frappe.qb.from_(table).select(Count("*")).where(table.key_epoch == 0).run()[0][0]


def highest_epoch() -> int:
	"""The highest key epoch the trail or its checkpoints name: a new key never reuses an epoch."""
	highest = 0
	for doctype in ("Serial Audit Event", "Serial Audit Checkpoint"):
		if frappe.db.table_exists(doctype):
			table = frappe.qb.DocType(doctype)
			highest = max(highest, frappe.qb.from_(table).select(Max(table.key_epoch)).run()[0][0] or 0)
	return highest


def save(keys: core_keys.KeyRing) -> None:
	where = path()
	os.makedirs(os.path.dirname(where), mode=0o700, exist_ok=True)
	temporary = f"{where}.{os.getpid()}.tmp"
	descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
	with os.fdopen(descriptor, "w") as file:
		file.write(core_keys.dumps(keys))
		file.flush()
		os.fsync(file.fileno())
	os.replace(temporary, where)
	_cache.pop(where, None)


def remove() -> bool:
	"""Delete the key file (uninstall: the trail it sealed goes with the app's data)."""
	where = path()
	_cache.pop(where, None)
	try:
		os.remove(where)
		return True
	except FileNotFoundError:
		return False
