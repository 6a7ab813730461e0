"""What the public pages read: the bodies served, an application by its code, and its status page.

What of a case the status page shows is `applications.public.public_case`'s to decide (the API's
``/track/{code}`` shows the same); the page adds what each status means in plain words, the body's
help desk and the letters sent to the applicant.

Three queries per status page: the application with its body and help desk, its events and its
letters; one more for an open case, whose reply deadline is read on the clock as of today (the
calendar's version: `workcalendar.queries.work_calendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from gongkai.cases import Status
from gongkai.clock import CONSULTATION_ANSWER_LIMIT
from gongkai_web.applications.models import Application
from gongkai_web.applications.public import PublicCase, public_case
from gongkai_web.bodies.models import Body
from gongkai_web.letters.queries import letters_for_applicant
from gongkai_web.portal.models import HelpDesk


def bodies_served() -> list[Body]:
    """Every body of this deployment, with its help desk, by name."""
    return list(Body.objects.select_related("help_desk").order_by("name"))


def body_to_apply_to(body_id: int) -> Body | None:
    try:
        return Body.objects.select_related("help_desk").get(pk=body_id)
    except Body.DoesNotExist:
        return None


def help_desk_of(body: Body) -> HelpDesk | None:
    """The body's help desk if one is recorded (after select_related, without a query)."""
    try:
        return body.help_desk
    except HelpDesk.DoesNotExist:
        return None


def application_by_code(tracking_code: str) -> Application | None:
    """The application with this tracking code; any text is looked up, so every miss costs the same."""
    # PostgreSQL refuses NUL in a text parameter; no code holds one, so look up one no code equals.
    lookup = tracking_code if "\x00" not in tracking_code else ""
    try:
        return Application.objects.select_related("body", "body__help_desk").get(tracking_code=lookup)
    except Application.DoesNotExist:
        return None


@dataclass(frozen=True)
class PublicLetter:
    """A letter sent to the applicant, as the status page lists it: no addressee, no text."""

    id: int
    title: str
    number: str
    dated: dt.date


@dataclass(frozen=True)
class PublicStatus:
    """The status page: the public view of the case, its body's help desk and the applicant's letters."""

    case: PublicCase
    help_desk: HelpDesk | None
    letters: tuple[PublicLetter, ...]

    @property
    def explanation(self) -> str:
        return STATUS_EXPLANATIONS[self.case.status]

    @property
    def deadline_pending(self) -> str:
        """Why an open case shows no reply deadline: the clock waits for a correction or is paused."""
        if self.case.status is Status.AWAITING_CORRECTION:
            return "自收到补正后的申请之日起重新计算"
        return "计时暂停，恢复计时后重新确定"


# What each status means for the applicant, in plain words.
STATUS_EXPLANATIONS: Mapping[Status, str] = {
    Status.REGISTERED: "申请已收到，正在审查申请内容。",
    Status.AWAITING_CORRECTION: (
        "行政机关已告知您补正申请（条例第三十条），请按补正告知书的要求补正；"
        "答复期限自收到补正后的申请之日起重新计算。"
    ),
    Status.IN_PROGRESS: "申请已受理，正在办理。",
    Status.CONSULTING: (
        "所申请的信息需要征求第三方或者其他机关的意见（条例第三十二条、第三十四条），"
        f"对方一般在 {CONSULTATION_ANSWER_LIMIT} 个工作日内答复；"
        "征求意见的时间不计算在答复期限内（第三十三条第二款）。"
    ),
    Status.AWAITING_PAYMENT: "行政机关已发出信息处理费缴费通知，请按通知书的要求缴费。",
    Status.DECIDED: "行政机关已作出答复，答复书已按您选择的方式送达。",
    Status.LAPSED: "申请人逾期未补正或未缴费，行政机关不再处理这件申请。",
    Status.WITHDRAWN: "申请人已撤回申请，行政机关不再处理。",
}


def public_status(tracking_code: str, *, today: dt.date) -> PublicStatus | None:
    """The status page of the application with ``tracking_code`` on ``today``, or None for an unknown code."""
    application = application_by_code(tracking_code)
    if application is None:
        return None
    return PublicStatus(
        case=public_case(application, today=today),
        help_desk=help_desk_of(application.body),
        letters=tuple(
            PublicLetter(id=letter.pk, title=letter.title, number=letter.number, dated=letter.dated)
            for letter in letters_for_applicant(application)
        ),
    )
