"""Install, migrate and uninstall: the app's additions to ERPNext, applied and removed as code."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from serial_tracking.audit import keys
from serial_tracking.custom_fields import CUSTOM_FIELDS, PROPERTY_SETTERS, VARIANT_FIELDS
from serial_tracking.platform import compat, prepared_reports
from serial_tracking.series.core.tracking import QUANTITY, SERIALIZED, SOURCE_BLANK, SOURCE_MANUAL

APP = "serial_tracking"
MODULE = "Serial Tracking"
SETTINGS = "Serial Tracking Settings"


def after_install():
	apply_customizations()
	enable_serial_batch()
	keys.start_epoch()  # a new key epoch: a reinstall never reuses the key of an earlier install
	queue_backfill()


def after_migrate():
	apply_customizations()


def before_uninstall():
	keys.remove()  # the key goes with the trail it sealed
	remove_variant_fields()
	remove_property_setters()
	remove_custom_fields()
	remove_desk_entries()
	remove_scheduled_jobs()
	remove_prepared_reports()
	remove_patch_log()


def remove_scheduled_jobs():
	"""The Scheduled Job Types Frappe made from the app's scheduler events (and their logs): Frappe's
	uninstall leaves them until the next migrate, and the scheduler meanwhile runs a method of an app the
	site no longer has ("App serial_tracking is not installed", daily)."""
	job = frappe.qb.DocType("Scheduled Job Type")
	for name in frappe.qb.from_(job).select(job.name).where(job.method.like(f"{APP}.%")).run(pluck=True):
		frappe.delete_doc("Scheduled Job Type", name, ignore_permissions=True, force=True)  # logs too


def remove_patch_log():
	"""Frappe's record of the app's patches. An install marks every patch of the version it installs as run,
	inserting the rows again (each patch twice after an uninstall that left them), and a later install of
	an older version would find the newer patches run before its upgrade could run them."""
	log = frappe.qb.DocType("Patch Log")
	frappe.qb.from_(log).delete().where(log.patch.like(f"{APP}.%")).run()


def remove_prepared_reports():
	"""Prepared results of the app's reports (its heavy reports run as prepared reports when the setting
	says so): Frappe deletes the reports, not what they left."""
	report, prepared = frappe.qb.DocType("Report"), frappe.qb.DocType("Prepared Report")
	names = (
		frappe.qb.from_(prepared)
		.join(report)
		.on(report.name == prepared.report_name)
		.select(prepared.name)
		.where(report.module == MODULE)
	).run(pluck=True)
	for name in names:
		frappe.delete_doc("Prepared Report", name, ignore_permissions=True, force=True)  # its file too


def remove_desk_entries():
	"""Frappe 16's sidebar and desktop icons of the app (Frappe 15 has none)."""
	for doctype, name in compat.desk_entries(
		APP, frappe.get_all("Workspace", {"module": MODULE}, pluck="name")
	):
		frappe.delete_doc(doctype, name, ignore_permissions=True, force=True, ignore_on_trash=True)


def enable_serial_batch():
	"""Turn on ERPNext 16's Stock Settings switch "Enable Serial / Batch No for Item", as ERPNext's own
	patch does on a site that has serials: the app serializes items, and with the switch off ERPNext
	refuses every Serial and Batch Bundle. Nothing on ERPNext 15, which has no switch."""
	field = compat.SERIAL_BATCH_SWITCH
	if not field or frappe.db.get_single_value("Stock Settings", field):
		return
	frappe.db.set_single_value("Stock Settings", field, 1)
	frappe.db.set_default(field, 1)  # what the desk reads to show the serial fields


def queue_backfill():
	"""Write the audit trail of the units the site already has, in the background (progress shown
	to whoever installed the app); ``bench --site <site> serial-tracking-backfill`` does it by hand."""
	try:
		frappe.enqueue(
			"serial_tracking.audit.backfill.backfill_all",
			queue="long",
			timeout=7200,
			enqueue_after_commit=True,
			job_id="serial_tracking_backfill",
			deduplicate=True,
		)
	except Exception:
		print("Could not queue the audit trail back-fill; run: bench --site <site> serial-tracking-backfill")


def apply_customizations():
	"""Create or update the app's fields and properties on ERPNext doctypes; safe to run again."""
	fields = {
		doctype: [{**field, "module": MODULE, "is_system_generated": 1} for field in doctype_fields]
		for doctype, doctype_fields in CUSTOM_FIELDS.items()
	}
	create_custom_fields(fields, ignore_validate=True)
	for setter in PROPERTY_SETTERS:
		frappe.make_property_setter(setter, module=MODULE)
	add_variant_fields()
	backfill_tracking_mode()
	settings_defaults()
	prepared_reports.apply()


def backfill_tracking_mode():
	"""Give every item the mode its has_serial_no says, and serialized items a serial source."""
	item = frappe.qb.DocType("Item")
	for mode, has_serial_no in ((SERIALIZED, 1), (QUANTITY, 0)):
		(
			frappe.qb.update(item)
			.set(item.st_tracking_mode, mode)
			.where(item.has_serial_no == has_serial_no)
			.where(item.st_tracking_mode.isnull() | (item.st_tracking_mode != mode))
		).run()

	no_source = item.st_serial_source.isnull() | (item.st_serial_source == "")
	has_series = item.serial_no_series.isnotnull() & (item.serial_no_series != "")
	for source, condition in ((SOURCE_BLANK, has_series), (SOURCE_MANUAL, ~has_series)):
		(
			frappe.qb.update(item)
			.set(item.st_serial_source, source)
			.where((item.has_serial_no == 1) & no_source & condition)
		).run()


def settings_defaults():
	"""Give Serial Tracking Settings the defaults of the fields it has never saved, and only those: on a
	new site every field, after an upgrade the fields the new version added. A field never saved has no
	row in tabSingles; its value cannot tell (Frappe reads a missing Int or Check as 0, as a saved 0)."""
	singles = frappe.qb.DocType("Singles")
	saved = set(
		frappe.qb.from_(singles).select(singles.field).where(singles.doctype == SETTINGS).run(pluck=True)
	)
	for field in frappe.get_meta(SETTINGS).fields:
		if field.default and field.fieldname not in saved:
			# on settings a site saved, a default is no edit of theirs: their modified date stays
			frappe.db.set_single_value(SETTINGS, field.fieldname, field.default, update_modified=not saved)


def add_variant_fields():
	settings = frappe.get_single("Item Variant Settings")
	present = {row.field_name for row in settings.fields}
	missing = [field for field in VARIANT_FIELDS if field not in present]
	if not missing:
		return
	for field in missing:
		settings.append("fields", {"field_name": field})
	settings.flags.ignore_permissions = True
	settings.save()


def remove_variant_fields():
	settings = frappe.get_single("Item Variant Settings")
	keep = [row for row in settings.fields if row.field_name not in VARIANT_FIELDS]
	if len(keep) == len(settings.fields):
		return
	settings.set("fields", keep)
	settings.flags.ignore_permissions = True
	settings.save()


def remove_property_setters():
	for setter in PROPERTY_SETTERS:
		frappe.db.delete(
			"Property Setter",
			{
				"doc_type": setter["doctype"],
				"field_name": setter["fieldname"],
				"property": setter["property"],
			},
		)
		frappe.clear_cache(doctype=setter["doctype"])


def remove_custom_fields():
	"""Delete the custom fields and drop their columns, so ERPNext's tables are as they were."""
	for doctype, fields in CUSTOM_FIELDS.items():
		fieldnames = [field["fieldname"] for field in fields]
		frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": ("in", fieldnames)})
		frappe.model.delete_fields({doctype: fieldnames}, delete=1)
		frappe.clear_cache(doctype=doctype)
