"""The demo data as a background job (from the desk): one at a time, with a progress bar, and a
message to the user who started it when it is done or failed (then nothing of it remains)."""

import frappe
from frappe import _

from serial_tracking.demo import loader as demo
from serial_tracking.platform.job_lock import exclusive

DONE = "st_demo_done"


def enqueue(action: str, company: str | None = None) -> None:
	frappe.enqueue(
		"serial_tracking.demo.job.run",
		queue="long",
		timeout=1800,
		action=action,
		company=company,
		user=frappe.session.user,
		enqueue_after_commit=True,
	)


def run(action: str, user: str, company: str | None = None) -> dict:
	frappe.set_user(user)
	with exclusive("demo", wait=0) as got:
		if not got:
			return finish(user, False, _("The demo data is already being loaded or removed."))
		try:
			result = demo.remove() if action == "remove" else demo.load(company)
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			return finish(user, False, frappe.utils.strip_html(str(error)) or repr(error))
	if message := result.get("message"):
		return finish(user, True, message)
	if action == "remove":
		return finish(user, True, _("The demo data was removed."))
	return finish(user, True, _("The demo data was loaded into {0}.").format(result["company"]))


def finish(user: str, ok: bool, message: str) -> dict:
	frappe.publish_realtime(DONE, {"ok": ok, "message": message}, user=user)
	return {"ok": ok, "message": message}
