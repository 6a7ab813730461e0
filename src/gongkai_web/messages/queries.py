"""Reads of public messages: the body's period, the public lists, the office queue, the year's figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.messages import (
    DEFAULT_ANSWER_LIMIT,
    MessageFigures,
    MessageKind,
    MessageRow,
    MessageStatus,
    Publication,
    count_messages,
)
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.messages.access import visible_messages
from gongkai_web.messages.models import OPEN_STATUSES, Message, MessageLogEntry, MessageSettings

PUBLIC_PAGE_SIZE = 20
OFFICE_PAGE_SIZE = 50
_MAX_CODE_LENGTH = 32


def answer_limit_of(body: Body) -> int:
    settings = MessageSettings.objects.filter(body=body).first()
    return settings.answer_limit if settings is not None else DEFAULT_ANSWER_LIMIT


def message_by_code(code: str) -> Message | None:
    """The message whose tracking code is ``code``; None for anything else (no hint which part was wrong)."""
    if len(code) > _MAX_CODE_LENGTH:
        return None
    return Message.objects.select_related("body", "department").filter(tracking_code=code).first()


def published_messages(body: Body) -> QuerySet[Message]:
    return (
        Message.objects.filter(body=body, publication=Publication.PUBLISHED.value)
        .select_related("department")
        .order_by("-published_at", "-pk")
    )


def published_message(body: Body, pk: int) -> Message | None:
    return published_messages(body).filter(pk=pk).first()


# The office queue's views: what each filter shows.
QUEUE_VIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "open": ("待办", OPEN_STATUSES),
    "answered": ("已答复", (MessageStatus.ANSWERED.value,)),
    "converted": ("已转为申请", (MessageStatus.CONVERTED.value,)),
    "petition": ("已按信访转办", (MessageStatus.PETITION.value,)),
    "spam": ("垃圾信息", (MessageStatus.SPAM.value,)),
}


def office_queue(user: User, body: Body, view: str) -> QuerySet[Message]:
    """The messages ``user`` sees in one view of the queue; open ones in the order they fall due."""
    _, statuses = QUEUE_VIEWS[view]
    messages = visible_messages(user, body).filter(status__in=statuses).select_related("department")
    if view == "open":
        return messages.order_by("due_on", "pk")
    return messages.order_by("-received_at", "-pk")


def history_of(message: Message) -> QuerySet[MessageLogEntry]:
    return MessageLogEntry.objects.filter(message=message).select_related("actor").order_by("pk")


@dataclass(frozen=True)
class YearFigures:
    year: int
    figures: MessageFigures


def year_figures(body: Body, year: int, *, today: dt.date) -> YearFigures:
    """The body's messages received in ``year``, counted by the core (`gongkai.messages.count_messages`)."""
    rows = (
        Message.objects.filter(body=body, received_on__year=year)
        .values_list("kind", "status", "department__name", "due_on", "answered_on", "application__outcome")
        .order_by()
    )
    return YearFigures(
        year,
        count_messages(
            (
                MessageRow(
                    MessageKind(kind), MessageStatus(status), department, due_on, answered_on, outcome or None
                )
                for kind, status, department, due_on, answered_on, outcome in rows.iterator()
            ),
            today=today,
        ),
    )
