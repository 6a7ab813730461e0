"""The rules of 网上留言: steps, the answer period in working days, timeliness and the year's figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from gongkai.messages import (
    COMPLAINT_ROW,
    DEFAULT_ANSWER_LIMIT,
    MessageError,
    MessageKind,
    MessageRow,
    MessageStatus,
    MessageStep,
    Publication,
    Timeliness,
    allowed_steps,
    answer_due,
    count_messages,
    next_status,
    publication_refusal,
    timeliness,
)
from gongkai.workdays import chinese_calendar_work_calendar

CALENDAR = chinese_calendar_work_calendar()


def test_a_new_message_is_routed_then_answered() -> None:
    routed = next_status(MessageStatus.RECEIVED, MessageStep.ROUTE)
    assert routed is MessageStatus.ROUTED
    assert next_status(routed, MessageStep.ANSWER) is MessageStatus.ANSWERED


def test_a_message_is_not_answered_before_it_is_routed() -> None:
    with pytest.raises(MessageError) as refused:
        next_status(MessageStatus.RECEIVED, MessageStep.ANSWER)
    assert refused.value.code == "message_not_routed"
    assert refused.value.message == "留言尚未分办，请先分办到承办股室再答复"


def test_a_converted_message_takes_no_further_step() -> None:
    assert allowed_steps(MessageStatus.CONVERTED) == ()
    with pytest.raises(MessageError) as refused:
        next_status(MessageStatus.CONVERTED, MessageStep.REFER_AS_PETITION)
    assert refused.value.code == "message_step_not_allowed"
    assert refused.value.message == "留言现为“已转为政府信息公开申请”，不能按信访事项转办"


def test_an_open_message_may_be_routed_again_converted_referred_or_marked_as_spam() -> None:
    assert allowed_steps(MessageStatus.ROUTED) == (
        MessageStep.ROUTE,
        MessageStep.ANSWER,
        MessageStep.CONVERT,
        MessageStep.REFER_AS_PETITION,
        MessageStep.MARK_SPAM,
    )
    assert allowed_steps(MessageStatus.ANSWERED) == (MessageStep.REVISE_ANSWER,)


def test_the_default_period_of_five_working_days_skips_the_national_day_holiday() -> None:
    # Received on Tuesday 2025-09-30; 10月1日至8日 are holidays, Saturday 10月11日 is a make-up workday:
    # 10月9日, 10日, 11日, 13日, 14日.
    due = answer_due(date(2025, 9, 30), DEFAULT_ANSWER_LIMIT, CALENDAR)
    assert due.date == date(2025, 10, 14)
    assert due.make_up_workdays == (date(2025, 10, 11),)
    assert due.provisional is False


def test_a_period_outside_one_to_sixty_working_days_is_refused() -> None:
    with pytest.raises(MessageError) as refused:
        answer_due(date(2025, 9, 30), 0, CALENDAR)
    assert refused.value.code == "message_limit_out_of_range"
    with pytest.raises(MessageError):
        answer_due(date(2025, 9, 30), 61, CALENDAR)


def test_an_answer_on_the_last_day_is_on_time_and_the_day_after_is_late() -> None:
    due = date(2025, 10, 13)
    assert timeliness(due_on=due, answered_on=due, today=date(2025, 12, 1)) is Timeliness.ON_TIME
    assert timeliness(due_on=due, answered_on=date(2025, 10, 14), today=date(2025, 12, 1)) is Timeliness.LATE
    assert timeliness(due_on=due, answered_on=None, today=due) is Timeliness.RUNNING
    assert timeliness(due_on=due, answered_on=None, today=date(2025, 10, 14)) is Timeliness.OVERDUE


@pytest.mark.parametrize(
    ("status", "publication", "code"),
    [
        (MessageStatus.ANSWERED, Publication.PRIVATE, "message_private"),
        (MessageStatus.ANSWERED, Publication.UNSUITABLE, "message_unsuitable"),
        (MessageStatus.ANSWERED, Publication.PUBLISHED, "message_already_published"),
        (MessageStatus.ROUTED, Publication.PENDING, "message_not_answered"),
        (MessageStatus.PETITION, Publication.PENDING, "message_not_answered"),
    ],
)
def test_only_an_answered_message_whose_writer_agreed_goes_to_the_gate(
    status: MessageStatus, publication: Publication, code: str
) -> None:
    refusal = publication_refusal(status, publication)
    assert refusal is not None and refusal.code == code


def test_an_answered_pending_message_may_go_to_the_gate() -> None:
    assert publication_refusal(MessageStatus.ANSWERED, Publication.PENDING) is None


def _row(
    kind: MessageKind,
    status: MessageStatus,
    department: str | None = "教育股",
    answered_on: date | None = None,
    outcome: str | None = None,
) -> MessageRow:
    return MessageRow(kind, status, department, date(2025, 10, 13), answered_on, outcome)


def test_the_figures_tell_converted_applications_from_petitions_and_leave_spam_out() -> None:
    rows = [
        _row(MessageKind.CONSULTATION, MessageStatus.ANSWERED, answered_on=date(2025, 10, 10)),
        _row(MessageKind.CONSULTATION, MessageStatus.ANSWERED, answered_on=date(2025, 10, 20)),
        _row(MessageKind.SUGGESTION, MessageStatus.ROUTED, department="办公室"),
        _row(MessageKind.SUGGESTION, MessageStatus.RECEIVED, department=None),
        _row(MessageKind.COMPLAINT, MessageStatus.PETITION, department=None),
        _row(MessageKind.COMPLAINT, MessageStatus.CONVERTED, department=None, outcome=COMPLAINT_ROW.id),
        _row(MessageKind.CONSULTATION, MessageStatus.CONVERTED, department=None, outcome="granted"),
        _row(MessageKind.CONSULTATION, MessageStatus.CONVERTED, department=None),
        _row(MessageKind.COMPLAINT, MessageStatus.SPAM, department=None),
    ]
    figures = count_messages(rows, today=date(2025, 10, 14))

    assert figures.received == 8
    assert figures.spam == 1
    assert dict(figures.by_kind) == {
        MessageKind.CONSULTATION: 4,
        MessageKind.SUGGESTION: 2,
        MessageKind.COMPLAINT: 2,
    }
    assert figures.answered == 2
    assert (figures.converted, figures.converted_complaints, figures.petitions) == (3, 1, 1)
    assert dict(figures.by_department) == {"办公室": 1, "教育股": 2}
    assert dict(figures.by_timeliness) == {
        Timeliness.ON_TIME: 1,
        Timeliness.LATE: 1,
        Timeliness.RUNNING: 0,
        Timeliness.OVERDUE: 2,
    }
    assert figures.answered_on_time_rate == Fraction(1, 2)
    assert figures.answered_on_time_percent == Decimal("50.0")
    assert COMPLAINT_ROW.title == "（五）不予处理 1.信访举报投诉类申请"


def test_no_answer_yet_gives_no_on_time_rate() -> None:
    figures = count_messages([_row(MessageKind.SUGGESTION, MessageStatus.RECEIVED)], today=date(2025, 10, 1))
    assert figures.answered_on_time_rate is None
    assert figures.by_timeliness[Timeliness.RUNNING] == 1
