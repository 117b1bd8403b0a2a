"""Build the site of an older release for the upgrade tier (.ci/upgrade): install the app and make the
release's history. Runs with the bench's Python while the bench imports that release's code.

    cd <bench>/sites && ../env/bin/python <repo>/.ci/upgrade-build.py install <site>
    cd <bench>/sites && ../env/bin/python <repo>/.ci/upgrade-build.py history <site> <repo> <release>

``install`` is `bench --site <site> install-app serial_tracking`, except that the jobs the app queues
(the audit trail's back-fill) run here, as a worker would, instead of on whatever worker serves the
bench (which imports another checkout's code); ``history`` runs upgrade/<release>/history.py (its
``make()``), with the app's jobs run the same way, and prints what it made as JSON.
"""

import json
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.query_builder.functions import Count

APP = "serial_tracking"
MADE = ("Serial No", "Serial Audit Event", "Stock Ledger Entry", "ToDo", "Maintenance Schedule", "Unit Count")
QUEUE_OPTIONS = {
	"queue",
	"timeout",
	"enqueue_after_commit",
	"job_id",
	"deduplicate",
	"at_front",
	"now",
	"is_async",
	"job_name",
	"event",
	"on_success",
	"on_failure",
}


@contextmanager
def app_jobs_here():
	"""The app's background jobs run here, each after the commit that follows its queueing, as a worker
	takes a job once the request that queued it has committed; yields the names of those that ran."""
	enqueue = frappe.enqueue
	done = []

	def job(name: str, kwargs: dict) -> None:
		frappe.get_attr(name)(**kwargs)
		frappe.db.commit()
		done.append(name)

	def collect(method, **kwargs):
		name = method if isinstance(method, str) else f"{method.__module__}.{method.__qualname__}"
		if not name.startswith(f"{APP}."):
			return enqueue(method, **kwargs)
		kwargs = {k: v for k, v in kwargs.items() if k not in QUEUE_OPTIONS}
		frappe.db.after_commit.add(partial(job, name, kwargs))
		return SimpleNamespace(id=f"upgrade-{len(done)}")

	with patch("frappe.enqueue", side_effect=collect):
		yield done
		frappe.db.commit()


def install() -> dict:
	from frappe.installer import install_app

	with app_jobs_here() as jobs:
		install_app(APP)
	return {"installed": frappe.get_attr(f"{APP}.__version__"), "jobs": jobs}


def history(repo: str, release: str) -> dict:
	sys.path.insert(0, str(Path(repo) / "upgrade"))
	import records

	with app_jobs_here() as jobs:
		records.history_of(release).make()
	counts = {doctype: frappe.db.count(doctype) for doctype in MADE if frappe.db.table_exists(doctype)}
	event = frappe.qb.DocType("Serial Audit Event")
	kinds = frappe.qb.from_(event).select(event.event, Count("*")).groupby(event.event).run()
	return {"release": release, "jobs run": len(jobs), **counts, "events": dict(sorted(kinds))}


def main(command: str, site: str, *args: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		result = install() if command == "install" else history(*args)
		print(json.dumps(result, default=str))
	finally:
		frappe.destroy()


if __name__ == "__main__":
	if len(sys.argv) < 3 or sys.argv[1] not in ("install", "history"):
		sys.exit(__doc__)
	main(*sys.argv[1:])
