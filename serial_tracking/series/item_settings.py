"""How each serialized item gets its serials: source and series template (item's own, else its group's)."""

import frappe

from serial_tracking.series.core.tracking import SERIALIZED


def serial_settings(item_codes) -> dict[str, frappe._dict]:
	"""Settings of the serialized items among ``item_codes``, in two queries."""
	if not item_codes:
		return {}
	item = frappe.qb.DocType("Item")
	rows = (
		frappe.qb.from_(item)
		.select(
			item.name,
			item.item_name,
			item.description,
			item.item_group,
			item.st_serial_source.as_("source"),
			item.st_series_template.as_("template"),
			item.serial_no_series.as_("erpnext_series"),
		)
		.where(item.name.isin(list(item_codes)) & (item.st_tracking_mode == SERIALIZED))
	).run(as_dict=True)
	groups = {row.item_group for row in rows if not row.template}
	defaults = group_templates(groups) if groups else {}
	for row in rows:
		row.template = row.template or defaults.get(row.item_group)
	return {row.name: row for row in rows}


def group_defaults(groups, fields: tuple[str, ...]) -> dict[str, frappe._dict]:
	"""The values of ``fields`` each item group passes to its items: field by field, its own or its
	nearest ancestor's that has one (Item Group is a nested set)."""
	if not groups:
		return {}
	group = frappe.qb.DocType("Item Group")
	ancestor = frappe.qb.DocType("Item Group").as_("ancestor")
	rows = (
		frappe.qb.from_(group)
		.join(ancestor)
		.on((ancestor.lft <= group.lft) & (ancestor.rgt >= group.rgt))
		.select(group.name.as_("group_name"), *(ancestor[f] for f in fields))
		.where(group.name.isin(list(groups)))
		.orderby(ancestor.lft)
	).run(as_dict=True)
	out: dict[str, frappe._dict] = {}
	for row in rows:  # ancestors come root first: deeper ones overwrite
		merged = out.setdefault(row.group_name, frappe._dict())
		for field in fields:
			if row.get(field):
				merged[field] = row[field]
	return out


def group_templates(groups) -> dict[str, str]:
	"""The series template each group passes to its items."""
	defaults = group_defaults(groups, ("st_series_template",))
	return {
		name: values.st_series_template
		for name, values in defaults.items()
		if values.get("st_series_template")
	}
