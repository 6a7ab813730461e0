"""The statutory reply deadline of an application, computed from its recorded events.

Nothing here stores "days left": :func:`compute_clock` folds the receipt date and the typed
events (correction, extension, consultation, fee) over a :class:`~gongkai.workdays.WorkCalendar`
and returns a :class:`ClockState` for a given ``today``, with a Chinese explanation of each step.

Conventions, each a reading of 条例 (国务院令第711号) that the web app shows to the officer:

* Counting starts the day after receipt (第三十三条 "自收到申请之日起"; the start day is not
  counted, as in :meth:`WorkCalendar.add_working_days`).
* A pause (consultation, fee) stops the clock at the end of the day the letter or notice is sent
  and restarts it the day after the answer or payment: working days ``d`` with
  ``sent < d <= answered`` are not counted.
* A consultation pause ends at the latest when the consulted party's
  :data:`CONSULTATION_ANSWER_LIMIT` runs out, counted from the day the letter is sent (the
  letter's receipt date is not recorded): silence lets the office decide (第三十二条, 第三十四条),
  so the clock runs again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from gongkai.errors import GongkaiError
from gongkai.workdays import (
    CalendarDay,
    Deadline,
    WorkCalendar,
    describe_day,
    non_working_spans,
    provisional_note,
)

REPLY_LIMIT = 20  # working days, 条例 第三十三条第一款
EXTENSION_LIMIT = 20  # working days at most, once, approved by the office head, 条例 第三十三条第一款
CORRECTION_REQUEST_LIMIT = 7  # working days from receipt, 条例 第三十条
# 第三十条 allows one correction request; a second one when the corrected text is still unclear
# is practice, not statute (spec §4.3), so it is a policy number.
CORRECTION_REQUESTS_ALLOWED = 2
CONSULTATION_ANSWER_LIMIT = 15  # working days, 条例 第三十二条 (third party), 第三十四条 (co-agency)
FEE_PAYMENT_LIMIT = 20  # working days from the day after the notice is received, 国办函〔2020〕109号

# Whether the time between the fee notice and the payment is left out of the reply clock.
# What is confirmed: 国办函〔2020〕109号 as quoted by 四川省财政厅、四川省发展改革委《关于政府信息公开信息
# 处理费有关事项的通知》(2021-01-18, item 二): the notice is sent "在政府信息公开申请处理期限内", stating
# basis, standard, amount and payment method, and the applicant pays "在收到收费通知次日起20个工作日内",
# else the application "视为放弃" (FEE_PAYMENT_LIMIT, the lapse in gongkai.cases). What is not: every
# stored copy of 109号 consulted (government mirrors, checked again 2026-12-05) stops after 第五条, so
# the article saying whether the waiting time counts could not be read. Leaving it out is the reading
# that keeps the office from being overdue while the applicant decides whether to pay; it is a named
# policy, not a verified rule (spec §5 and §7 item 2), and every explanation the clock gives says
# "收费等待期间" so the officer sees it.
FEE_WAIT_EXCLUDED_FROM_REPLY_CLOCK = True


class ClockEventError(GongkaiError):
    """An event sequence the Regulation does not allow; ``event`` is the offending event."""

    code = "clock_event_invalid"

    def __init__(self, message: str, *, event: ClockEvent | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.event = event


class EventOrderError(ClockEventError):
    code = "clock_event_out_of_order"


class CorrectionError(ClockEventError):
    code = "correction_invalid"


class CorrectionRequestLateError(CorrectionError):
    code = "correction_request_late"


class ExtensionError(ClockEventError):
    code = "extension_invalid"


class ExtensionRepeatedError(ExtensionError):
    code = "extension_repeated"


class ExtensionTooLongError(ExtensionError):
    code = "extension_too_long"


class ConsultationError(ClockEventError):
    code = "consultation_invalid"


class FeeEventError(ClockEventError):
    code = "fee_event_invalid"


class ActAfterDeadlineError(ClockEventError):
    """An extension, consultation or fee notice made after the reply deadline had passed."""

    code = "act_after_deadline"


class ConsultationParty(Enum):
    THIRD_PARTY = "third_party"  # 条例 第三十二条
    CO_AGENCY = "co_agency"  # 条例 第三十四条

    @property
    def label(self) -> str:
        if self is ConsultationParty.THIRD_PARTY:
            return "征求第三方意见（第三十二条）"
        if self is ConsultationParty.CO_AGENCY:
            return "征求其他机关意见（第三十四条）"
        raise AssertionError(self)


@dataclass(frozen=True)
class CorrectionRequested:
    on: dt.date


@dataclass(frozen=True)
class CorrectionReceived:
    on: dt.date


@dataclass(frozen=True)
class ExtensionApproved:
    on: dt.date
    working_days: int
    notified_on: dt.date


@dataclass(frozen=True)
class ConsultationSent:
    on: dt.date
    party: ConsultationParty


@dataclass(frozen=True)
class ConsultationAnswered:
    on: dt.date


@dataclass(frozen=True)
class FeeNoticeSent:
    """``received_on``: when the applicant received the notice, if known; else ``on``."""

    on: dt.date
    received_on: dt.date | None = None


@dataclass(frozen=True)
class FeePaid:
    on: dt.date


ClockEvent = (
    CorrectionRequested
    | CorrectionReceived
    | ExtensionApproved
    | ConsultationSent
    | ConsultationAnswered
    | FeeNoticeSent
    | FeePaid
)


class ClockStatus(Enum):
    RUNNING = "running"
    AWAITING_CORRECTION = "awaiting_correction"  # no clock until the corrected application arrives
    CONSULTING = "consulting"  # paused, 第三十三条第二款
    AWAITING_PAYMENT = "awaiting_payment"  # paused if FEE_WAIT_EXCLUDED_FROM_REPLY_CLOCK
    LAPSED_UNPAID_FEE = "lapsed_unpaid_fee"  # deemed abandoned, 国办函〔2020〕109号


@dataclass(frozen=True)
class ClockState:
    """The clock of one application as of ``today``.

    ``due_on`` is None while the clock is paused or awaiting a correction (the date depends on
    events still to come) and once the application lapsed; ``days_left`` is then the frozen
    remainder (None when no clock runs). Negative ``days_left`` counts the working days overdue.
    """

    received_on: dt.date
    today: dt.date
    status: ClockStatus
    clock_started_on: dt.date
    limit: int
    due_on: dt.date | None
    days_left: int | None
    overdue: bool
    correction_deadline: dt.date | None
    payment_deadline: dt.date | None
    consultation_answer_deadline: dt.date | None
    provisional: bool
    provisional_years: tuple[int, ...]
    steps: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return "；".join(self.steps)


@dataclass
class _Pause:
    label: str
    start: dt.date
    is_consultation: bool
    end: dt.date | None = None
    cap: dt.date | None = None

    def effective_end(self, as_of: dt.date) -> dt.date | None:
        """Last paused day, or None while the pause is still open on ``as_of``."""
        if self.end is not None:
            return self.end if self.cap is None else min(self.end, self.cap)
        if self.cap is not None and as_of > self.cap:
            return self.cap
        return None


class _Clock:
    def __init__(self, calendar: WorkCalendar, received_on: dt.date) -> None:
        self.calendar = calendar
        self.received_on = received_on
        self.clock_start = received_on
        self.missing_years: set[int] = set()
        self.pauses: list[_Pause] = []
        self.extension: ExtensionApproved | None = None
        self.correction_requests = 0
        self.correction_pending = False
        self.consultation: _Pause | None = None
        self.fee_notice: FeeNoticeSent | None = None
        self.fee_paid: FeePaid | None = None
        self.fee_pause: _Pause | None = None
        self.payment_deadline: dt.date | None = None
        self.steps: list[str] = [f"收到申请 {received_on.isoformat()}"]

    def day(self, day: dt.date) -> CalendarDay:
        info = self.calendar.day(day)
        if info.provisional:
            self.missing_years.add(day.year)
        return info

    def add(self, start: dt.date, n: int) -> Deadline:
        deadline = self.calendar.add_working_days(start, n)
        self.missing_years.update(deadline.provisional_years)
        return deadline

    def working_days(self, start: dt.date, end: dt.date) -> int:
        count = self.calendar.working_days_between(start, end)
        self.missing_years.update(count.provisional_years)
        return count.days

    @property
    def limit(self) -> int:
        return REPLY_LIMIT + (self.extension.working_days if self.extension else 0)

    def paused(self, day: dt.date, as_of: dt.date) -> bool:
        for pause in self.pauses:
            end = pause.effective_end(as_of)
            if day > pause.start and (end is None or day <= end):
                return True
        return False

    def any_open_pause(self, as_of: dt.date) -> bool:
        return any(p.effective_end(as_of) is None for p in self.pauses)

    def counted_until(self, end: dt.date, as_of: dt.date) -> int:
        """Reply-clock days counted in (clock_start, end]."""
        count = 0
        current = self.clock_start
        while current < end:
            current += dt.timedelta(days=1)
            if self.day(current).is_working_day and not self.paused(current, as_of):
                count += 1
        return count

    def due(self, as_of: dt.date) -> tuple[dt.date, list[CalendarDay]]:
        """The day the ``limit``-th counted day falls on; every pause must be closed by ``as_of``."""
        walked: list[CalendarDay] = []
        count = 0
        current = self.clock_start
        while count < self.limit:
            current += dt.timedelta(days=1)
            info = self.day(current)
            walked.append(info)
            if info.is_working_day and not self.paused(current, as_of):
                count += 1
        return current, walked

    def require_within_period(self, event: ClockEvent, what: str, code: str) -> None:
        if self.any_open_pause(event.on):
            return
        due, _ = self.due(event.on)
        if event.on > due:
            raise ActAfterDeadlineError(
                f"{what}（{event.on.isoformat()}）晚于答复期限 {due.isoformat()}", event=event, code=code
            )

    def require_no_pending_correction(self, event: ClockEvent) -> None:
        if self.correction_pending:
            raise CorrectionError(
                f"{event.on.isoformat()}：申请人尚未提交补正，不能进行此项办理",
                event=event,
                code="correction_pending",
            )

    def apply(self, event: ClockEvent) -> None:
        if isinstance(event, CorrectionRequested):
            self.request_correction(event)
        elif isinstance(event, CorrectionReceived):
            self.receive_correction(event)
        elif isinstance(event, ExtensionApproved):
            self.extend(event)
        elif isinstance(event, ConsultationSent):
            self.send_consultation(event)
        elif isinstance(event, ConsultationAnswered):
            self.answer_consultation(event)
        elif isinstance(event, FeeNoticeSent):
            self.send_fee_notice(event)
        elif isinstance(event, FeePaid):
            self.pay_fee(event)
        else:
            raise TypeError(f"not a clock event: {event!r}")

    def request_correction(self, event: CorrectionRequested) -> None:
        if self.correction_pending:
            raise CorrectionError(
                f"{event.on.isoformat()}：上一次补正尚未收到，不能再次要求补正",
                event=event,
                code="correction_pending",
            )
        if self.extension is not None or self.pauses:
            raise CorrectionError(
                f"{event.on.isoformat()}：已开始办理（延期、征求意见或收费），不能再要求补正",
                event=event,
                code="correction_after_processing",
            )
        if self.correction_requests >= CORRECTION_REQUESTS_ALLOWED:
            raise CorrectionError(
                f"{event.on.isoformat()}：补正已要求 {self.correction_requests} 次，不能再次要求",
                event=event,
                code="correction_repeated",
            )
        limit = self.add(self.clock_start, CORRECTION_REQUEST_LIMIT).date
        if event.on > limit:
            raise CorrectionRequestLateError(
                f"要求补正的日期 {event.on.isoformat()} 超过第三十条规定的期限"
                f"（收到申请后 {CORRECTION_REQUEST_LIMIT} 个工作日内，即 {limit.isoformat()} 前）",
                event=event,
            )
        self.correction_requests += 1
        self.correction_pending = True
        self.steps.append(
            f"{event.on.isoformat()} 一次性告知申请人补正（第三十条：应于收到申请后"
            f" {CORRECTION_REQUEST_LIMIT} 个工作日内告知，即 {limit.isoformat()} 前）"
        )

    def receive_correction(self, event: CorrectionReceived) -> None:
        if not self.correction_pending:
            raise CorrectionError(
                f"{event.on.isoformat()}：未要求补正，不能登记补正材料",
                event=event,
                code="correction_not_requested",
            )
        self.correction_pending = False
        self.clock_start = event.on
        self.steps.append(f"{event.on.isoformat()} 收到补正后的申请，答复期限自次日重新起算（第三十条）")

    def extend(self, event: ExtensionApproved) -> None:
        self.require_no_pending_correction(event)
        if self.extension is not None:
            raise ExtensionRepeatedError(
                f"已于 {self.extension.on.isoformat()} 延期一次，第三十三条只允许延期一次", event=event
            )
        if event.working_days > EXTENSION_LIMIT:
            raise ExtensionTooLongError(
                f"延期 {event.working_days} 个工作日超过第三十三条规定的最长 {EXTENSION_LIMIT} 个工作日",
                event=event,
            )
        if event.working_days < 1:
            raise ExtensionError(f"延期天数必须为正数，收到 {event.working_days}", event=event)
        if event.notified_on < event.on:
            raise ExtensionError(
                f"告知申请人的日期 {event.notified_on.isoformat()} 早于批准延期的日期 {event.on.isoformat()}",
                event=event,
                code="extension_notified_before_approval",
            )
        self.require_within_period(event, "批准延期", "extension_after_deadline")
        self.extension = event
        self.steps.append(
            f"延期 {event.working_days} 个工作日（{event.on.isoformat()} 批准，"
            f"{event.notified_on.isoformat()} 告知申请人）"
        )

    def send_consultation(self, event: ConsultationSent) -> None:
        self.require_no_pending_correction(event)
        if self.consultation is not None and self.consultation.effective_end(event.on) is None:
            raise ConsultationError(
                f"{event.on.isoformat()}：{self.consultation.start.isoformat()} 发出的征求意见尚未答复",
                event=event,
                code="consultation_already_open",
            )
        self.require_within_period(event, "征求意见", "consultation_after_deadline")
        cap = self.add(event.on, CONSULTATION_ANSWER_LIMIT).date
        self.consultation = _Pause(event.party.label, event.on, is_consultation=True, cap=cap)
        self.pauses.append(self.consultation)

    def answer_consultation(self, event: ConsultationAnswered) -> None:
        if self.consultation is None:
            raise ConsultationError(
                f"{event.on.isoformat()}：没有待答复的征求意见，不能登记答复",
                event=event,
                code="consultation_not_sent",
            )
        self.consultation.end = event.on
        self.consultation = None

    def send_fee_notice(self, event: FeeNoticeSent) -> None:
        self.require_no_pending_correction(event)
        if self.fee_notice is not None:
            raise FeeEventError(
                f"{event.on.isoformat()}：已于 {self.fee_notice.on.isoformat()} 发出收费通知",
                event=event,
                code="fee_notice_repeated",
            )
        received = event.received_on or event.on
        if received < event.on:
            raise FeeEventError(
                f"收费通知的送达日期 {received.isoformat()} 早于发出日期 {event.on.isoformat()}",
                event=event,
                code="fee_notice_received_before_sent",
            )
        self.require_within_period(event, "发出收费通知", "fee_notice_after_deadline")
        self.fee_notice = event
        self.payment_deadline = self.add(received, FEE_PAYMENT_LIMIT).date
        if FEE_WAIT_EXCLUDED_FROM_REPLY_CLOCK:
            self.fee_pause = _Pause(
                "等待缴纳信息处理费（国办函〔2020〕109号）", event.on, is_consultation=False
            )
            self.pauses.append(self.fee_pause)

    def pay_fee(self, event: FeePaid) -> None:
        if self.fee_notice is None or self.payment_deadline is None:
            raise FeeEventError(
                f"{event.on.isoformat()}：未发出收费通知，不能登记缴费", event=event, code="fee_not_noticed"
            )
        if self.fee_paid is not None:
            raise FeeEventError(
                f"{event.on.isoformat()}：已于 {self.fee_paid.on.isoformat()} 缴费",
                event=event,
                code="fee_paid_twice",
            )
        if event.on > self.payment_deadline:
            raise FeeEventError(
                f"缴费日期 {event.on.isoformat()} 晚于缴费期限 {self.payment_deadline.isoformat()}，"
                "申请已视为放弃",
                event=event,
                code="fee_paid_late",
            )
        self.fee_paid = event
        if self.fee_pause is not None:
            self.fee_pause.end = event.on

    def pause_steps(self, today: dt.date) -> list[str]:
        steps = []
        for pause in self.pauses:
            end = pause.effective_end(today)
            sent = pause.start.isoformat()
            if end is None:
                waiting = "尚未答复" if pause.is_consultation else "尚未缴费"
                steps.append(f"{pause.label}：{sent} 起，{waiting}，计时暂停")
                continue
            lost = self.working_days(pause.start, end)
            if pause.end is not None and (pause.cap is None or pause.end <= pause.cap):
                closed = f"{pause.end.isoformat()} {'答复' if pause.is_consultation else '缴费'}"
            else:
                closed = f"逾期未答复，仅扣除至答复期限 {end.isoformat()}"
            basis = "第三十三条第二款" if pause.is_consultation else "收费等待期间"
            steps.append(f"{pause.label}：{sent} 发出，{closed}，其间 {lost} 个工作日不计入（{basis}）")
        return steps


def compute_clock(
    *,
    received_on: dt.date,
    events: Sequence[ClockEvent],
    calendar: WorkCalendar,
    today: dt.date,
) -> ClockState:
    """The reply clock of an application received on ``received_on``, as of ``today``.

    ``events`` must be in chronological order (same-day events in the order they happened), none
    before ``received_on`` or after ``today``. Raises a :class:`ClockEventError` subclass, with a
    Chinese message and a stable code, for a sequence the Regulation does not allow.
    """
    if today < received_on:
        raise EventOrderError(
            f"计算日 {today.isoformat()} 早于收到申请的日期 {received_on.isoformat()}",
            code="today_before_receipt",
        )
    _check_order(received_on, events, today)
    clock = _Clock(calendar, received_on)
    for event in events:
        clock.apply(event)

    open_consultation = clock.consultation is not None and clock.consultation.effective_end(today) is None
    consultation_deadline = clock.consultation.cap if clock.consultation is not None else None
    lapsed = (
        clock.fee_notice is not None
        and clock.fee_paid is None
        and clock.payment_deadline is not None
        and today > clock.payment_deadline
    )
    correction_deadline = None
    if not clock.correction_pending and clock.correction_requests < CORRECTION_REQUESTS_ALLOWED:
        correction_deadline = clock.add(clock.clock_start, CORRECTION_REQUEST_LIMIT).date

    steps = list(clock.steps)
    if not clock.correction_pending:
        steps.insert(
            1 + 2 * clock.correction_requests,
            f"第三十三条：{REPLY_LIMIT} 个工作日，自 {clock.clock_start.isoformat()} 次日起算",
        )
    steps += clock.pause_steps(today)
    if clock.fee_notice is not None and clock.payment_deadline is not None:
        steps.append(
            f"{clock.fee_notice.on.isoformat()} 发出收费通知，缴费期限 {clock.payment_deadline.isoformat()}"
            f"（国办函〔2020〕109号：收到通知次日起 {FEE_PAYMENT_LIMIT} 个工作日）"
        )

    due_on: dt.date | None = None
    days_left: int | None = None
    overdue = False
    if lapsed:
        status = ClockStatus.LAPSED_UNPAID_FEE
        steps.append("逾期未缴纳信息处理费，申请视为放弃，不再处理")
    elif clock.correction_pending:
        status = ClockStatus.AWAITING_CORRECTION
        steps.append("等待申请人补正，答复期限自收到补正后的申请次日起计算")
    else:
        days_left = clock.limit - clock.counted_until(today, today)
        if clock.any_open_pause(today):
            status = ClockStatus.CONSULTING if open_consultation else ClockStatus.AWAITING_PAYMENT
            overdue = days_left < 0
            steps.append(f"计时暂停，尚余 {max(days_left, 0)} 个工作日")
        else:
            status = (
                ClockStatus.AWAITING_PAYMENT
                if clock.fee_notice is not None and clock.fee_paid is None
                else ClockStatus.RUNNING
            )
            due_on, walked = clock.due(today)
            overdue = today > due_on
            steps += [span.describe() for span in non_working_spans(walked) if span.names]
            steps += [f"调休上班 {describe_day(d.date)}计为工作日" for d in walked if d.is_make_up_workday]
            steps.append(f"答复期限 {due_on.isoformat()}（共 {clock.limit} 个工作日）")
            if overdue:
                steps.append(f"已逾期 {-days_left} 个工作日" if days_left < 0 else "已逾期")
            else:
                steps.append(f"截至 {today.isoformat()} 尚余 {days_left} 个工作日")

    missing = tuple(sorted(clock.missing_years))
    if missing:
        steps.append(provisional_note(missing))
    return ClockState(
        received_on=received_on,
        today=today,
        status=status,
        clock_started_on=clock.clock_start,
        limit=clock.limit,
        due_on=due_on,
        days_left=days_left,
        overdue=overdue,
        correction_deadline=correction_deadline,
        payment_deadline=clock.payment_deadline if clock.fee_paid is None else None,
        consultation_answer_deadline=consultation_deadline,
        provisional=bool(missing),
        provisional_years=missing,
        steps=tuple(steps),
    )


def _check_order(received_on: dt.date, events: Iterable[ClockEvent], today: dt.date) -> None:
    previous = received_on
    for event in events:
        if event.on < received_on:
            raise EventOrderError(
                f"{event.on.isoformat()} 的事项早于收到申请的日期 {received_on.isoformat()}",
                event=event,
                code="event_before_receipt",
            )
        if event.on < previous:
            raise EventOrderError(
                f"事项未按时间顺序排列：{event.on.isoformat()} 排在 {previous.isoformat()} 之后",
                event=event,
            )
        if event.on > today:
            raise EventOrderError(
                f"{event.on.isoformat()} 的事项晚于计算日 {today.isoformat()}",
                event=event,
                code="event_after_today",
            )
        previous = event.on
