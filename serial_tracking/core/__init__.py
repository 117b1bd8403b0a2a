"""Framework-free rules of serial tracking.

Nothing in this package imports Frappe or ERPNext. Functions take plain values and the I/O they
need (counters, clocks, holidays) as parameters, and raise :class:`~serial_tracking.platform.core.errors.RuleError`
subclasses whose messages the Frappe layer translates.
"""
