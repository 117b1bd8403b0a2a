"""bench commands of the audit trail: ``bench --site <site> serial-tracking-backfill``, ``-verify``,
``-checkpoint``, ``-proof``, ``-audit-key``; ``bench serial-tracking-check-proof`` needs no site; and
``bench --site <site> serial-tracking-demo`` (demo data)."""

import json

import click

import frappe
from frappe.commands import get_site, pass_context

import serial_tracking.audit.checkpoints
import serial_tracking.audit.keys


def connected(context):
	frappe.init(site=get_site(context))
	frappe.connect()


def write_json(data: dict, out: str | None) -> None:
	text = json.dumps(data, indent=1)
	if out:
		with open(out, "w") as file:
			file.write(text + "\n")
		click.echo(f"Written to {out}")
	else:
		click.echo(text)


@click.command("serial-tracking-backfill")
@click.option("--batch-size", default=1000, help="Units per batch (each batch is committed).")
@pass_context
def backfill(context, batch_size):
	"""Back-fill the serial audit trail from existing stock history; running it again changes nothing."""
	from serial_tracking.audit.backfill import backfill_all

	connected(context)
	try:
		units = backfill_all(batch_size=batch_size, progress=False)
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.echo(f"Back-filled the history of {units} units.")


@click.command("serial-tracking-verify")
@click.option("--checkpoint", "checkpoint_file", help="An exported checkpoint (JSON) to verify against.")
@pass_context
def verify(context, checkpoint_file):
	"""Verify every unit's chain of audit events under the site's keys, and against the latest checkpoint
	(or the one given); exits 1 and lists the breaks when anything is broken."""
	from serial_tracking.audit.verifier import report, verify_trail

	against = open(checkpoint_file).read() if checkpoint_file else None
	connected(context)
	try:
		result = report(verify_trail(against=against), shown=10**9)
	finally:
		frappe.destroy()
	for problem in result["problems"]:
		click.echo(problem["message"])
	where = f"against checkpoint {result['checkpoint']}" if result["checkpoint"] else "no checkpoint yet"
	click.echo(f"{result['units']} units, {result['events']} events verified ({where}).")
	for note in ("unkeyed", "limits"):
		if result[note]:
			click.echo(result[note])
	click.echo(
		f"{result['broken_units']} broken chains, {result['broken_checkpoints']} broken checkpoints, "
		f"{len(result['problems'])} breaks."
	)
	if result["problems"]:
		raise SystemExit(1)


@click.command("serial-tracking-checkpoint")
@click.option("--out", help="Also export the new checkpoint to this file (JSON), for the auditor.")
@click.option("--export-only", type=int, help="Export this existing checkpoint instead of writing one.")
@pass_context
def checkpoint(context, out, export_only):
	"""Write a signed checkpoint of every unit's chain now (the scheduler writes one daily)."""

	connected(context)
	try:
		if export_only:
			data = serial_tracking.audit.checkpoints.export(export_only)
		else:
			written = serial_tracking.audit.checkpoints.write()
			click.echo(f"Checkpoint {written['number']} written ({written['name']}).")
			for serial in written["held"]:
				click.echo(f"Held back (lost ground since the checkpoint before): {serial}")
			data = serial_tracking.audit.checkpoints.export(written["number"]) if out else None
	finally:
		frappe.destroy()
	if data:
		write_json(data, out)


@click.command("serial-tracking-proof")
@click.argument("serial_no")
@click.option("--number", type=int, help="The checkpoint (the latest by default).")
@click.option("--out", help="Write the proof to this file (JSON).")
@pass_context
def proof(context, serial_no, number, out):
	"""The inclusion proof of one unit's chain head in a checkpoint, with the checkpoint."""

	connected(context)
	try:
		data = serial_tracking.audit.checkpoints.proof(serial_no, number)
	finally:
		frappe.destroy()
	write_json(data, out)


@click.command("serial-tracking-check-proof")
@click.argument("proof_file")
@click.option("--checkpoint", "checkpoint_file", help="The auditor's own copy of the checkpoint (JSON).")
@click.option("--public-key", help="The site's public key (hex) the checkpoint must be signed with.")
def check_proof(proof_file, checkpoint_file, public_key):
	"""Check an inclusion proof offline, without a site: is the unit's head in the signed checkpoint?"""
	from serial_tracking.audit.core import checkpoint as core

	data = json.load(open(proof_file))
	statement, signature, public = core.parse(
		open(checkpoint_file).read() if checkpoint_file else data["checkpoint"]
	)
	signed = core.signature_valid(statement, signature, public) and public == (public_key or public)
	holds = core.proof_holds(data["proof"], statement)
	click.echo(f"Checkpoint {statement.number}: signature {'valid' if signed else 'INVALID'}.")
	click.echo(
		f"{data['proof']['serial_no']} at event #{data['proof']['seq']}: {'included' if holds else 'NOT included'}."
	)
	if not (signed and holds):
		raise SystemExit(1)


@click.command("serial-tracking-audit-key")
@click.option(
	"--new-epoch", is_flag=True, help="Rotate: start a new key epoch (earlier ones are kept to verify)."
)
@pass_context
def audit_key(context, new_epoch):
	"""Show where the audit key ring lives and its epochs (never a secret); --new-epoch rotates."""

	connected(context)
	try:
		if new_epoch:
			epoch = serial_tracking.audit.keys.start_epoch()
			click.echo(f"Key epoch {epoch.number} started.")
		path, ring = serial_tracking.audit.keys.path(), serial_tracking.audit.keys.ring()
	finally:
		frappe.destroy()
	click.echo(f"Key file: {path}")
	for epoch in ring.epochs:
		state = f"retired {epoch.retired}" if epoch.retired else "current"
		click.echo(f"Epoch {epoch.number}: since {epoch.created}, {state}; public key {epoch.public_key}")
	if not ring.epochs:
		click.echo("No key: events cannot be written until one is restored or a new epoch is started.")


@click.command("serial-tracking-demo")
@click.option(
	"--company", help="Company to load the demo business into (default: the site's default company)."
)
@click.option("--remove", is_flag=True, help="Cancel and delete everything the demo made.")
@pass_context
def demo(context, company=None, remove=False):
	"""Load demo data (a small business with a year of history), or remove it again; loading twice
	loads once."""
	import time

	from serial_tracking.demo import loader as demo_data

	connected(context)
	started = time.monotonic()
	try:
		frappe.set_user("Administrator")
		result = demo_data.remove(progress=False) if remove else demo_data.load(company, progress=False)
		frappe.db.commit()
	except frappe.ValidationError as error:
		frappe.db.rollback()
		click.echo(frappe.utils.strip_html(str(error)), err=True)
		raise SystemExit(1) from error
	finally:
		frappe.destroy()
	seconds = time.monotonic() - started
	if result.get("message"):
		click.echo(result["message"])
	elif remove:
		click.echo(f"Removed the demo data ({result['records']} records) in {seconds:.0f} s.")
	else:
		made = ", ".join(f"{n} {doctype}" for doctype, n in sorted(result["records"].items()))
		units = ", ".join(f"{n} {status}" for status, n in sorted(result["units"].items()))
		click.echo(f"Loaded the demo data into {result['company']} in {seconds:.0f} s: {made}.")
		click.echo(f"Units: {units}.")


commands = [backfill, verify, checkpoint, proof, check_proof, audit_key, demo]
