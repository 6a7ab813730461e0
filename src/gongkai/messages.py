"""网上留言: what a public message is, the steps it goes through, its answer period and its figures.

Anyone may leave a message (咨询, 建议, 投诉) for a body on its portal. The office routes it to a
department, which answers it within the period the body set for itself, in working days; the
question and the answer are then published after the 保密审查 (the publication gate), unless the
writer asked for privacy or a moderator found them unsuitable.

Two kinds of message leave this workflow, and the annual report depends on telling them apart:

* a message that is really a request for government information is **converted** into a
  依申请公开 application (received on the message's own date, 条例 第三十一条第（三）项) and is
  counted in section 三 like any other application — including row 三（五）1 信访举报投诉类申请 if
  that application is then not processed because it is a complaint (第三十九条第一款);
* a message that is a 信访/投诉/举报 matter is **referred as a petition** (按信访事项转办): it is not an
  application and is counted nowhere in section 三.

The answer period is the body's own rule, not the regulation's: no statute fixes one for
messages, so `DEFAULT_ANSWER_LIMIT` is only the default a new body starts with.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from gongkai.errors import GongkaiError
from gongkai.formats.national import FORMAT_2021
from gongkai.rates import percent
from gongkai.workdays import Deadline, WorkCalendar

DEFAULT_ANSWER_LIMIT = 5  # working days; the body's own rule (no statute fixes one), editable per body
MAX_ANSWER_LIMIT = 60  # working days: a longer "limit" is no limit
TITLE_MAX = 100  # characters
TEXT_MAX = 3000  # characters of the question
ANSWER_MAX = 5000  # characters of the answer
CONTACT_MAX = 100  # characters
REASON_MAX = 500  # characters of a moderator's or a confirming reviewer's reason


class MessageError(GongkaiError):
    """A step the message's state does not allow, or a period that is not one."""

    code = "message_error"


class MessageKind(StrEnum):
    CONSULTATION = "consultation"
    SUGGESTION = "suggestion"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return {
            MessageKind.CONSULTATION: "咨询",
            MessageKind.SUGGESTION: "建议",
            MessageKind.COMPLAINT: "投诉",
        }[self]


class MessageStatus(StrEnum):
    RECEIVED = "received"
    ROUTED = "routed"
    ANSWERED = "answered"
    CONVERTED = "converted"
    PETITION = "petition"
    SPAM = "spam"

    @property
    def label(self) -> str:
        return {
            MessageStatus.RECEIVED: "待分办",
            MessageStatus.ROUTED: "办理中",
            MessageStatus.ANSWERED: "已答复",
            MessageStatus.CONVERTED: "已转为政府信息公开申请",
            MessageStatus.PETITION: "已按信访事项转办",
            MessageStatus.SPAM: "垃圾信息（已隐藏）",
        }[self]

    @property
    def is_open(self) -> bool:
        """Still waiting for the office: the answer period runs."""
        return self in {MessageStatus.RECEIVED, MessageStatus.ROUTED}


class MessageStep(StrEnum):
    ROUTE = "route"
    ANSWER = "answer"
    REVISE_ANSWER = "revise_answer"
    CONVERT = "convert"
    REFER_AS_PETITION = "refer_as_petition"
    MARK_SPAM = "mark_spam"

    @property
    def label(self) -> str:
        return {
            MessageStep.ROUTE: "分办",
            MessageStep.ANSWER: "答复",
            MessageStep.REVISE_ANSWER: "修改答复",
            MessageStep.CONVERT: "转为政府信息公开申请",
            MessageStep.REFER_AS_PETITION: "按信访事项转办",
            MessageStep.MARK_SPAM: "标记为垃圾信息",
        }[self]


_OPEN = (MessageStatus.RECEIVED, MessageStatus.ROUTED)
# The one table of allowed steps: (status, step) -> the status after it. Routing an already routed
# message sends it to another department (改派); a message is answered by the department it is with.
TRANSITIONS: Mapping[tuple[MessageStatus, MessageStep], MessageStatus] = {
    **{(status, MessageStep.ROUTE): MessageStatus.ROUTED for status in _OPEN},
    (MessageStatus.ROUTED, MessageStep.ANSWER): MessageStatus.ANSWERED,
    # An answer is revised (e.g. a name or number taken out after the 保密审查 blocked it) while it is
    # not public; the revision keeps the day the answer was given, which is what timeliness counts.
    (MessageStatus.ANSWERED, MessageStep.REVISE_ANSWER): MessageStatus.ANSWERED,
    **{(status, MessageStep.CONVERT): MessageStatus.CONVERTED for status in _OPEN},
    **{(status, MessageStep.REFER_AS_PETITION): MessageStatus.PETITION for status in _OPEN},
    **{(status, MessageStep.MARK_SPAM): MessageStatus.SPAM for status in _OPEN},
}


def next_status(status: MessageStatus, step: MessageStep) -> MessageStatus:
    """The status after ``step``; MessageError (``message_step_not_allowed``) if the step is not allowed."""
    after = TRANSITIONS.get((status, step))
    if after is None:
        if step is MessageStep.ANSWER and status is MessageStatus.RECEIVED:
            raise MessageError("留言尚未分办，请先分办到承办股室再答复", code="message_not_routed")
        raise MessageError(f"留言现为“{status.label}”，不能{step.label}", code="message_step_not_allowed")
    return after


def allowed_steps(status: MessageStatus) -> tuple[MessageStep, ...]:
    return tuple(step for step in MessageStep if (status, step) in TRANSITIONS)


class Publication(StrEnum):
    """Whether the question and its answer are on the public pages."""

    PENDING = "pending"
    PUBLISHED = "published"
    PRIVATE = "private"  # the writer did not agree to publication
    UNSUITABLE = "unsuitable"  # a moderator decided it is not to be published (with a reason)

    @property
    def label(self) -> str:
        return {
            Publication.PENDING: "未公开",
            Publication.PUBLISHED: "已公开",
            Publication.PRIVATE: "留言人不同意公开",
            Publication.UNSUITABLE: "不宜公开",
        }[self]


def publication_refusal(status: MessageStatus, publication: Publication) -> MessageError | None:
    """Why the message cannot go to the gate for publication now; None when it can."""
    if publication is Publication.PUBLISHED:
        return MessageError("留言及答复已经公开", code="message_already_published")
    if publication is Publication.PRIVATE:
        return MessageError("留言人不同意公开，留言及答复不能公开", code="message_private")
    if publication is Publication.UNSUITABLE:
        return MessageError("留言已标记为不宜公开", code="message_unsuitable")
    if status is not MessageStatus.ANSWERED:
        return MessageError(f"留言现为“{status.label}”，答复后才能公开", code="message_not_answered")
    return None


def check_answer_limit(days: int) -> int:
    """A body's answer period: 1 to MAX_ANSWER_LIMIT working days."""
    if not 1 <= days <= MAX_ANSWER_LIMIT:
        raise MessageError(
            f"答复期限应为 1 至 {MAX_ANSWER_LIMIT} 个工作日，实际为 {days}", code="message_limit_out_of_range"
        )
    return days


def answer_due(received_on: dt.date, limit: int, calendar: WorkCalendar) -> Deadline:
    """The last day to answer: ``limit`` working days after the day of receipt (that day not counted)."""
    return calendar.add_working_days(received_on, check_answer_limit(limit))


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    RUNNING = "running"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {
            Timeliness.ON_TIME: "按期答复",
            Timeliness.LATE: "超期答复",
            Timeliness.RUNNING: "未到期",
            Timeliness.OVERDUE: "已超期未答复",
        }[self]


def timeliness(*, due_on: dt.date, answered_on: dt.date | None, today: dt.date) -> Timeliness:
    """An answer on the last day is on time; an open message is overdue from the day after it."""
    if answered_on is not None:
        return Timeliness.ON_TIME if answered_on <= due_on else Timeliness.LATE
    return Timeliness.RUNNING if today <= due_on else Timeliness.OVERDUE


@dataclass(frozen=True)
class MessageRow:
    """What the figures need of one message (no text, no contact)."""

    kind: MessageKind
    status: MessageStatus
    department: str | None  # the name of the department it is (or was last) with
    due_on: dt.date
    answered_on: dt.date | None
    application_outcome: str | None = None  # the outcome of the application it became, if decided


# The report's row for applications not processed as 信访举报投诉类申请 (第三十九条第一款).
COMPLAINT_ROW = FORMAT_2021.applications.row("not_processed.complaint")


@dataclass(frozen=True)
class MessageFigures:
    """A year's messages counted by kind, status, department and timeliness.

    ``converted`` messages are applications and counted in section 三 (一、本年新收) of the annual
    report; ``converted_complaints`` of them ended in row 三（五）1 信访举报投诉类申请.
    ``petitions`` were referred as 信访 and are not applications: section 三 counts none of them.
    Spam is counted apart and in no other figure.
    """

    received: int
    by_kind: Mapping[MessageKind, int]
    by_status: Mapping[MessageStatus, int]
    by_department: Mapping[str, int]
    by_timeliness: Mapping[Timeliness, int]
    spam: int
    converted: int
    converted_complaints: int
    petitions: int
    answered: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answered", self.by_status.get(MessageStatus.ANSWERED, 0))

    @property
    def answered_on_time_rate(self) -> Fraction | None:
        """按期答复率: answers on time among answers given, exact (None before the first answer)."""
        on_time = self.by_timeliness.get(Timeliness.ON_TIME, 0)
        answers = on_time + self.by_timeliness.get(Timeliness.LATE, 0)
        return Fraction(on_time, answers) if answers else None

    @property
    def answered_on_time_percent(self) -> Decimal | None:
        """The 按期答复率 as printed: a percentage with one decimal, rounded half-up."""
        rate = self.answered_on_time_rate
        return None if rate is None else percent(rate)


def count_messages(rows: Iterable[MessageRow], *, today: dt.date) -> MessageFigures:
    """Tally ``rows`` (one year's messages). Spam counts only as spam; timeliness is counted for the
    messages the office answered or still has to answer (converted and referred ones left its hands)."""
    kinds: Counter[MessageKind] = Counter()
    statuses: Counter[MessageStatus] = Counter()
    departments: Counter[str] = Counter()
    timely: Counter[Timeliness] = Counter()
    spam = complaints = 0
    for row in rows:
        if row.status is MessageStatus.SPAM:
            spam += 1
            continue
        kinds[row.kind] += 1
        statuses[row.status] += 1
        if row.department is not None:
            departments[row.department] += 1
        if row.status is MessageStatus.ANSWERED or row.status.is_open:
            timely[timeliness(due_on=row.due_on, answered_on=row.answered_on, today=today)] += 1
        if row.status is MessageStatus.CONVERTED and row.application_outcome == COMPLAINT_ROW.id:
            complaints += 1
    return MessageFigures(
        received=sum(kinds.values()),
        by_kind={kind: kinds[kind] for kind in MessageKind},
        by_status={status: statuses[status] for status in MessageStatus if status is not MessageStatus.SPAM},
        by_department=dict(sorted(departments.items())),
        by_timeliness={label: timely[label] for label in Timeliness},
        spam=spam,
        converted=statuses[MessageStatus.CONVERTED],
        converted_complaints=complaints,
        petitions=statuses[MessageStatus.PETITION],
    )
