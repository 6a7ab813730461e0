"""Reads about applications: where a case stands and its deadline, both computed from its events."""

from __future__ import annotations

import datetime as dt

from gongkai.cases import CaseState, replay
from gongkai.clock import ClockState
from gongkai_web.applications.models import Application, ApplicationEvent, CaseLogEntry
from gongkai_web.applications.projection import clock_of
from gongkai_web.workcalendar.queries import work_calendar


def events_of(application: Application) -> list[ApplicationEvent]:
    """The application's events in the order they were recorded (the order of the case)."""
    return list(ApplicationEvent.objects.filter(application=application).order_by("id"))


def history_of(application: Application) -> list[CaseLogEntry]:
    """Every line of the case log, oldest first, with who wrote it."""
    return list(CaseLogEntry.objects.filter(application=application).select_related("actor").order_by("id"))


def case_state(application: Application) -> CaseState:
    """The core's state of the case: its events replayed from registration."""
    return replay(event.case_event() for event in events_of(application))


def case_clock(application: Application, *, today: dt.date) -> ClockState:
    """The reply deadline as of ``today`` over the stored calendar (provisional for a year without data)."""
    return clock_of(application.received_on, events_of(application), work_calendar(), today)
