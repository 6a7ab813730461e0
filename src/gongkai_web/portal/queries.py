"""What the public pages read, and what of a case the public status page may show.

`public_status` is the one place that decides what an applicant (or anyone holding the tracking
code) sees of a case: the status, the dates, the outcome row, and a timeline of actions in plain
words. It never shows who worked on the case (officers, departments), the applicant's personal
data (name, identity document, contact, the description, which may name people), attachments, the
case log, free-text reasons or correction items (they may reveal third parties and go in the
letters instead), or which party was consulted. docs/portal.md lists the rule for each action.

Two queries per page: the application with its body and help desk, and its events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.cases import Action, Outcome, Status
from gongkai.clock import CONSULTATION_ANSWER_LIMIT
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.bodies.models import Body
from gongkai_web.letters.queries import letters_for_applicant
from gongkai_web.portal.models import HelpDesk


def bodies_served() -> list[Body]:
    """Every body of this deployment, with its help desk, by name."""
    return list(Body.objects.select_related("help_desk").order_by("name"))


def body_to_apply_to(body_id: int) -> Body | None:
    return Body.objects.select_related("help_desk").filter(pk=body_id).first()


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
    return Application.objects.select_related("body", "body__help_desk").filter(tracking_code=lookup).first()


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    text: str


@dataclass(frozen=True)
class PublicLetter:
    """A letter sent to the applicant, as the status page lists it: no addressee, no text."""

    id: int
    title: str
    number: str
    dated: dt.date


@dataclass(frozen=True)
class PublicStatus:
    """A case as its status page shows it; it holds no personal data, so a template cannot leak any."""

    tracking_code: str
    body: Body
    help_desk: HelpDesk | None
    status: Status
    explanation: str
    received_on: dt.date
    reply_due_on: dt.date | None
    deadline_provisional: bool
    extended_by: int | None  # working days, once approved (条例 第三十三条第一款)
    correction_due_on: dt.date | None
    payment_due_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    timeline: tuple[TimelineEntry, ...]
    letters: tuple[PublicLetter, ...]

    @property
    def is_closed(self) -> bool:
        return self.status.is_closed

    @property
    def deadline_pending(self) -> str:
        """Why an open case shows no reply deadline: the clock waits for a correction or is paused."""
        if self.status is Status.AWAITING_CORRECTION:
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


def public_status(tracking_code: str) -> PublicStatus | None:
    """The public view of the application with ``tracking_code``, or None for an unknown code."""
    application = application_by_code(tracking_code)
    if application is None:
        return None
    events = list(ApplicationEvent.objects.filter(application=application).order_by("id"))
    status = application.case_status
    extension = next((event for event in events if event.action == Action.EXTEND), None)
    correction_due_on = payment_due_on = None
    if status is Status.AWAITING_CORRECTION:
        correction_due_on = application.attention_on  # the period given to correct (projection)
    if status is Status.AWAITING_PAYMENT:
        payment_due_on = application.attention_on
    return PublicStatus(
        tracking_code=application.tracking_code,
        body=application.body,
        help_desk=help_desk_of(application.body),
        status=status,
        explanation=STATUS_EXPLANATIONS[status],
        received_on=application.received_on,
        reply_due_on=application.reply_due_on,
        deadline_provisional=application.deadline_provisional,
        extended_by=extension.payload["working_days"] if extension is not None else None,
        correction_due_on=correction_due_on,
        payment_due_on=payment_due_on,
        closed_on=application.closed_on,
        outcome=public_outcome(Outcome(application.outcome)) if application.outcome else "",
        timeline=timeline(application, events),
        letters=tuple(
            PublicLetter(id=letter.pk, title=letter.title, number=letter.number, dated=letter.dated)
            for letter in letters_for_applicant(application)
        ),
    )


def timeline(application: Application, events: Sequence[ApplicationEvent]) -> tuple[TimelineEntry, ...]:
    received = TimelineEntry(application.received_on, "收到申请")
    return (received, *(public_event(Action(e.action), e.on, e.payload) for e in events))


def public_event(action: Action, on: dt.date, payload: Mapping[str, Any]) -> TimelineEntry:
    """One action as the applicant may read it; see the module docstring for what is left out."""
    match action:
        case Action.REQUEST_CORRECTION:
            respond_by = payload.get("respond_by")
            text = "告知补正申请内容"
            if respond_by:
                text += f"，补正期限至 {_chinese_date(dt.date.fromisoformat(respond_by))}"
            return TimelineEntry(on, text + "（具体事项见补正告知书）")
        case Action.RECEIVE_CORRECTION:
            return TimelineEntry(on, "收到补正后的申请，答复期限重新计算")
        case Action.CORRECTION_LAPSED:
            return TimelineEntry(on, "逾期未补正，不再处理")
        case Action.ACCEPT:
            return TimelineEntry(on, "受理申请")
        case Action.START_CONSULTATION:
            return TimelineEntry(on, "征求意见，期间暂停计算答复期限")
        case Action.END_CONSULTATION:
            return TimelineEntry(on, "征求意见结束，继续办理")
        case Action.REQUEST_FEE:
            return TimelineEntry(on, f"发出信息处理费缴费通知，金额 {payload['amount']} 元")
        case Action.RECEIVE_PAYMENT:
            return TimelineEntry(on, "确认已缴纳信息处理费，继续办理")
        case Action.PAYMENT_LAPSED:
            return TimelineEntry(on, "逾期未缴纳信息处理费，不再处理")
        case Action.EXTEND:
            return TimelineEntry(on, f"延长答复期限 {payload['working_days']} 个工作日")
        case Action.DECIDE:
            return TimelineEntry(on, f"作出答复：{public_outcome(Outcome(payload['outcome']))}")
        case Action.WITHDRAW:
            return TimelineEntry(on, "申请人撤回申请")
    raise AssertionError(action)


_GROUP_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")
_ITEM_NUMBER = re.compile(r"^\d+\.")
_COUNTING_NOTE = re.compile(r"（[^（）]*计[^（）]*）$")  # （区分处理的，只计这一情形，不计其他情形）


def public_outcome(outcome: Outcome) -> str:
    """The outcome row without the report's numbering and counting notes: ``不予公开：保护第三方合法权益``."""
    row = outcome.row
    item = _COUNTING_NOTE.sub("", _GROUP_NUMBER.sub("", row.label.text))
    if row.group is None:
        return item
    return f"{_GROUP_NUMBER.sub('', row.group.label.text)}：{_ITEM_NUMBER.sub('', item)}"


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
