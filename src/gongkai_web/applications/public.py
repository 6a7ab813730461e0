"""What anyone holding a case's tracking code may see of it: the portal's status page and the API's
``/track/{code}`` both show `public_case`, each in its own form.

It is the one place that decides what an applicant sees of a case: the status, the dates, the outcome
row, and a timeline of actions in plain words. It never holds who worked on the case (officers,
departments), the applicant's personal data (name, identity document, contact, the description,
which may name people), attachments, the case log, free-text reasons or correction items (they may
reveal third parties and go in the letters instead), or which party was consulted. docs/portal.md
lists the rule for each action.

The reply deadline is the clock's as of today (as the office's case page reads it), not the
projection's, which is taken as of the last step: a consultation left unanswered past its limit
starts the clock again without a new step (条例 第三十三条第二款).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.cases import Action, Outcome, Status
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.queries import case_clock, events_of
from gongkai_web.bodies.models import Body


@dataclass(frozen=True)
class PublicStep:
    """One line of the public timeline; ``action`` is None for the receipt, which is no recorded step."""

    on: dt.date
    action: Action | None
    text: str


@dataclass(frozen=True)
class PublicCase:
    """A case as the public sees it; it holds no personal data, so a template or schema cannot leak any."""

    tracking_code: str
    body: Body
    status: Status
    received_on: dt.date
    reply_due_on: dt.date | None  # None while the clock is paused or awaits a correction, and once closed
    deadline_provisional: bool  # the deadline rests on a year without holiday data (暂定)
    extended_by: int | None  # working days, once approved (条例 第三十三条第一款)
    correction_due_on: dt.date | None
    payment_due_on: dt.date | None
    closed_on: dt.date | None
    outcome: str  # `public_outcome` of a closed case, else ""
    timeline: tuple[PublicStep, ...]

    @property
    def is_closed(self) -> bool:
        return self.status.is_closed


def public_case(
    application: Application, *, today: dt.date, events: Sequence[ApplicationEvent] | None = None
) -> PublicCase:
    """The public view of ``application`` on ``today``; ``events`` are its events if the caller has them."""
    if events is None:
        events = events_of(application)
    status = application.case_status
    due_on, provisional = None, False
    if not status.is_closed:
        clock = case_clock(application, today=today, events=events)
        due_on, provisional = clock.due_on, clock.provisional
    extension = next((event for event in events if event.action == Action.EXTEND), None)
    # The period given to correct or to pay is the projection's next date in those statuses.
    correction_due_on = application.attention_on if status is Status.AWAITING_CORRECTION else None
    payment_due_on = application.attention_on if status is Status.AWAITING_PAYMENT else None
    return PublicCase(
        tracking_code=application.tracking_code,
        body=application.body,
        status=status,
        received_on=application.received_on,
        reply_due_on=due_on,
        deadline_provisional=provisional,
        extended_by=extension.payload["working_days"] if extension is not None else None,
        correction_due_on=correction_due_on,
        payment_due_on=payment_due_on,
        closed_on=application.closed_on,
        outcome=public_outcome(Outcome(application.outcome)) if application.outcome else "",
        timeline=timeline(application, events),
    )


def timeline(application: Application, events: Sequence[ApplicationEvent]) -> tuple[PublicStep, ...]:
    received = PublicStep(application.received_on, None, "收到申请")
    return (received, *(public_step(Action(e.action), e.on, e.payload) for e in events))


def public_step(action: Action, on: dt.date, payload: Mapping[str, Any]) -> PublicStep:
    """One action as the applicant may read it; see the module docstring for what is left out."""
    return PublicStep(on, action, _public_text(action, payload))


def _public_text(action: Action, payload: Mapping[str, Any]) -> str:
    match action:
        case Action.REQUEST_CORRECTION:
            respond_by = payload.get("respond_by")
            text = "告知补正申请内容"
            if respond_by:
                text += f"，补正期限至 {_chinese_date(dt.date.fromisoformat(respond_by))}"
            return text + "（具体事项见补正告知书）"
        case Action.RECEIVE_CORRECTION:
            return "收到补正后的申请，答复期限重新计算"
        case Action.CORRECTION_LAPSED:
            return "逾期未补正，不再处理"
        case Action.ACCEPT:
            return "受理申请"
        case Action.START_CONSULTATION:
            return "征求意见，期间暂停计算答复期限"
        case Action.END_CONSULTATION:
            return "征求意见结束，继续办理"
        case Action.REQUEST_FEE:
            return f"发出信息处理费缴费通知，金额 {payload['amount']} 元"
        case Action.RECEIVE_PAYMENT:
            return "确认已缴纳信息处理费，继续办理"
        case Action.PAYMENT_LAPSED:
            return "逾期未缴纳信息处理费，不再处理"
        case Action.EXTEND:
            return f"延长答复期限 {payload['working_days']} 个工作日"
        case Action.DECIDE:
            return f"作出答复：{public_outcome(Outcome(payload['outcome']))}"
        case Action.WITHDRAW:
            return "申请人撤回申请"
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
