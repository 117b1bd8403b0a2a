"""Pure tier settings.

The browser suite runs only through .ci/browser, which points pytest at tests/browser itself.

Hypothesis profiles: ``ci`` (what .ci/run and the GitHub workflow use) is derandomized, so CI sees
the same examples on every run and cannot flake; ``dev`` (the default) explores new examples on
every local run. Examples that once failed are pinned in the tests with ``@example``.
"""

import os

from hypothesis import HealthCheck, settings

collect_ignore = ["browser"]

settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
