"""The stored holiday arrangement as the core's calendar objects."""

from __future__ import annotations

import threading

from django.db import connection

from gongkai.workdays import WorkCalendar, YearCalendar
from gongkai_web.workcalendar.models import CalendarDay, CalendarYear, DayKind

_cache_lock = threading.Lock()
_cached: tuple[tuple[object, ...], WorkCalendar] | None = None


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


def _stored_version() -> tuple[object, ...]:
    """The years' count and latest edit, the days' count and highest id, in one round trip."""
    quote = connection.ops.quote_name
    years, days = quote(CalendarYear._meta.db_table), quote(CalendarDay._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {years}), (SELECT MAX({quote('edited_at')}) FROM {years}),"
            f" (SELECT COUNT(*) FROM {days}), (SELECT MAX({quote('id')}) FROM {days})"
        )
        row = cursor.fetchone()
    return tuple(row)


def work_calendar() -> WorkCalendar:
    """Every stored year as one WorkCalendar; dates in other years are provisional (暂定) in the core.

    Building it reads every stored day (some 8 000 rows, about 10 ms), so the result is kept per
    process and rebuilt when the stored data change: one aggregate query compares the years' edit
    times and the days' count and highest id (storing a year replaces its days, so new ids).
    """
    global _cached  # noqa: PLW0603  -- one per process, guarded by the lock
    version = _stored_version()
    with _cache_lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
    calendar = WorkCalendar(year_calendar(stored) for stored in CalendarYear.objects.prefetch_related("days"))
    with _cache_lock:
        _cached = (version, calendar)
    return calendar
