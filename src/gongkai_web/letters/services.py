"""Generating a case's letters and saving templates; the core words and lays out the letters."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.cases import Action
from gongkai.letters import LetterKind, compose, letter_kind
from gongkai.letters.render import render_docx, render_pdf
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import works_on_case
from gongkai_web.applications.models import Application, ApplicationEvent, LogKind
from gongkai_web.applications.queries import events_of
from gongkai_web.applications.services import NotPermitted, log
from gongkai_web.bodies.models import Body
from gongkai_web.letters.facts import letter_facts
from gongkai_web.letters.models import Letter, LetterSequence, LetterSettings, LetterTemplate
from gongkai_web.letters.queries import (
    letter_kinds_for_event,
    number_prefix_for,
    remedies_for,
    template_for,
)


@transaction.atomic
def generate_letter(
    *,
    application: Application,
    kind: LetterKind | str,
    actor: User,
    event: ApplicationEvent | None = None,
    inputs: Mapping[str, str] | None = None,
    on: dt.date | None = None,
) -> Letter:
    """Generate a ``kind`` letter telling ``event`` (by default the case's last event it fits).

    The body's template (or the default) is filled from the case as of that event, numbered with
    the body's next 发文字号 of the letter's year, written as Word and PDF, stored with its text and
    logged. ``inputs`` are the values the officer typed, by placeholder (e.g. ``征求意见对象``);
    ``on`` is the letter's date, today by default. Raises NotPermitted for anyone who does not work
    on the case (`access.works_on_case`), ValidationError for an event the kind does
    not tell, and the core's LetterError, TemplateError or LetterFactError for a letter that cannot
    be filled (nothing is stored then, and no number is used).
    """
    application = Application.objects.select_related("body", "body__parent", "department").get(
        pk=application.pk
    )
    if not works_on_case(actor, application):
        raise NotPermitted(
            f"{actor} 不是{application.body.name}办理该申请的人员，不能生成告知书", code="not_letter_officer"
        )
    kind = letter_kind(kind) if isinstance(kind, str) else kind
    events = events_of(application)
    event = _event_for(application, kind, event, events)
    on = on or timezone.localdate()
    if on < event.on:
        raise ValidationError(
            f"成文日期 {on.isoformat()} 早于所告知的办理事项日期 {event.on.isoformat()}",
            code="letter_dated_before_event",
        )
    body = application.body
    facts = letter_facts(
        application=application,
        kind=kind,
        events=events,
        event=event,
        remedies=remedies_for(body),
        inputs=inputs or {},
    )
    template = template_for(body, kind)
    # Filled once unnumbered, so a letter that cannot be made fails before a number is taken.
    compose(kind, template, facts, number="", signature=body.name, on=on)
    sequence = _next_sequence(body, on.year)
    number = f"{number_prefix_for(body)}〔{on.year}〕{sequence}号"
    letter = compose(kind, template, facts, number=number, signature=body.name, on=on)
    docx, pdf = render_docx(letter), render_pdf(letter)
    stored = Letter(
        application=application,
        body=body,
        kind=kind.id,
        event=event,
        year=on.year,
        sequence=sequence,
        number=number,
        title=letter.title,
        addressee=letter.addressee,
        text=letter.text,
        dated=on,
        docx_sha256=hashlib.sha256(docx).hexdigest(),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        generated_by=actor,
    )
    stored.docx.save("letter.docx", ContentFile(docx), save=False)
    stored.pdf.save("letter.pdf", ContentFile(pdf), save=False)
    stored.save()
    log(
        application,
        LogKind.LETTER,
        f"生成{kind.label}（{number}）",
        actor=actor,
        details={"letter": stored.pk, "kind": kind.id, "number": number, "event": event.pk},
    )
    return stored


@transaction.atomic
def save_letter_template(*, template: LetterTemplate, actor: User) -> LetterTemplate:
    """Store an administrator's template after the core checked it (ValidationError otherwise)."""
    template.full_clean()
    template.edited_by = actor
    template.save()
    return template


@transaction.atomic
def save_letter_settings(*, settings: LetterSettings, actor: User) -> LetterSettings:
    settings.full_clean()
    settings.edited_by = actor
    settings.save()
    return settings


def _event_for(
    application: Application,
    kind: LetterKind,
    event: ApplicationEvent | None,
    events: list[ApplicationEvent],
) -> ApplicationEvent:
    """The event the letter tells: the one given if the kind fits it, else the last one it fits."""
    if event is not None:
        if event.application_id != application.pk:
            raise ValidationError("所选办理事项不属于该申请", code="letter_event_of_other_case")
        stored = next((candidate for candidate in events if candidate.pk == event.pk), None)
        if stored is None or kind not in letter_kinds_for_event(stored, events):
            raise ValidationError(
                f"“{Action(event.action).label}”不能用“{kind.label}”告知", code="letter_event_mismatch"
            )
        return stored
    fitting = [candidate for candidate in events if kind in letter_kinds_for_event(candidate, events)]
    if not fitting:
        steps = "、".join(action.label for action in Action if action in kind.actions)
        raise ValidationError(f"本案尚无可用“{kind.label}”告知的办理事项（{steps}）", code="letter_no_event")
    return fitting[-1]


def _next_sequence(body: Body, year: int) -> int:
    """The body's next 发文字号 sequence number of ``year``; the row stays locked until commit."""
    try:
        with transaction.atomic():  # a savepoint: a concurrent first letter of the year may win
            LetterSequence.objects.get_or_create(body=body, year=year)
    except IntegrityError:
        pass  # the other transaction created the row; lock it below
    counter = LetterSequence.objects.select_for_update().get(body=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
