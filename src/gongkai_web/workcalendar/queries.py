"""The stored holiday arrangement as the core's calendar objects."""

from __future__ import annotations

from gongkai.workdays import WorkCalendar, YearCalendar
from gongkai_web.workcalendar.models import CalendarYear, DayKind


def year_calendar(stored: CalendarYear) -> YearCalendar:
    """The core YearCalendar of one stored year (raises CalendarDataError if the rows contradict)."""
    days = list(stored.days.all())
    return YearCalendar(
        year=stored.year,
        holidays=frozenset(day.date for day in days if day.kind == DayKind.HOLIDAY),
        workdays=frozenset(day.date for day in days if day.kind == DayKind.WORKDAY),
        source=stored.source,
        holiday_names={day.date: day.name for day in days if day.name},
    )


def work_calendar() -> WorkCalendar:
    """Every stored year as one WorkCalendar; dates in other years are provisional (暂定) in the core."""
    return WorkCalendar(year_calendar(stored) for stored in CalendarYear.objects.prefetch_related("days"))
