"""Demo data: a small business with a year of history, built through ERPNext documents so every
report, chart, history and number card of the app shows something real; removable again.

``bench --site <site> serial-tracking-demo [--company C] [--remove]``, or from Serial Tracking Settings
on a site in developer mode or with allow_tests (System Manager). Loading twice loads once; removal
works from the log of what the demo made (Serial Tracking Demo Record) and leaves the site's own
records alone.
"""
