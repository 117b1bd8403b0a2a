"""Write serial_tracking/locale/main.pot with Frappe's own extraction (``bench generate-pot-file``).

    cd <bench>/sites && <bench>/env/bin/python <repo>/.ci/generate-pot.py [app]

The same as ``bench generate-pot-file --app serial_tracking`` on a bench whose apps/serial_tracking is a
real folder. Frappe's navbar extractor imports each hooks.py by its path relative to the bench
(apps/<app>/<app>/hooks.py), which fails for an app linked into the bench from elsewhere (as dev-bench
and run-tests link this working tree): here that extractor measures from two folders above the app's
source, which is the bench for an app under apps/. Nothing else differs. Use Frappe 16's bench: its
extractors are a superset of Frappe 15's (custom fields, desktop icons).
"""

import sys
from pathlib import Path

import frappe


def main(app: str) -> None:
	frappe.init("", sites_path=".")
	from frappe.gettext import translate
	from frappe.gettext.extractors import navbar

	source = Path(frappe.get_app_source_path(app)).resolve()
	navbar.get_bench_path = lambda: str(source.parent.parent)
	translate.generate_pot(app)


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "serial_tracking")
