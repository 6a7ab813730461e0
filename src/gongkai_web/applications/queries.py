"""Reads about applications: where a case stands and its deadline, both computed from its events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gongkai.cases import CaseState, replay
from gongkai.clock import ClockState
from gongkai.workdays import WorkCalendar
from gongkai_web.applications.models import Application, ApplicationEvent, CaseLogEntry
from gongkai_web.applications.projection import clock_of
from gongkai_web.workcalendar.queries import work_calendar


def events_of(application: Application) -> list[ApplicationEvent]:
    """The application's events in the order they were recorded (the order of the case)."""
    return list(ApplicationEvent.objects.filter(application=application).order_by("id"))


def history_of(application: Application) -> list[CaseLogEntry]:
    """Every line of the case log, oldest first, with who wrote it."""
    return list(CaseLogEntry.objects.filter(application=application).select_related("actor").order_by("id"))


def case_state(application: Application, events: Sequence[ApplicationEvent] | None = None) -> CaseState:
    """The core's state of the case (with the decision once closed): its events replayed from registration.

    ``events`` are the case's events (`events_of`) if the caller has them.
    """
    stored = events_of(application) if events is None else events
    return replay(event.case_event() for event in stored)


def clock_day(today: dt.date, events: Sequence[ApplicationEvent]) -> dt.date:
    """The day a case's clock is read on: ``today``, or the date of its latest step if that is later.

    The core cannot read the clock before a step, and a step may be recorded with a date after today
    (the API refuses that, other channels may not).
    """
    return max([today, *(event.on for event in events)])


def case_clock(
    application: Application,
    *,
    today: dt.date,
    events: Sequence[ApplicationEvent] | None = None,
    calendar: WorkCalendar | None = None,
) -> ClockState:
    """The reply deadline on `clock_day` over the stored calendar (provisional for a year without data).

    ``events`` and ``calendar`` (`work_calendar`) if the caller has them.
    """
    stored = events_of(application) if events is None else events
    calendar = work_calendar() if calendar is None else calendar
    return clock_of(application.received_on, stored, calendar, clock_day(today, stored))
