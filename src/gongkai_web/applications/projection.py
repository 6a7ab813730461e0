"""What the application row keeps of its events: status, dates and outcome for SQL to filter and count.

`project` is the one place the projection is computed; `services.record_event` calls it in the
transaction that stores an event, and `services.refresh_projections` after the calendar changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from gongkai.cases import Action, Status, replay
from gongkai.clock import ClockState, compute_clock
from gongkai.workdays import WorkCalendar
from gongkai_web.applications import events as stored_events


class StoredEvent(Protocol):
    """An ApplicationEvent, or the historical model of one in a data migration."""

    action: str
    on: dt.date
    payload: Any


class ProjectionHolder(Protocol):
    status: str
    reply_due_on: dt.date | None
    attention_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    deadline_provisional: bool


@dataclass(frozen=True)
class Projection:
    status: Status
    reply_due_on: dt.date | None
    attention_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    deadline_provisional: bool

    FIELDS: ClassVar[tuple[str, ...]] = (
        "status",
        "reply_due_on",
        "attention_on",
        "closed_on",
        "outcome",
        "deadline_provisional",
    )

    def apply_to(self, application: ProjectionHolder) -> None:
        application.status = self.status.value
        application.reply_due_on = self.reply_due_on
        application.attention_on = self.attention_on
        application.closed_on = self.closed_on
        application.outcome = self.outcome
        application.deadline_provisional = self.deadline_provisional

    def of(self, application: ProjectionHolder) -> bool:
        """Whether ``application`` already holds this projection."""
        return all(
            getattr(application, name) == (self.status.value if name == "status" else getattr(self, name))
            for name in self.FIELDS
        )


def clock_of(
    received_on: dt.date, events: Sequence[StoredEvent], calendar: WorkCalendar, today: dt.date
) -> ClockState:
    clock_events = [
        stored_events.clock_event(Action(event.action), event.on, event.payload) for event in events
    ]
    return compute_clock(
        received_on=received_on,
        events=[event for event in clock_events if event is not None],
        calendar=calendar,
        today=today,
    )


def project(received_on: dt.date, events: Sequence[StoredEvent], calendar: WorkCalendar) -> Projection:
    """The projection of an application received on ``received_on`` with ``events`` (in recorded order).

    It is taken as of the last event (or the receipt).
    ``attention_on`` is the next date the office must act by: the reply deadline while the clock
    runs, the consulted party's answer limit while consulting, the payment deadline while a fee is
    awaited, the period given for a correction; none once the case is closed.
    """
    state = replay(
        stored_events.case_event(Action(event.action), event.on, event.payload) for event in events
    )
    as_of = events[-1].on if events else received_on
    if state.decision is not None:
        return Projection(
            status=state.status,
            reply_due_on=None,
            attention_on=None,
            closed_on=state.decision.decided_on,
            outcome=state.decision.outcome.id,
            deadline_provisional=False,
        )
    clock = clock_of(received_on, events, calendar, as_of)
    match state.status:
        case Status.AWAITING_CORRECTION:
            attention = _respond_by(events)
        case Status.CONSULTING:
            attention = clock.consultation_answer_deadline
        case Status.AWAITING_PAYMENT:
            attention = clock.payment_deadline
        case Status.REGISTERED | Status.IN_PROGRESS:
            attention = clock.due_on
        case Status.DECIDED | Status.LAPSED | Status.WITHDRAWN:
            raise AssertionError(f"a closed case has a decision: {state.status}")
    return Projection(
        status=state.status,
        reply_due_on=clock.due_on,
        attention_on=attention,
        closed_on=None,
        outcome="",
        deadline_provisional=clock.provisional,
    )


def _respond_by(events: Sequence[StoredEvent]) -> dt.date | None:
    requests = [event for event in events if event.action == Action.REQUEST_CORRECTION]
    respond_by = requests[-1].payload.get("respond_by") if requests else None
    return dt.date.fromisoformat(respond_by) if respond_by else None
