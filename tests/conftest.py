# The pure tier (`python3 -m pytest tests`) needs no bench: the browser suite runs only through
# .ci/browser, which points pytest at tests/browser itself.
collect_ignore = ["browser"]
