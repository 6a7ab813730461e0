"""Storing years of the holiday arrangement; every year passes through the core's YearCalendar checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from gongkai.workdays import YearCalendar, years_from_chinese_calendar
from gongkai_web.accounts.models import User
from gongkai_web.workcalendar.models import CalendarDay, CalendarYear, DayKind
from gongkai_web.workcalendar.queries import year_calendar
from gongkai_web.workcalendar.signals import year_stored

PACKAGE_SOURCE_PREFIX = "chinese-calendar "


class ImportOutcome(StrEnum):
    CREATED = "created"  # the year was not stored
    UNCHANGED = "unchanged"  # stored with the same data and source
    UPDATED = "updated"  # stored from an earlier chinese-calendar; replaced by the package's data
    KEPT = "kept"  # stored from another source (an administrator) and different; left alone


@dataclass(frozen=True)
class YearImport:
    year: int
    outcome: ImportOutcome
    source: str


@transaction.atomic
def store_year(*, calendar: YearCalendar, user: User | None = None) -> CalendarYear:
    """Store ``calendar``, replacing the days of a year already stored, and record who did it."""
    stored, created = CalendarYear.objects.select_for_update().get_or_create(
        year=calendar.year, defaults={"source": calendar.source, "created_by": user, "edited_by": user}
    )
    if not created:
        stored.source = calendar.source
        stored.edited_by = user
        stored.save()
        stored.days.all().delete()
    days = [
        CalendarDay(calendar_year=stored, date=date, kind=kind, name=calendar.holiday_names.get(date, ""))
        for kind, dates in ((DayKind.HOLIDAY, calendar.holidays), (DayKind.WORKDAY, calendar.workdays))
        for date in sorted(dates)
    ]
    CalendarDay.objects.bulk_create(days)
    year_stored.send(sender=CalendarYear, year=calendar.year)
    return stored


@transaction.atomic
def import_years_from_package(
    *, years: Iterable[int] | None = None, user: User | None = None
) -> list[YearImport]:
    """Store the years the installed ``chinese-calendar`` covers (or ``years``); safe to run again.

    A year an administrator entered from another source is never overwritten by the package: it is
    reported as ``kept`` when the two differ. A requested year the package does not cover raises
    :class:`gongkai.workdays.YearNotCoveredError` and nothing is stored.
    """
    results = []
    for calendar in years_from_chinese_calendar(years):
        stored = CalendarYear.objects.filter(year=calendar.year).first()
        if stored is None:
            store_year(calendar=calendar, user=user)
            outcome = ImportOutcome.CREATED
        elif year_calendar(stored) == calendar and stored.source == calendar.source:
            outcome = ImportOutcome.UNCHANGED
        elif stored.source.startswith(PACKAGE_SOURCE_PREFIX):
            store_year(calendar=calendar, user=user)
            outcome = ImportOutcome.UPDATED
        else:
            outcome = ImportOutcome.KEPT
        results.append(YearImport(calendar.year, outcome, calendar.source))
    return results
