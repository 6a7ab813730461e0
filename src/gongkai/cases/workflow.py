"""The life of an 依申请公开 application as a state machine: statuses, actions, one table.

Statuses follow the procedure of the 条例 (spec §4), one per position in which a different
set of next steps is lawful:

- 已登记 ``registered``: received and registered on the date of receipt (第三十一条), being
  examined. From here the office may ask for a correction (第三十条, within 7 working days of
  receipt), accept the application, or answer at once (第三十三条第一款 当场答复; also a
  不予处理 reply that needs no handling).
- 补正中 ``awaiting_correction``: the applicant was told once what to correct. Receipt of the
  corrected application returns the case to 已登记 (the reply period restarts from it); no
  correction in time closes it as 视为放弃 (第三十条 → 三（六）1). A second request after a
  still unclear correction is practice (spec §4.3), so the table allows it.
- 办理中 ``in_progress``: accepted and being handled; an extension is approved here.
- 征求意见中 ``consulting``: a third party or another agency is consulted (第三十二条、第三十四条).
  Its own status because the time is not counted (第三十三条第二款) and no reply may be made
  before the answer or the 15 working days are over.
- 待缴费 ``awaiting_payment``: a fee notice was sent (国办函〔2020〕109号); payment resumes the
  handling, non-payment in time closes the case as 视为放弃 (→ 三（六）2).
- 已答复 ``decided``, 视为放弃 ``lapsed``, 已撤回 ``withdrawn``: closed, each with exactly
  one outcome row of the report (withdrawal → 三（六）3.其他, spec §3).

Not statuses: the extension (第三十三条第一款) changes the deadline, not what may happen next,
so it is a flag (``CaseState.extended``) and consultations and fee notices may follow it;
archiving (第四十五条 归档) follows the reply without changing the case. Deadlines are computed
from the recorded events by `gongkai.clock`, never here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from gongkai.cases.outcomes import (
    NO_CORRECTION,
    OTHER,
    UNPAID_FEE,
    CaseError,
    Decision,
    DecisionError,
    Outcome,
)


class Status(StrEnum):
    REGISTERED = "registered"
    AWAITING_CORRECTION = "awaiting_correction"
    IN_PROGRESS = "in_progress"
    CONSULTING = "consulting"
    AWAITING_PAYMENT = "awaiting_payment"
    DECIDED = "decided"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        return self in CLOSED


STATUS_LABELS: Mapping[Status, str] = {
    Status.REGISTERED: "已登记",
    Status.AWAITING_CORRECTION: "补正中",
    Status.IN_PROGRESS: "办理中",
    Status.CONSULTING: "征求意见中",
    Status.AWAITING_PAYMENT: "待缴费",
    Status.DECIDED: "已答复",
    Status.LAPSED: "视为放弃",
    Status.WITHDRAWN: "已撤回",
}

CLOSED = frozenset({Status.DECIDED, Status.LAPSED, Status.WITHDRAWN})


class Action(StrEnum):
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    CORRECTION_LAPSED = "correction_lapsed"
    ACCEPT = "accept"
    START_CONSULTATION = "start_consultation"
    END_CONSULTATION = "end_consultation"
    REQUEST_FEE = "request_fee"
    RECEIVE_PAYMENT = "receive_payment"
    PAYMENT_LAPSED = "payment_lapsed"
    EXTEND = "extend"
    DECIDE = "decide"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: Mapping[Action, str] = {
    Action.REQUEST_CORRECTION: "告知补正",
    Action.RECEIVE_CORRECTION: "收到补正",
    Action.CORRECTION_LAPSED: "逾期未补正终止办理",
    Action.ACCEPT: "受理",
    Action.START_CONSULTATION: "征求意见",
    Action.END_CONSULTATION: "结束征求意见",
    Action.REQUEST_FEE: "发出收费通知",
    Action.RECEIVE_PAYMENT: "确认缴费",
    Action.PAYMENT_LAPSED: "逾期未缴费终止办理",
    Action.EXTEND: "延期答复",
    Action.DECIDE: "作出答复",
    Action.WITHDRAW: "撤回申请",
}


@dataclass(frozen=True, slots=True)
class Transition:
    """From which statuses an action is allowed, where it leads, and the outcome it closes with."""

    sources: frozenset[Status]
    target: Status
    closes_with: Outcome | None = None  # for actions that close a case without a reply


_OPEN = frozenset(
    {
        Status.REGISTERED,
        Status.AWAITING_CORRECTION,
        Status.IN_PROGRESS,
        Status.CONSULTING,
        Status.AWAITING_PAYMENT,
    }
)

TRANSITIONS: Mapping[Action, Transition] = {
    Action.REQUEST_CORRECTION: Transition(frozenset({Status.REGISTERED}), Status.AWAITING_CORRECTION),
    Action.RECEIVE_CORRECTION: Transition(frozenset({Status.AWAITING_CORRECTION}), Status.REGISTERED),
    Action.CORRECTION_LAPSED: Transition(
        frozenset({Status.AWAITING_CORRECTION}), Status.LAPSED, NO_CORRECTION
    ),
    Action.ACCEPT: Transition(frozenset({Status.REGISTERED}), Status.IN_PROGRESS),
    Action.START_CONSULTATION: Transition(frozenset({Status.IN_PROGRESS}), Status.CONSULTING),
    Action.END_CONSULTATION: Transition(frozenset({Status.CONSULTING}), Status.IN_PROGRESS),
    Action.REQUEST_FEE: Transition(frozenset({Status.IN_PROGRESS}), Status.AWAITING_PAYMENT),
    Action.RECEIVE_PAYMENT: Transition(frozenset({Status.AWAITING_PAYMENT}), Status.IN_PROGRESS),
    Action.PAYMENT_LAPSED: Transition(frozenset({Status.AWAITING_PAYMENT}), Status.LAPSED, UNPAID_FEE),
    Action.EXTEND: Transition(frozenset({Status.IN_PROGRESS}), Status.IN_PROGRESS),
    Action.DECIDE: Transition(frozenset({Status.REGISTERED, Status.IN_PROGRESS}), Status.DECIDED),
    Action.WITHDRAW: Transition(_OPEN, Status.WITHDRAWN, OTHER),
}

# Outcomes only their own action may record: a reply cannot claim the applicant lapsed.
_RESERVED = {
    transition.closes_with: action
    for action, transition in TRANSITIONS.items()
    if transition.closes_with is not None and transition.closes_with != OTHER
}
_STILL_UNCLEAR = Outcome("unavailable.still_unclear")  # 补正后申请内容仍不明确, 条例 第三十条


class IllegalTransition(CaseError):  # noqa: N818  -- the name the workflow speaks of
    """An action the case's status does not allow."""

    code = "illegal_transition"

    def __init__(
        self, status: Status, action: Action, message: str | None = None, *, code: str | None = None
    ):
        super().__init__(message or f"申请当前状态为“{status.label}”，不能{action.label}", code=code)
        self.status = status
        self.action = action


@dataclass(frozen=True, slots=True)
class Event:
    """Something recorded on a case: the action, the day it happened, and for 答复 the decision."""

    action: Action
    on: date
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if (self.decision is None) is (self.action is Action.DECIDE):
            raise ValueError(
                f"a decision goes with action {Action.DECIDE.value!r} only, got {self.action.value!r}"
            )


@dataclass(frozen=True, slots=True)
class CaseState:
    """Where a case stands; build it by folding its events with `apply` from `CaseState()`."""

    status: Status = Status.REGISTERED
    extended: bool = False
    correction_requested: bool = False
    decision: Decision | None = None  # how a closed case ended; None while open


def allowed_actions(status: Status) -> tuple[Action, ...]:
    """The actions the table allows from ``status``, in table order."""
    return tuple(action for action, transition in TRANSITIONS.items() if status in transition.sources)


def open_actions(state: CaseState) -> tuple[Action, ...]:
    """The actions `apply` may accept from ``state``, in table order (what the UI offers).

    The table's for the status, less a second extension. What depends on the event itself (a
    decision that must fit the case) or on its date (the clock's periods) is checked when it is
    applied.
    """
    return tuple(
        action for action in allowed_actions(state.status) if not (action is Action.EXTEND and state.extended)
    )


def apply(state: CaseState, event: Event) -> CaseState:
    """The state after ``event``; raises `IllegalTransition` for an action the status forbids.

    Beyond the table: one extension only (第三十三条第一款 caps it at 20 working days, which
    the clock grants at once), and a decision must fit the case (`DecisionError`): the lapse
    outcomes come only from their lapse actions, and 补正后申请内容仍不明确 needs a correction
    request first.
    """
    transition = TRANSITIONS[event.action]
    if state.status not in transition.sources:
        raise IllegalTransition(state.status, event.action)
    match event.action:
        case Action.EXTEND:
            if state.extended:
                raise IllegalTransition(
                    state.status,
                    event.action,
                    "申请已延期一次，不能再次延期（条例第三十三条第一款：延长的期限最长不得超过20个工作日）",
                    code="already_extended",
                )
            return replace(state, status=transition.target, extended=True)
        case Action.REQUEST_CORRECTION:
            return replace(state, status=transition.target, correction_requested=True)
        case Action.DECIDE:
            assert event.decision is not None  # Event guarantees it
            _check_fits(state, event.decision)
            return replace(state, status=transition.target, decision=event.decision)
    if transition.closes_with is not None:
        return replace(state, status=transition.target, decision=Decision(transition.closes_with, event.on))
    return replace(state, status=transition.target)


def replay(events: Iterable[Event]) -> CaseState:
    """The state of a case with these events, in order, since registration."""
    state = CaseState()
    for event in events:
        state = apply(state, event)
    return state


def _check_fits(state: CaseState, decision: Decision) -> None:
    outcome = decision.outcome
    if outcome in _RESERVED:
        action = _RESERVED[outcome]
        raise DecisionError(
            f"“{outcome.label}”只能通过“{action.label}”记录，不能作为答复结果",
            code="outcome_reserved",
        )
    if outcome == _STILL_UNCLEAR and not state.correction_requested:
        raise DecisionError(
            f"“{outcome.label}”须以告知补正为前提（条例第三十条），本申请未曾告知补正",
            code="no_correction_requested",
        )
