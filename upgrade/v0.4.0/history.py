"""A shop's history on serial_tracking v0.4.0 (c72fcd8, 2026-12-03): the same as on v0.3.0
(upgrade/v0.3.0/history.py), the capabilities being the same; v0.4.0's install turns on ERPNext 16's
"Enable Serial / Batch No for Item" itself, so on ERPNext 16 the history finds it on.
"""

import records as r


def make() -> None:
	r.history_of("v0.3.0").make()
