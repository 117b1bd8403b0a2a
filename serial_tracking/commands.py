"""bench commands: ``bench --site <site> serial-tracking-backfill`` and ``serial-tracking-verify``."""

import click

import frappe
from frappe.commands import get_site, pass_context


@click.command("serial-tracking-backfill")
@click.option("--batch-size", default=1000, help="Units per batch (each batch is committed).")
@pass_context
def backfill(context, batch_size):
	"""Back-fill the serial audit trail from existing stock history; running it again changes nothing."""
	from serial_tracking.services.audit_backfill import backfill_all

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		units = backfill_all(batch_size=batch_size, progress=False)
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.echo(f"Back-filled the history of {units} units.")


@click.command("serial-tracking-verify")
@pass_context
def verify(context):
	"""Verify every unit's chain of audit events; exits 1 and lists the breaks when any is broken."""
	from serial_tracking.messages import render
	from serial_tracking.services.audit_verify import verify_chains

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		problems = verify_chains()
		lines = [render(p.message, p.params, bold=False) for p in problems]
	finally:
		frappe.destroy()
	for line in lines:
		click.echo(line)
	click.echo(f"{len({p.serial_no for p in problems})} broken chains, {len(problems)} breaks.")
	if problems:
		raise SystemExit(1)


commands = [backfill, verify]
