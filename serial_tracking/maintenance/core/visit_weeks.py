"""Upcoming Maintenance's chart: visits per week as a user reads it. Visits already late are one bar,
*Overdue*, first; then every week from the current one to the last with a visit (weeks with none
included, so the axis runs evenly), each named by its Monday."""

from collections import Counter
from datetime import date, timedelta

OVERDUE = "overdue"


def monday(day: date) -> date:
	return day - timedelta(days=day.weekday())


def visits_per_week(visits: list[date], today: date) -> list[tuple[str | date, int]]:
	"""(``OVERDUE`` or a week's Monday, visits) in order; nothing when there is no visit."""
	late = sum(1 for visit in visits if visit < today)
	weeks = Counter(monday(visit) for visit in visits if visit >= today)
	bars: list[tuple[str | date, int]] = [(OVERDUE, late)] if late else []
	if weeks:
		week, last = monday(today), max(weeks)
		while week <= last:
			bars.append((week, weeks.get(week, 0)))
			week += timedelta(days=7)
	return bars
