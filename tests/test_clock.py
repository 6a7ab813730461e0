from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.clock import (
    CONSULTATION_ANSWER_LIMIT,
    CORRECTION_REQUEST_LIMIT,
    EXTENSION_LIMIT,
    FEE_PAYMENT_LIMIT,
    FEE_WAIT_EXCLUDED_FROM_REPLY_CLOCK,
    REPLY_LIMIT,
    ClockEvent,
    ClockEventError,
    ClockState,
    ClockStatus,
    ConsultationAnswered,
    ConsultationParty,
    ConsultationSent,
    CorrectionReceived,
    CorrectionRequested,
    ExtensionApproved,
    FeeNoticeSent,
    FeePaid,
    compute_clock,
)
from gongkai.workdays import chinese_calendar_work_calendar

CALENDAR = chinese_calendar_work_calendar()
MONDAY = date(2025, 3, 3)  # a plain month: no holiday until 清明 2025-04-04..06
THIRD_PARTY = ConsultationParty.THIRD_PARTY


def clock(received_on: date, events: Sequence[ClockEvent], today: date) -> ClockState:
    return compute_clock(received_on=received_on, events=events, calendar=CALENDAR, today=today)


def refused(received_on: date, events: Sequence[ClockEvent], today: date) -> ClockEventError:
    with pytest.raises(ClockEventError) as caught:
        clock(received_on, events, today)
    return caught.value


def test_statutory_numbers() -> None:
    assert (REPLY_LIMIT, EXTENSION_LIMIT, CORRECTION_REQUEST_LIMIT) == (20, 20, 7)
    assert (CONSULTATION_ANSWER_LIMIT, FEE_PAYMENT_LIMIT) == (15, 20)


def test_plain_application_is_due_after_twenty_working_days() -> None:
    state = clock(MONDAY, [], today=MONDAY)

    assert state.status is ClockStatus.RUNNING
    assert state.due_on == date(2025, 3, 31)
    assert (state.days_left, state.overdue, state.provisional) == (20, False, False)
    assert state.correction_deadline == date(2025, 3, 12)


def test_due_day_itself_is_not_overdue() -> None:
    state = clock(MONDAY, [], today=date(2025, 3, 31))
    assert (state.days_left, state.overdue) == (0, False)


def test_the_day_after_the_due_day_is_overdue() -> None:
    state = clock(MONDAY, [], today=date(2025, 4, 2))
    assert (state.days_left, state.overdue) == (-2, True)
    assert state.steps[-1] == "已逾期 2 个工作日"


def test_a_weekend_after_the_due_day_is_already_overdue() -> None:
    state = clock(date(2025, 2, 28), [], today=date(2025, 3, 29))
    assert state.due_on == date(2025, 3, 28)  # a Friday; today is the Saturday after
    assert (state.days_left, state.overdue) == (0, True)


def test_national_day_week_is_skipped_and_named() -> None:
    state = clock(date(2026, 9, 28), [], today=date(2026, 9, 28))

    assert state.due_on == date(2026, 10, 30)
    assert "扣除国庆节假期 10月1日至7日" in state.steps
    assert "调休上班 10月10日（星期六）计为工作日" in state.steps


def test_extension_adds_twenty_working_days() -> None:
    events = [ExtensionApproved(date(2026, 10, 20), 20, notified_on=date(2026, 10, 21))]
    state = clock(date(2026, 9, 28), events, today=date(2026, 10, 21))

    assert state.due_on == date(2026, 11, 27)
    assert state.limit == 40


def test_whole_history_is_explained_in_chinese() -> None:
    events: list[ClockEvent] = [
        ExtensionApproved(date(2026, 10, 20), 20, notified_on=date(2026, 10, 21)),
        ConsultationSent(date(2026, 10, 22), THIRD_PARTY),
        ConsultationAnswered(date(2026, 11, 3)),
    ]
    state = clock(date(2026, 9, 28), events, today=date(2026, 11, 10))

    assert state.due_on == date(2026, 12, 9)
    assert state.days_left == 21
    assert state.explanation == (
        "收到申请 2026-09-28；第三十三条：20 个工作日，自 2026-09-28 次日起算；"
        "延期 20 个工作日（2026-10-20 批准，2026-10-21 告知申请人）；"
        "征求第三方意见（第三十二条）：2026-10-22 发出，2026-11-03 答复，其间 8 个工作日不计入（第三十三条第二款）；"
        "扣除国庆节假期 10月1日至7日；调休上班 10月10日（星期六）计为工作日；"
        "答复期限 2026-12-09（共 40 个工作日）；截至 2026-11-10 尚余 21 个工作日"
    )


def test_second_extension_is_refused() -> None:
    events = [
        ExtensionApproved(date(2025, 3, 10), 10, notified_on=date(2025, 3, 10)),
        ExtensionApproved(date(2025, 3, 11), 10, notified_on=date(2025, 3, 11)),
    ]
    error = refused(MONDAY, events, today=date(2025, 3, 11))
    assert error.code == "extension_repeated"
    assert error.event == events[1]
    assert "只允许延期一次" in error.message


def test_extension_over_twenty_days_is_refused() -> None:
    events = [ExtensionApproved(date(2025, 3, 10), 21, notified_on=date(2025, 3, 10))]
    error = refused(MONDAY, events, today=date(2025, 3, 10))
    assert error.code == "extension_too_long"
    assert "最长 20 个工作日" in error.message


def test_extension_after_the_deadline_is_refused() -> None:
    events = [ExtensionApproved(date(2025, 4, 1), 20, notified_on=date(2025, 4, 1))]
    assert refused(MONDAY, events, today=date(2025, 4, 1)).code == "extension_after_deadline"


def test_extension_notified_before_approval_is_refused() -> None:
    events = [ExtensionApproved(date(2025, 3, 10), 20, notified_on=date(2025, 3, 7))]
    assert refused(MONDAY, events, today=date(2025, 3, 10)).code == "extension_notified_before_approval"


def test_correction_request_restarts_the_clock() -> None:
    events = [CorrectionRequested(date(2025, 3, 5)), CorrectionReceived(date(2025, 3, 20))]
    state = clock(MONDAY, events, today=date(2025, 3, 20))

    assert state.clock_started_on == date(2025, 3, 20)
    assert state.due_on == date(2025, 4, 18)  # 清明 2025-04-04..06 skipped
    assert state.correction_deadline == date(2025, 3, 31)  # a second request, counted from 3-20
    assert state.steps[:4] == (
        "收到申请 2025-03-03",
        "2025-03-05 一次性告知申请人补正（第三十条：应于收到申请后 7 个工作日内告知，即 2025-03-12 前）",
        "2025-03-20 收到补正后的申请，答复期限自次日重新起算（第三十条）",
        "第三十三条：20 个工作日，自 2025-03-20 次日起算",
    )


def test_awaiting_correction_has_no_due_date() -> None:
    state = clock(MONDAY, [CorrectionRequested(date(2025, 3, 12))], today=date(2025, 5, 1))
    assert state.status is ClockStatus.AWAITING_CORRECTION
    assert (state.due_on, state.days_left, state.overdue, state.correction_deadline) == (
        None,
        None,
        False,
        None,
    )


def test_correction_request_after_seven_working_days_is_refused() -> None:
    error = refused(MONDAY, [CorrectionRequested(date(2025, 3, 13))], today=date(2025, 3, 13))
    assert error.code == "correction_request_late"
    assert "7 个工作日内，即 2025-03-12 前" in error.message


def test_a_second_correction_is_allowed_and_a_third_refused() -> None:
    two_rounds: list[ClockEvent] = [
        CorrectionRequested(date(2025, 3, 5)),
        CorrectionReceived(date(2025, 3, 10)),
        CorrectionRequested(date(2025, 3, 12)),
        CorrectionReceived(date(2025, 3, 14)),
    ]
    state = clock(MONDAY, two_rounds, today=date(2025, 3, 14))
    assert (state.clock_started_on, state.correction_deadline) == (date(2025, 3, 14), None)

    third = [*two_rounds, CorrectionRequested(date(2025, 3, 17))]
    assert refused(MONDAY, third, today=date(2025, 3, 17)).code == "correction_repeated"


def test_correction_received_without_request_is_refused() -> None:
    assert refused(MONDAY, [CorrectionReceived(date(2025, 3, 4))], MONDAY + timedelta(1)).code == (
        "correction_not_requested"
    )


def test_extension_while_awaiting_correction_is_refused() -> None:
    events = [
        CorrectionRequested(date(2025, 3, 4)),
        ExtensionApproved(date(2025, 3, 5), 20, notified_on=date(2025, 3, 5)),
    ]
    assert refused(MONDAY, events, today=date(2025, 3, 5)).code == "correction_pending"


def test_consultation_time_is_not_counted() -> None:
    events = [ConsultationSent(date(2025, 3, 10), THIRD_PARTY), ConsultationAnswered(date(2025, 3, 14))]
    state = clock(MONDAY, events, today=date(2025, 3, 14))
    assert state.due_on == date(2025, 4, 7)  # 2025-03-31 + 4 working days, 清明 skipped


def test_open_consultation_pauses_the_clock() -> None:
    events = [ConsultationSent(date(2025, 3, 10), ConsultationParty.CO_AGENCY)]
    state = clock(MONDAY, events, today=date(2025, 3, 20))

    assert state.status is ClockStatus.CONSULTING
    assert (state.due_on, state.days_left, state.overdue) == (None, 15, False)
    assert state.consultation_answer_deadline == date(2025, 3, 31)
    assert "征求其他机关意见（第三十四条）：2025-03-10 起，尚未答复，计时暂停" in state.steps


def test_silent_third_party_pause_ends_at_the_answer_limit() -> None:
    events = [ConsultationSent(date(2025, 3, 10), THIRD_PARTY)]
    state = clock(MONDAY, events, today=date(2025, 4, 15))

    assert state.status is ClockStatus.RUNNING
    assert state.due_on == date(2025, 4, 22)
    assert (
        "征求第三方意见（第三十二条）：2025-03-10 发出，逾期未答复，仅扣除至答复期限 2025-03-31，"
        "其间 15 个工作日不计入（第三十三条第二款）"
    ) in state.steps


def test_answer_without_a_consultation_is_refused() -> None:
    error = refused(MONDAY, [ConsultationAnswered(date(2025, 3, 10))], today=date(2025, 3, 10))
    assert error.code == "consultation_not_sent"
    assert str(error) == "2025-03-10：没有待答复的征求意见，不能登记答复 [consultation_not_sent]"


def test_a_second_open_consultation_is_refused() -> None:
    events = [
        ConsultationSent(date(2025, 3, 10), THIRD_PARTY),
        ConsultationSent(date(2025, 3, 11), THIRD_PARTY),
    ]
    assert refused(MONDAY, events, today=date(2025, 3, 11)).code == "consultation_already_open"


def test_fee_waiting_time_is_not_counted_under_the_policy() -> None:
    assert FEE_WAIT_EXCLUDED_FROM_REPLY_CLOCK is True
    events = [FeeNoticeSent(date(2025, 3, 10)), FeePaid(date(2025, 3, 14))]
    state = clock(MONDAY, events, today=date(2025, 3, 14))
    assert state.due_on == date(2025, 4, 7)
    assert state.payment_deadline is None


def test_unpaid_fee_has_a_payment_deadline_then_lapses() -> None:
    events = [FeeNoticeSent(date(2025, 3, 10))]

    waiting = clock(MONDAY, events, today=date(2025, 4, 8))
    assert waiting.status is ClockStatus.AWAITING_PAYMENT
    assert waiting.payment_deadline == date(2025, 4, 8)
    assert (waiting.due_on, waiting.days_left) == (None, 15)

    lapsed = clock(MONDAY, events, today=date(2025, 4, 9))
    assert lapsed.status is ClockStatus.LAPSED_UNPAID_FEE
    assert (lapsed.due_on, lapsed.days_left, lapsed.overdue) == (None, None, False)
    assert lapsed.steps[-1] == "逾期未缴纳信息处理费，申请视为放弃，不再处理"


def test_payment_deadline_counts_from_the_day_after_the_notice_is_received() -> None:
    events = [FeeNoticeSent(date(2025, 3, 10), received_on=date(2025, 3, 12))]
    assert clock(MONDAY, events, today=date(2025, 3, 12)).payment_deadline == date(2025, 4, 10)


def test_late_payment_is_refused() -> None:
    events = [FeeNoticeSent(date(2025, 3, 10)), FeePaid(date(2025, 4, 9))]
    assert refused(MONDAY, events, today=date(2025, 4, 9)).code == "fee_paid_late"


def test_payment_without_notice_is_refused() -> None:
    assert refused(MONDAY, [FeePaid(date(2025, 3, 10))], today=date(2025, 3, 10)).code == "fee_not_noticed"


def test_events_out_of_order_are_refused() -> None:
    events = [ConsultationSent(date(2025, 3, 10), THIRD_PARTY), ConsultationAnswered(date(2025, 3, 7))]
    assert refused(MONDAY, events, today=date(2025, 3, 10)).code == "clock_event_out_of_order"


def test_events_after_today_are_refused() -> None:
    events = [ConsultationSent(date(2025, 3, 10), THIRD_PARTY)]
    assert refused(MONDAY, events, today=date(2025, 3, 9)).code == "event_after_today"


def test_events_before_receipt_are_refused() -> None:
    events = [ConsultationSent(date(2025, 3, 1), THIRD_PARTY)]
    assert refused(MONDAY, events, today=date(2025, 3, 9)).code == "event_before_receipt"


def test_a_clock_reaching_a_year_without_data_is_provisional() -> None:
    state = clock(date(2026, 12, 10), [], today=date(2026, 12, 11))

    assert state.due_on == date(2027, 1, 7)
    assert (state.provisional, state.provisional_years) == (True, (2027,))
    assert state.steps[-1] == "暂定：2027 年节假日安排尚未录入，按仅周末休息推算"


# --- property: the clock against a deliberately naive day-by-day count -------------------------


def naive_nth_working_day(start: date, n: int, pauses: Sequence[tuple[date, date]] = ()) -> date:
    """Walk day by day with chinese_calendar itself; a day inside (a, b] of a pause is not counted."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day) and not any(a < day <= b for a, b in pauses):
            counted += 1
    return day


History = tuple[date, list[ClockEvent], date, date, list[tuple[date, date]]]


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A receipt date, a valid event history, a `today`, the naive due date and the pauses."""
    received = draw(st.dates(date(2024, 1, 1), date(2026, 5, 31)))
    events: list[ClockEvent] = []
    start = received
    if draw(st.booleans()):
        asked = naive_nth_working_day(received, draw(st.integers(0, CORRECTION_REQUEST_LIMIT)))
        start = asked + timedelta(days=draw(st.integers(0, 30)))
        events += [CorrectionRequested(asked), CorrectionReceived(start)]
    last = start
    limit = REPLY_LIMIT
    if draw(st.booleans()):
        approved = naive_nth_working_day(start, draw(st.integers(0, REPLY_LIMIT)))
        extra = draw(st.integers(1, EXTENSION_LIMIT))
        notified = approved + timedelta(days=draw(st.integers(0, 3)))
        events.append(ExtensionApproved(approved, extra, notified))
        limit += extra
        last = approved
    pauses: list[tuple[date, date]] = []
    if draw(st.booleans()):
        sent = last + timedelta(days=draw(st.integers(0, 10)))
        if sent <= naive_nth_working_day(start, limit):
            cap = naive_nth_working_day(sent, CONSULTATION_ANSWER_LIMIT)
            answered = sent + timedelta(days=draw(st.integers(0, 40)))
            events += [ConsultationSent(sent, THIRD_PARTY), ConsultationAnswered(answered)]
            pauses.append((sent, min(answered, cap)))
            last = answered
    if draw(st.booleans()):
        noticed = last + timedelta(days=draw(st.integers(0, 10)))
        if noticed <= naive_nth_working_day(start, limit, pauses):
            paid = noticed + timedelta(days=draw(st.integers(0, 20)))
            events += [FeeNoticeSent(noticed), FeePaid(paid)]
            pauses.append((noticed, paid))
            last = paid
    due = naive_nth_working_day(start, limit, pauses)
    today = max(last, received) + timedelta(days=draw(st.integers(0, 120)))
    return received, events, today, due, pauses


@settings(max_examples=300, deadline=None)
@given(histories())
def test_clock_matches_a_naive_day_by_day_count(history: History) -> None:
    received, events, today, due, pauses = history
    state = clock(received, events, today)

    assert state.status is ClockStatus.RUNNING
    assert state.due_on == due
    assert state.overdue is (today > due)
    # Days left (negative: overdue) count only clock days: working days outside every pause.
    low, high, sign = (today, due, 1) if today <= due else (due, today, -1)
    clock_days = [
        day
        for day in (low + timedelta(days=i) for i in range(1, (high - low).days + 1))
        if chinese_calendar.is_workday(day) and not any(a < day <= b for a, b in pauses)
    ]
    assert state.days_left == sign * len(clock_days)
