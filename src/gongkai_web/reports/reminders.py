"""Reminders before the statutory date: the office head is told when the year's report is not yet published.

条例 第四十九条: departments publish by 31 January, people's governments by 31 March
(`Body.annual_report_due`). A reminder goes to each head (负责人) of a body whose report on the
previous year is unpublished when the deadline is ``days`` days away or nearer; it is recorded per
body, year, head and ``days``, so running the command again sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, Role
from gongkai_web.reports.models import PublishedVersion, ReminderDelivery

DEFAULT_DAYS = 10


class ReminderOutcome(StrEnum):
    SENT = "sent"
    WOULD_SEND = "would_send"
    ALREADY_SENT = "already_sent"
    NO_ADDRESS = "no_address"


@dataclass(frozen=True)
class Reminder:
    body: Body
    year: int
    due: dt.date
    user: User
    outcome: ReminderOutcome


@dataclass
class ReminderRun:
    on: dt.date
    reminders: list[Reminder] = field(default_factory=list)

    def count(self, outcome: ReminderOutcome) -> int:
        return sum(1 for reminder in self.reminders if reminder.outcome is outcome)


def send_reminders(
    *, on: dt.date, days: int = DEFAULT_DAYS, base_url: str, dry_run: bool = False
) -> ReminderRun:
    """Remind the heads of each body whose report on last year is unpublished and due within ``days`` days."""
    year = on.year - 1
    run = ReminderRun(on=on)
    published = set(PublishedVersion.objects.filter(year=year).values_list("body_id", flat=True))
    for body in Body.objects.order_by("name"):
        due = body.annual_report_due(year)
        if body.pk in published or not 0 <= (due - on).days <= days:
            continue
        heads = User.objects.filter(
            is_active=True, memberships__body=body, memberships__role=Role.HEAD
        ).order_by("username")
        for user in heads:
            outcome = _deliver(body, year, due, user, on=on, days=days, base_url=base_url, dry_run=dry_run)
            run.reminders.append(Reminder(body, year, due, user, outcome))
    return run


def _deliver(
    body: Body, year: int, due: dt.date, user: User, *, on: dt.date, days: int, base_url: str, dry_run: bool
) -> ReminderOutcome:
    if not user.email:
        return ReminderOutcome.NO_ADDRESS
    if ReminderDelivery.objects.filter(body=body, year=year, user=user, days=days).exists():
        return ReminderOutcome.ALREADY_SENT
    if dry_run:
        return ReminderOutcome.WOULD_SEND
    link = base_url.rstrip("/") + reverse("reports:builder", args=[body.pk, year])
    left = (due - on).days
    message = EmailMessage(
        f"{body.name}{year}年政府信息公开工作年度报告尚未发布：还有 {left} 天到期",
        (
            f"{user.get_full_name() or user.get_username()}：\n\n"
            f"根据《中华人民共和国政府信息公开条例》第四十九条，{body.name}应于 {due.isoformat()} 前"
            f"公布{year}年政府信息公开工作年度报告。截至 {on.isoformat()}，本系统中尚无已发布的版本。\n\n"
            f"编制和发布：{link}\n"
        ),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    try:
        with transaction.atomic():
            ReminderDelivery.objects.create(body=body, year=year, user=user, days=days)
            message.send()
    except IntegrityError:
        return ReminderOutcome.ALREADY_SENT
    return ReminderOutcome.SENT
