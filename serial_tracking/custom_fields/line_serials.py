"""The serials of each line of a submitted voucher, as a short text (``series.core.serial_ranges``): filled at
submit by ``series.line_serials``, printed with the line."""

from serial_tracking.platform.core.i18n import _
from serial_tracking.series.line_serials import FIELD, VOUCHERS

SERIALS = {
	"fieldname": FIELD,
	"fieldtype": "Small Text",
	"label": _("Serials"),
	"insert_after": "serial_and_batch_bundle",
	"read_only": 1,
	"allow_on_submit": 1,
	"no_copy": 1,
	"print_hide": 0,
	"description": _(
		"The units of this line, written at submit: consecutive serials as first .. last (count), "
		"then the makers' serials."
	),
}

# Under the voucher's lines, the serials of each (public/js/line_serials.js): where a user reads the lines.
SERIALS_TABLE = {
	"fieldname": "st_serials_html",
	"fieldtype": "HTML",
	"label": _("Serials"),
	"insert_after": "items",
	"depends_on": "eval:doc.docstatus > 0",
}

LINE_SERIALS = {
	**{line: [SERIALS] for line in VOUCHERS.values()},
	**{voucher: [SERIALS_TABLE] for voucher in VOUCHERS},
}
