"""When an import may go ahead, and when it may be taken back."""

from collections.abc import Mapping

from serial_tracking.platform.core.i18n import Term, _
from serial_tracking.unit_import.core.errors import ImportRuleError
from serial_tracking.unit_import.core.judge import CHANGE, ERROR, NEW


def check_importable(
	totals: Mapping[str, int], *, skip_errors: bool, first_error: tuple[int, str] | None = None
) -> None:
	"""An import goes ahead with something to do, and with errors only when they are to be skipped
	(``first_error``: the line and message of the first row with one, to name it)."""
	if totals.get(ERROR) and not skip_errors:
		row, problem = first_error or ("-", "-")
		raise ImportRuleError(
			_(
				"Rows with errors: {count} (the first is row {row}: {problem}). Correct the file and save again, or tick Skip Rows with Errors to import the others."
			),
			count=totals[ERROR],
			row=row,
			problem=problem,
		)
	if not totals.get(NEW) and not totals.get(CHANGE):
		raise ImportRuleError(_("Nothing to import: no row brings a unit in or changes one."))


def check_unmoved(later: list[tuple[str, str, str | None, str | None]]) -> None:
	"""Cancelling an import takes its units out again and undoes its changes: refused while a unit has
	moved or changed since, by anything but the import (``later``: serial, event, voucher type and no.)."""
	if later:
		serial, event, voucher_type, voucher_no = later[0]
		raise ImportRuleError(
			_(
				"Unit {serial} changed after the import ({event}, {voucher}): cancel that first, or leave the import as it is."
			),
			serial=serial,
			event=Term(event),
			voucher=" ".join(x for x in (voucher_type, voucher_no) if x) or "-",
		)
