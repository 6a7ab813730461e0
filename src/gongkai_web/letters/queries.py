"""Reads about letters: which letters a case has and may have next, and what a body's letters are
filled from (its templates and settings). Who handles a case's letters: `access.works_on_case`."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.cases import Action
from gongkai.clock import ConsultationParty
from gongkai.letters import (
    GENERIC_REVIEW_BODY,
    LetterKind,
    Remedies,
    Template,
    default_template,
    letter_kinds_for,
)
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.queries import events_of
from gongkai_web.bodies.models import Body, BodyKind
from gongkai_web.letters.models import APPLICANT_KIND_IDS, Letter, LetterSettings, LetterTemplate


def letters_of(application: Application) -> list[Letter]:
    """Every letter of the case, oldest first, with who generated it and the event it tells."""
    return list(
        Letter.objects.filter(application=application).select_related("generated_by", "event").order_by("id")
    )


def letters_for_applicant(application: Application) -> list[Letter]:
    """The letters addressed to the applicant (not those to third parties or other bodies), oldest first."""
    return list(Letter.objects.filter(application=application, kind__in=APPLICANT_KIND_IDS).order_by("id"))


def applicant_letter(*, tracking_code: str, letter_id: int) -> Letter | None:
    """The letter ``letter_id`` if it is addressed to the applicant of the case ``tracking_code`` names."""
    return (
        Letter.objects.filter(
            pk=letter_id, application__tracking_code=tracking_code, kind__in=APPLICANT_KIND_IDS
        )
        .select_related("application")
        .first()
    )


def letter_kinds_for_event(
    event: ApplicationEvent, events: list[ApplicationEvent] | None = None
) -> tuple[LetterKind, ...]:
    """The letters that tell ``event``, the likeliest first (the core's `letter_kinds_for`).

    ``events`` are the case's events when the caller has them; a decision to disclose offers the
    第三十二条 notice only when a third party was consulted before it.
    """
    action = Action(event.action)
    earlier = [
        stored
        for stored in (events if events is not None else events_of(event.application))
        if stored.pk < event.pk
    ]
    party = ConsultationParty(event.payload["party"]) if action is Action.START_CONSULTATION else None
    decision = event.case_event().decision
    consulted_third_party = any(
        stored.action == Action.START_CONSULTATION
        and stored.payload["party"] == ConsultationParty.THIRD_PARTY.value
        for stored in earlier
    )
    return letter_kinds_for(
        action, decision=decision, party=party, consulted_third_party=consulted_third_party
    )


def letter_kind_for(event: ApplicationEvent) -> LetterKind | None:
    """The one letter an event most likely calls for, or None (受理, 收到补正 … are told to no one)."""
    kinds = letter_kinds_for_event(event)
    return kinds[0] if kinds else None


@dataclass(frozen=True)
class LetterOption:
    """A letter the office may generate next: the event it tells and the kind."""

    event: ApplicationEvent
    kind: LetterKind
    generated: int  # how many letters of this kind were already made for this event

    @property
    def value(self) -> str:
        """The form value that names this option."""
        return f"{self.event.pk}:{self.kind.id}"

    @property
    def label(self) -> str:
        done = f"（已生成{self.generated}份）" if self.generated else ""
        return f"{self.event.on.isoformat()} {Action(self.event.action).label} → {self.kind.label}{done}"


def letter_options(application: Application) -> list[LetterOption]:
    """Every letter the case's events call for, in the order of the case."""
    events = events_of(application)
    made: dict[tuple[int | None, str], int] = {}
    for letter in Letter.objects.filter(application=application).values_list("event_id", "kind"):
        made[letter] = made.get(letter, 0) + 1
    return [
        LetterOption(event, kind, made.get((event.pk, kind.id), 0))
        for event in events
        for kind in letter_kinds_for_event(event, events)
    ]


def template_for(body: Body, kind: LetterKind) -> Template:
    """The body's own template of ``kind``, else the one for all bodies, else the core's default."""
    edited = (
        LetterTemplate.objects.filter(kind=kind.id, body=body).first()
        or LetterTemplate.objects.filter(kind=kind.id, body__isnull=True).first()
    )
    return edited.template if edited is not None else default_template(kind.id)


def remedies_for(body: Body) -> Remedies:
    """The review body and court a body's letters name.

    Unset, the review body is the parent when it is a people's government: since 2024 a local
    government reviews the acts of its own departments and of the governments one level down
    (行政复议法 第二十四条); bodies under vertical management (税务、海关 …) must set theirs.
    """
    settings = LetterSettings.objects.filter(body=body).first()
    review_body = settings.review_body if settings is not None else ""
    court = settings.court if settings is not None else ""
    parent = body.parent
    if not review_body.strip():
        is_government = parent is not None and parent.kind == BodyKind.PEOPLES_GOVERNMENT
        review_body = parent.name if is_government and parent is not None else GENERIC_REVIEW_BODY
    return Remedies(review_body=review_body, court=court)


def number_prefix_for(body: Body) -> str:
    """The 机关代字 of the body's 发文字号: its setting, else ``<机关名称>依申请公开``."""
    settings = LetterSettings.objects.filter(body=body).first()
    prefix = settings.number_prefix.strip() if settings is not None else ""
    return prefix or f"{body.name}依申请公开"
