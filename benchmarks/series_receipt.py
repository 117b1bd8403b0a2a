"""A Purchase Receipt of N serialized units whose serials are generated at submit.

Compares the app's template path with ERPNext's own path (the item's plain Serial Number Series,
which calls ``make_autoname`` once per unit) on the same site, in the same run:

* generation alone: ERPNext's loop vs one reservation + formatting (target >= 20x faster);
* the whole submit with every hook of the app on vs ERPNext's native submit (target <= 0.8x).
"""

import sys
from pathlib import Path

from _bench import connect, interleaved, report, timed

import frappe
from frappe.model.naming import NamingSeries, make_autoname, parse_naming_series
from frappe.utils import nowdate

from serial_tracking.platform import compat
from serial_tracking.series import series_counter
from serial_tracking.series.core import series_rules
from serial_tracking.series.intake import existing_serials
from serial_tracking.tests import factories

sys.path.insert(0, str(Path(__file__).resolve().parent))


def receipt(item_code: str, units: int):
	doc = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"company": factories.COMPANY,
			"supplier": factories.SUPPLIER,
			"posting_date": nowdate(),
			"items": [{"item_code": item_code, "qty": units, "rate": 10, "warehouse": factories.warehouse()}],
		}
	)
	doc.insert()
	return doc


def erpnext_generation(naming_series: str, units: int) -> list[str]:
	"""Serials named as ERPNext names those it generates for a receipt line: make_autoname per serial
	(ERPNext 15), or one counter read and update around parse_naming_series (ERPNext 16)."""
	if not compat.SERIES_COUNTER_PER_LINE:
		return [make_autoname(naming_series, "Serial No") for _ in range(units)]
	counter = NamingSeries(naming_series)
	current = counter.get_current_value()
	serials = []
	for _ in range(units):
		current += 1
		serials.append(
			parse_naming_series(
				naming_series, number_generator=lambda _p, digits, n=current: f"{n:0{digits}d}"
			)
		)
	counter.update_counter(current)
	return serials


def main():
	args = connect(__doc__)
	units = args.units or 10_000
	factories.ensure_test_world()
	tag = frappe.generate_hash(length=5).upper()
	native = factories.make_item(f"BENCH-N-{tag}", has_serial_no=1, serial_no_series=f"BN{tag}-.#####")
	ours = factories.make_item(
		f"BENCH-T-{tag}", st_tracking_mode="Serialized", st_series_template=f"BT{tag}-{{YY}}-{{#####}}"
	)
	frappe.db.commit()

	template = series_rules.parse(ours.st_series_template)
	context = series_rules.SeriesContext(posting_date=frappe.utils.getdate())
	gen_native = timed(lambda: erpnext_generation(f"BG{tag}-.#####", units), args.repeat)
	gen_ours = timed(
		lambda: series_rules.generate(
			template, context, units, series_counter.reserve, taken=existing_serials
		),
		args.repeat,
	)

	def submit(item_code):
		doc = receipt(item_code, units)
		doc.submit()
		assert frappe.db.count("Serial No", {"item_code": item_code, "warehouse": ("is", "set")}) == units

	for item_code in (native.name, ours.name):  # warm caches before timing
		timed(lambda item_code=item_code: receipt(item_code, 20).submit(), 1)
	times = interleaved(
		{
			"native": (lambda: submit(native.name), False),
			"native+app": (lambda: submit(native.name), True),
			"app": (lambda: submit(ours.name), True),
		},
		args.repeat,
	)
	submit_native_plain, submit_native_app, submit_ours = times["native"], times["native+app"], times["app"]

	report(
		f"Purchase Receipt of {units} generated serials (median of {args.repeat})",
		[
			(f"generation: ERPNext {compat.ERPNEXT_MAJOR}'s own naming of {units} serials", gen_native),
			("generation: app template, one reservation", gen_ours),
			("submit: ERPNext series, app hooks off (native)", submit_native_plain),
			("submit: ERPNext series, app hooks on", submit_native_app),
			("submit: app template, every app hook on", submit_ours),
		],
		[
			("generation speed-up (ERPNext loop / app)", gen_native / gen_ours, ">= 20x"),
			("whole submit (app / native, app hooks off)", submit_ours / submit_native_plain, "<= 0.8x"),
			("whole submit (app / native, app hooks on)", submit_ours / submit_native_app, "<= 0.8x"),
		],
	)


if __name__ == "__main__":
	main()
