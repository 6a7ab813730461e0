"""Reads for the API: each answer's content (who may see and do what: `applications.access`)."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from gongkai.cases import Action, Outcome, Status
from gongkai_web.accounts.models import User
from gongkai_web.api.schemas import (
    ApplicantOut,
    ApplicationFilters,
    CaseOut,
    CasePageOut,
    CaseSummaryOut,
    Choice,
    ClockOut,
    EventOut,
    HistoryOut,
    MembershipOut,
    MeOut,
    Named,
    TimelineOut,
    TrackingOut,
)
from gongkai_web.applications.access import Scope, next_steps
from gongkai_web.applications.models import (
    APPLICANT_TYPE_CHOICES,
    Application,
    ApplicationEvent,
    Channel,
    Delivery,
    LogKind,
    Medium,
    ReceiptBasis,
)
from gongkai_web.applications.privacy import applicant_details, masked_details
from gongkai_web.applications.public import public_case
from gongkai_web.applications.queries import case_clock, case_state, clock_day, events_of, history_of
from gongkai_web.bodies.models import Body, Department, Membership, Role

_APPLICANT_TYPE_LABELS = dict(APPLICANT_TYPE_CHOICES)


def today() -> dt.date:
    """The date deadlines are computed for: today where the office is (settings.TIME_ZONE)."""
    return timezone.localdate()


def get_body(body_id: int) -> Body:
    """The body an address names (404 if none)."""
    body = Body.objects.filter(pk=body_id).first()
    if body is None:
        raise Http404(f"没有编号为 {body_id} 的机关")
    return body


def get_application(application_id: int) -> Application:
    application = (
        Application.objects.select_related("body", "department", "registered_by", "assigned_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404(f"没有编号为 {application_id} 的申请")
    return application


def case_view(application: Application, *, user: User, on: dt.date) -> CaseOut:
    """The case as ``user`` may see it, with the clock as of ``on`` (or its last step, if later)."""
    events = events_of(application)
    on = clock_day(on, events)
    state = case_state(application, events)
    status = Status(state.status)
    details = applicant_details(user, application)
    return CaseOut(
        id=application.pk,
        tracking_code=application.tracking_code,
        body=_named(application.body),
        department=_named_or_none(application.department),
        applicant=ApplicantOut(
            type=Choice(
                code=application.applicant_type, label=_APPLICANT_TYPE_LABELS[application.applicant_type]
            ),
            name=application.applicant_name,
            identity_document=details.identity_document,
            contact=details.contact,
            masked=details.masked,
        ),
        description=application.description,
        medium=_choice(Medium(application.medium)),
        delivery=_choice(Delivery(application.delivery)),
        channel=_choice(Channel(application.channel)),
        submitted_on=application.submitted_on,
        receipt_basis=_choice(ReceiptBasis(application.receipt_basis)),
        received_on=application.received_on,
        submission_key=application.submission_key,
        registered_by=_name(application.registered_by),
        assigned_by=_name(application.assigned_by),
        assigned_at=application.assigned_at,
        status=_choice(status),
        closed_on=state.decision.decided_on if state.decision else None,
        outcome=_outcome(state.decision.outcome) if state.decision else None,
        today=on,
        clock=None if status.is_closed else _clock(application, on, events),
        allowed_actions=[_choice(action) for action in next_steps(user, application, state)],
        events=[
            EventOut(
                id=event.pk,
                action=_choice(Action(event.action)),
                on=event.on,
                details=event.payload,
                actor=event.actor.get_username(),
                recorded_at=event.recorded_at,
            )
            for event in events
        ],
        history=[
            HistoryOut(
                at=entry.at,
                kind=_choice(LogKind(entry.kind)),
                summary=entry.summary,
                actor=_name(entry.actor),
            )
            for entry in history_of(application)
        ],
    )


def case_page(user: User, filters: ApplicationFilters, *, on: dt.date) -> CasePageOut:
    """One page of the cases ``user`` may open (as the queue), newest receipt first, personal data masked."""
    cases = Application.objects.filter(Scope.of(user).cases()).select_related("body", "department")
    if filters.status is not None:
        cases = cases.filter(status=filters.status.value)
    if filters.department is not None:
        cases = cases.filter(department_id=filters.department)
    if filters.overdue is True:
        cases = cases.filter(reply_due_on__lt=on)
    elif filters.overdue is False:
        cases = cases.filter(Q(reply_due_on__isnull=True) | Q(reply_due_on__gte=on))
    if filters.received_from is not None:
        cases = cases.filter(received_on__gte=filters.received_from)
    if filters.received_to is not None:
        cases = cases.filter(received_on__lte=filters.received_to)
    start = (filters.page - 1) * filters.page_size
    return CasePageOut(
        count=cases.count(),
        page=filters.page,
        page_size=filters.page_size,
        items=[_summary(application, on) for application in cases[start : start + filters.page_size]],
    )


def tracking_view(application: Application, *, on: dt.date) -> TrackingOut:
    """The public view of a case (`applications.public.public_case`, the portal's status page) in the
    API's shape: the dates and the recorded steps by code, without the page's wording."""
    case = public_case(application, today=on)
    return TrackingOut(
        body=case.body.name,
        status=_choice(case.status),
        received_on=case.received_on,
        due_on=case.reply_due_on,
        deadline_provisional=case.deadline_provisional,
        closed_on=case.closed_on,
        timeline=[
            TimelineOut(on=step.on, action=_choice(step.action))
            for step in case.timeline
            if step.action is not None
        ],
    )


def me_view(user: User) -> MeOut:
    memberships = Membership.objects.filter(user_id=user.pk).select_related("body", "department")
    return MeOut(
        username=user.get_username(),
        memberships=[
            MembershipOut(
                body=_named(membership.body),
                role=_choice(Role(membership.role)),
                department=_named_or_none(membership.department),
            )
            for membership in memberships.order_by("body__name", "role")
        ],
    )


def _summary(application: Application, on: dt.date) -> CaseSummaryOut:
    masked = masked_details(application)
    due = application.reply_due_on
    return CaseSummaryOut(
        id=application.pk,
        body=_named(application.body),
        department=_named_or_none(application.department),
        applicant_type=Choice(
            code=application.applicant_type, label=_APPLICANT_TYPE_LABELS[application.applicant_type]
        ),
        applicant_name=application.applicant_name,
        identity_document=masked.identity_document,
        contact=masked.contact,
        channel=_choice(Channel(application.channel)),
        received_on=application.received_on,
        status=_choice(application.case_status),
        reply_due_on=due,
        attention_on=application.attention_on,
        deadline_provisional=application.deadline_provisional,
        overdue=due is not None and due < on,
        closed_on=application.closed_on,
        outcome=_outcome(Outcome(application.outcome)) if application.outcome else None,
    )


def _clock(application: Application, on: dt.date, events: list[ApplicationEvent]) -> ClockOut:
    clock = case_clock(application, today=on, events=events)
    return ClockOut.model_validate(clock, from_attributes=True)


def _choice(value: Enum) -> Choice:
    """An enum member with a ``label`` (Django choices, the core's Status and Action …)."""
    return Choice(code=str(value.value), label=str(value.label))  # type: ignore[attr-defined]


def _outcome(outcome: Outcome) -> Choice:
    return Choice(code=outcome.id, label=outcome.label)


def _named(item: Body | Department) -> Named:
    return Named(id=item.pk, name=item.name)


def _named_or_none(item: Body | Department | None) -> Named | None:
    return None if item is None else _named(item)


def _name(user: User | None) -> str | None:
    return None if user is None else user.get_username()
