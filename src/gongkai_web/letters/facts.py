"""The facts a letter states, read from a case's stored events up to the event the letter tells.

A letter speaks as of its event: an extension letter gives the deadline the extension made, even
if a later consultation moved it again; a lapse letter names the correction request or fee notice
that lapsed. Payloads are read through `applications.events`, never here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from gongkai.cases import Action, replay
from gongkai.clock import ConsultationParty
from gongkai.letters import (
    CaseFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterFacts,
    LetterKind,
    Remedies,
)
from gongkai.letters.facts import WITHDRAWAL_REASONS
from gongkai.letters.kinds import THIRD_PARTY_OVERRIDE
from gongkai_web.applications.events import fee_notice
from gongkai_web.applications.models import Application, ApplicationEvent, Delivery, Medium
from gongkai_web.applications.projection import clock_of
from gongkai_web.workcalendar.queries import work_calendar


def letter_facts(
    *,
    application: Application,
    kind: LetterKind,
    events: Sequence[ApplicationEvent],
    event: ApplicationEvent,
    remedies: Remedies,
    inputs: Mapping[str, str],
) -> LetterFacts:
    """What a ``kind`` letter about ``event`` (one of the case's ``events``, in order) may state."""
    upto = [stored for stored in events if stored.pk <= event.pk]
    delivery = Delivery(application.delivery)
    decision = replay(stored.case_event() for stored in upto).decision if _closes(event) else None
    if decision is not None and event.action == Action.WITHDRAW and not decision.reasons:
        decision = replace(decision, reasons=WITHDRAWAL_REASONS)
    return LetterFacts(
        case=CaseFacts(
            body=application.body.name,
            applicant=application.applicant_name,
            received_on=application.received_on,
            information=application.description,
            medium=Medium(application.medium).label,
            delivery=delivery.label,
            collect_in_person=delivery == Delivery.COLLECT,
        ),
        remedies=remedies,
        decision=decision,
        correction=_correction(_last(upto, Action.REQUEST_CORRECTION)),
        extension=_extension(application, upto),
        consultation=_consultation(upto, kind.party or _consulted_by(kind)),
        fee=_fee(_last(upto, Action.REQUEST_FEE)),
        inputs=dict(inputs),
    )


def _closes(event: ApplicationEvent) -> bool:
    return event.action in (Action.DECIDE, Action.CORRECTION_LAPSED, Action.PAYMENT_LAPSED, Action.WITHDRAW)


def _last(events: Sequence[ApplicationEvent], action: Action) -> ApplicationEvent | None:
    return next((stored for stored in reversed(events) if stored.action == action), None)


def _correction(request: ApplicationEvent | None) -> CorrectionFacts | None:
    if request is None:
        return None
    payload: dict[str, Any] = request.payload
    respond_by = payload.get("respond_by")
    return CorrectionFacts(
        requested_on=request.on,
        items=payload.get("items", ""),
        respond_by=dt.date.fromisoformat(respond_by) if respond_by else None,
    )


def _extension(application: Application, events: Sequence[ApplicationEvent]) -> ExtensionFacts | None:
    """The deadline before and after the extension, as the clock stood the day it was approved."""
    extension = _last(events, Action.EXTEND)
    if extension is None:
        return None
    position = list(events).index(extension)
    calendar = work_calendar()
    before = clock_of(application.received_on, events[:position], calendar, extension.on)
    after = clock_of(application.received_on, events[: position + 1], calendar, extension.on)
    return ExtensionFacts(
        approved_on=extension.on,
        working_days=extension.payload["working_days"],
        due_on=after.due_on,
        original_due_on=before.due_on,
    )


def _consulted_by(kind: LetterKind) -> ConsultationParty | None:
    """The override notice (第三十二条) goes to the third party consulted, whatever came after."""
    return ConsultationParty.THIRD_PARTY if kind is THIRD_PARTY_OVERRIDE else None


def _consultation(
    events: Sequence[ApplicationEvent], party: ConsultationParty | None
) -> ConsultationFacts | None:
    """The last consultation (of ``party``, if given) up to the letter's event."""
    sent = next(
        (
            stored
            for stored in reversed(events)
            if stored.action == Action.START_CONSULTATION
            and (party is None or stored.payload["party"] == party.value)
        ),
        None,
    )
    if sent is None:
        return None
    return ConsultationFacts(party=ConsultationParty(sent.payload["party"]), sent_on=sent.on)


def _fee(notice: ApplicationEvent | None) -> FeeFacts | None:
    if notice is None:
        return None
    return FeeFacts(notice=fee_notice(notice.payload), sent_on=notice.on)
