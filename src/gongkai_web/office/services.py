"""The daily digest: each officer is told by e-mail of their overdue and due-soon open cases, once a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai_web.accounts.models import User
from gongkai_web.applications.access import Scope
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.permissions import DUTIES, Duty
from gongkai_web.office.models import DigestDelivery
from gongkai_web.office.queries import (
    DIGEST_BODY_WIDE,
    DUE_SOON_WORKING_DAYS,
    Horizon,
    QueueRow,
    Urgency,
    digest_cases,
    queue_rows,
)
from gongkai_web.workcalendar.queries import work_calendar

# The roles whose holders are sent a digest: those holding a digest duty.
DIGEST_ROLES = tuple(role.value for role in Role if DUTIES[role] & (DIGEST_BODY_WIDE | {Duty.HANDLE}))


class DigestOutcome(StrEnum):
    SENT = "sent"
    WOULD_SEND = "would_send"  # a dry run
    ALREADY_SENT = "already_sent"  # this date's digest went out before (or in a concurrent run)
    NO_ADDRESS = "no_address"  # cases are due but the user has no e-mail address


@dataclass(frozen=True)
class DigestResult:
    user: User
    outcome: DigestOutcome
    overdue: int
    due_soon: int


@dataclass
class DigestRun:
    on: dt.date
    dry_run: bool
    results: list[DigestResult] = field(default_factory=list)

    def count(self, outcome: DigestOutcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)


def send_digests(*, on: dt.date, base_url: str, dry_run: bool = False) -> DigestRun:
    """E-mail each officer with due cases the digest of ``on``; officers with nothing due get nothing.

    A delivery is recorded per user and date in the transaction that sends it, so running twice
    on a date sends nothing the second time, and a concurrent run stops at the unique constraint.
    A dry run sends and records nothing.
    """
    horizon = Horizon.of(on, work_calendar())
    run = DigestRun(on=on, dry_run=dry_run)
    officers = User.objects.filter(is_active=True, memberships__role__in=DIGEST_ROLES).distinct()
    for user in officers.order_by("username"):
        rows = queue_rows(digest_cases(Scope.of(user), horizon), horizon)
        if not rows:
            continue
        overdue = [row for row in rows if row.urgency is Urgency.OVERDUE]
        due_soon = [row for row in rows if row.urgency is Urgency.DUE_SOON]
        outcome = _deliver(user, on, overdue, due_soon, base_url=base_url, dry_run=dry_run)
        run.results.append(DigestResult(user, outcome, len(overdue), len(due_soon)))
    return run


def _deliver(
    user: User,
    on: dt.date,
    overdue: list[QueueRow],
    due_soon: list[QueueRow],
    *,
    base_url: str,
    dry_run: bool,
) -> DigestOutcome:
    if not user.email:
        return DigestOutcome.NO_ADDRESS
    if DigestDelivery.objects.filter(user=user, on=on).exists():
        return DigestOutcome.ALREADY_SENT
    if dry_run:
        return DigestOutcome.WOULD_SEND
    message = digest_message(user, on, overdue, due_soon, base_url=base_url)
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(user=user, on=on, cases=len(overdue) + len(due_soon))
            message.send()
    except IntegrityError:
        return DigestOutcome.ALREADY_SENT  # a concurrent run recorded it first and sends it
    return DigestOutcome.SENT


def digest_message(
    user: User, on: dt.date, overdue: list[QueueRow], due_soon: list[QueueRow], *, base_url: str
) -> EmailMessage:
    """The plain-text Chinese e-mail: the cases with their next date, days left and a link each."""
    root = base_url.rstrip("/")

    def linked(rows: list[QueueRow]) -> list[tuple[QueueRow, str]]:
        return [(row, root + reverse("office:case", args=[row.application.pk])) for row in rows]

    body = render_to_string(
        "office/digest.txt",
        {
            "user": user,
            "on": on,
            "overdue": linked(overdue),
            "due_soon": linked(due_soon),
            "due_soon_days": DUE_SOON_WORKING_DAYS,
            "queue_url": root + reverse("office:queue"),
        },
    )
    subject = (
        f"政府信息公开申请办理提醒 {on.isoformat()}：逾期 {len(overdue)} 件，即将到期 {len(due_soon)} 件"
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
