"""Reads about applications: where a case stands and its deadline, both computed from its events."""

from __future__ import annotations

import datetime as dt

from gongkai.cases import CaseState, replay
from gongkai.clock import ClockState, compute_clock
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.workcalendar.queries import work_calendar


def events_of(application: Application) -> list[ApplicationEvent]:
    """The application's events in the order they were recorded (the order of the case)."""
    return list(ApplicationEvent.objects.filter(application=application).order_by("id"))


def case_state(application: Application) -> CaseState:
    """The core's state of the case: its events replayed from registration."""
    return replay(event.case_event() for event in events_of(application))


def case_clock(application: Application, *, today: dt.date) -> ClockState:
    """The reply deadline as of ``today`` over the stored calendar (provisional for a year without data)."""
    clock_events = [event.clock_event() for event in events_of(application)]
    return compute_clock(
        received_on=application.received_on,
        events=[event for event in clock_events if event is not None],
        calendar=work_calendar(),
        today=today,
    )
