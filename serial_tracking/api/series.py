import frappe
from frappe import _
from frappe.utils import getdate

from serial_tracking.api import arguments
from serial_tracking.platform.core.errors import RuleError
from serial_tracking.platform.messages import translate
from serial_tracking.series import series_counter
from serial_tracking.series.core import series_rules
from serial_tracking.series.item_settings import group_templates

TEMPLATE_LENGTH = 1000


@frappe.whitelist()
@frappe.read_only()
def preview(template: str | None = None, item_code: str | None = None, item_group: str | None = None) -> dict:
	"""The next serials a template would give, without reserving them; or why the template is invalid.

	Tokens that depend on the transaction (supplier, warehouse) show their name in their place.
	"""
	frappe.has_permission("Item", "read", throw=True)
	template = arguments.text(template, _("Series Template"), limit=TEMPLATE_LENGTH)
	item_code = arguments.text(item_code, _("Item Code"), limit=arguments.NAME_LENGTH)
	item_group = arguments.text(item_group, _("Item Group"), limit=arguments.NAME_LENGTH)
	template = template or (item_group and group_templates([item_group]).get(item_group))
	if not template:
		return {"serials": [], "template": None}
	company = frappe.defaults.get_user_default("Company")
	context = series_rules.SeriesContext(
		posting_date=getdate(),
		item_code=item_code or _("ITEM"),
		item_group=item_group or _("GROUP"),
		supplier=_("SUPPLIER"),
		warehouse=_("WAREHOUSE"),
		warehouse_abbr=_("WH"),
		company_abbr=(company and frappe.get_cached_value("Company", company, "abbr")) or _("ABBR"),
		fiscal_year=_("FY"),
	)
	try:
		parsed = series_rules.parse(template)
		current = series_counter.current(series_rules.counter_key(parsed, context))
		return {"serials": series_rules.preview(parsed, context, current), "template": template}
	except RuleError as error:
		return {"error": translate(error), "template": template}
