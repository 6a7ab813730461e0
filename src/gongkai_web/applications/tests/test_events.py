"""Recording events: the core decides what is lawful, the clock follows, nothing illegal is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import Action, DecisionError, IllegalTransition, Outcome, Status
from gongkai.clock import ClockStatus, CorrectionRequestLateError
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import ACTION_DUTIES
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.queries import case_clock, case_state
from gongkai_web.applications.services import NotPermitted, record_event
from gongkai_web.bodies.permissions import Duty
from gongkai_web.personas import Office, walk_in

from .conftest import actions_of

SEP_29, SEP_30, OCT_10, OCT_20 = (
    dt.date(2025, 9, 29),
    dt.date(2025, 9, 30),
    dt.date(2025, 10, 10),
    dt.date(2025, 10, 20),
)


def test_a_receipt_on_28_september_is_due_after_the_national_day_holiday(application: Application) -> None:
    clock = case_clock(application, today=SEP_29)
    assert clock.due_on == dt.date(2025, 10, 31)
    assert clock.days_left == 19
    assert "扣除国庆节、中秋节假期 10月1日至8日" in clock.explanation


def test_an_accepted_and_extended_application_is_due_twenty_working_days_later(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    record_event(
        application=application,
        action=Action.EXTEND,
        on=OCT_20,
        actor=carol,
        working_days=20,
        notified_on=OCT_20,
    )
    state = case_state(application)
    assert state.status is Status.IN_PROGRESS
    assert state.extended
    assert case_clock(application, today=OCT_20).due_on == dt.date(2025, 11, 28)


def test_a_correction_restarts_the_clock_from_the_corrected_application(
    application: Application, bob: User
) -> None:
    record_event(application=application, action=Action.REQUEST_CORRECTION, on=SEP_30, actor=bob)
    assert case_state(application).status is Status.AWAITING_CORRECTION
    assert case_clock(application, today=SEP_30).status is ClockStatus.AWAITING_CORRECTION
    record_event(application=application, action=Action.RECEIVE_CORRECTION, on=OCT_10, actor=bob)
    assert case_state(application).status is Status.REGISTERED
    assert case_clock(application, today=OCT_10).due_on == dt.date(2025, 11, 6)


def test_a_decision_closes_the_case_with_its_outcome_and_reasons(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    event = record_event(
        application=application,
        action=Action.DECIDE,
        on=OCT_10,
        actor=carol,
        outcome="withheld.third_party_rights",
        reasons="涉及第三方商业秘密，第三方不同意公开",
    )
    assert event.payload["outcome"] == "withheld.third_party_rights"
    assert event.payload["articles"]  # the outcome's legal basis, stored as decided
    state = case_state(application)
    assert state.status is Status.DECIDED
    assert state.decision is not None
    assert state.decision.outcome == Outcome("withheld.third_party_rights")
    assert state.decision.decided_on == OCT_10


def test_consultation_time_is_left_out_of_the_clock(application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    record_event(
        application=application, action=Action.START_CONSULTATION, on=OCT_10, actor=bob, party="third_party"
    )
    assert case_state(application).status is Status.CONSULTING
    assert case_clock(application, today=OCT_20).status is ClockStatus.CONSULTING


def test_an_illegal_transition_writes_nothing(application: Application, bob: User) -> None:
    with pytest.raises(IllegalTransition, match="申请当前状态为“已登记”，不能结束征求意见"):
        record_event(application=application, action=Action.END_CONSULTATION, on=SEP_29, actor=bob)
    assert ApplicationEvent.objects.count() == 0


def test_a_second_extension_is_refused_and_writes_nothing(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    record_event(
        application=application,
        action=Action.EXTEND,
        on=OCT_10,
        actor=carol,
        working_days=10,
        notified_on=OCT_10,
    )
    with pytest.raises(IllegalTransition, match="不能再次延期"):
        record_event(
            application=application,
            action=Action.EXTEND,
            on=OCT_20,
            actor=carol,
            working_days=10,
            notified_on=OCT_20,
        )
    assert actions_of(application) == [Action.ACCEPT, Action.EXTEND]


def test_a_decision_claiming_a_lapse_is_refused_and_writes_nothing(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(DecisionError, match="只能通过“逾期未补正终止办理”记录"):
        record_event(
            application=application,
            action=Action.DECIDE,
            on=OCT_10,
            actor=carol,
            outcome="other.no_correction",
        )
    assert actions_of(application) == [Action.ACCEPT]


def test_a_refusal_without_reasons_is_refused_and_writes_nothing(
    application: Application, carol: User
) -> None:
    with pytest.raises(DecisionError, match="必须说明理由"):
        record_event(
            application=application,
            action=Action.DECIDE,
            on=SEP_29,
            actor=carol,
            outcome="withheld.state_secret",
        )
    assert ApplicationEvent.objects.count() == 0


def test_a_correction_request_after_seven_working_days_is_refused_and_writes_nothing(
    application: Application, bob: User
) -> None:
    with pytest.raises(CorrectionRequestLateError):
        record_event(application=application, action=Action.REQUEST_CORRECTION, on=OCT_20, actor=bob)
    assert ApplicationEvent.objects.count() == 0


def test_an_event_before_the_previous_one_is_refused(application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=OCT_10, actor=bob)
    with pytest.raises(ValidationError, match="早于上一项办理记录的日期"):
        record_event(application=application, action=Action.END_CONSULTATION, on=SEP_30, actor=bob)
    assert actions_of(application) == [Action.ACCEPT]


def test_an_event_before_receipt_is_refused(application: Application, bob: User) -> None:
    with pytest.raises(ValidationError, match="早于收到申请日期"):
        record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 27), actor=bob)


def test_details_an_action_does_not_take_are_refused(application: Application, bob: User) -> None:
    with pytest.raises(ValidationError, match="“受理”不接受这些详情：working_days"):
        record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob, working_days=5)


def test_an_extension_without_its_days_is_refused(application: Application, bob: User, carol: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(ValidationError, match="缺少详情：working_days"):
        record_event(
            application=application, action=Action.EXTEND, on=OCT_10, actor=carol, notified_on=OCT_10
        )


# Every action, reached by the lawful steps before it, with the details it needs.
PRIOR: dict[Action, tuple[Action, ...]] = {
    Action.REQUEST_CORRECTION: (),
    Action.RECEIVE_CORRECTION: (Action.REQUEST_CORRECTION,),
    Action.CORRECTION_LAPSED: (Action.REQUEST_CORRECTION,),
    Action.ACCEPT: (),
    Action.START_CONSULTATION: (Action.ACCEPT,),
    Action.END_CONSULTATION: (Action.ACCEPT, Action.START_CONSULTATION),
    Action.REQUEST_FEE: (Action.ACCEPT,),
    Action.RECEIVE_PAYMENT: (Action.ACCEPT, Action.REQUEST_FEE),
    Action.PAYMENT_LAPSED: (Action.ACCEPT, Action.REQUEST_FEE),
    Action.EXTEND: (Action.ACCEPT,),
    Action.DECIDE: (Action.ACCEPT,),
    Action.WITHDRAW: (Action.ACCEPT,),
}
DETAILS: dict[Action, dict[str, Any]] = {
    Action.START_CONSULTATION: {"party": "co_agency"},
    Action.REQUEST_FEE: {"method": "per_volume", "units": 150, "payment_method": "银行转账"},
    Action.EXTEND: {"working_days": 20, "notified_on": SEP_30},
    Action.DECIDE: {"outcome": "granted"},
}
# The day each action is tried on; a lapse only once the 20 working days to pay have run out.
TRIED_ON: dict[Action, dt.date] = {Action.PAYMENT_LAPSED: dt.date(2025, 11, 28)}


def test_every_action_has_a_duty_and_a_path_in_these_tests() -> None:
    assert set(ACTION_DUTIES) == set(Action) == set(PRIOR)


def case_ready_for(action: Action, application: Application, bob: User, carol: User) -> None:
    for step in PRIOR[action]:
        actor = carol if ACTION_DUTIES[step] is Duty.REVIEW else bob
        record_event(application=application, action=step, on=SEP_29, actor=actor, **DETAILS.get(step, {}))


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_the_right_officer_records_each_action(
    action: Action, application: Application, bob: User, carol: User
) -> None:
    case_ready_for(action, application, bob, carol)
    actor = carol if ACTION_DUTIES[action] is Duty.REVIEW else bob
    on = TRIED_ON.get(action, SEP_30)
    event = record_event(
        application=application, action=action, on=on, actor=actor, **DETAILS.get(action, {})
    )
    assert event.actor == actor
    assert actions_of(application) == [*PRIOR[action], action]


@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("who", ["alice", "erin", "dave", "wrong_role"])
def test_any_other_officer_is_refused_each_action(
    action: Action, who: str, application: Application, request: pytest.FixtureRequest
) -> None:
    """alice registers only; erin handles another department; dave is of another body; and the
    reviewer may not do the handler's work nor the handler approve (the wrong role of the body)."""
    bob, carol = request.getfixturevalue("bob"), request.getfixturevalue("carol")
    case_ready_for(action, application, bob, carol)
    if who == "wrong_role":
        actor = bob if ACTION_DUTIES[action] is Duty.REVIEW else carol
    else:
        actor = request.getfixturevalue(who)
    on = TRIED_ON.get(action, SEP_30)
    with pytest.raises(NotPermitted):
        record_event(application=application, action=action, on=on, actor=actor, **DETAILS.get(action, {}))
    assert actions_of(application) == list(PRIOR[action])


def test_the_handler_may_not_act_on_an_unassigned_application(office: Office, alice: User, bob: User) -> None:
    application = walk_in(office, alice, department=None)
    with pytest.raises(NotPermitted, match="尚未分配承办股室"):
        record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)


def test_items_handled_differently_count_once_as_partly_disclosed(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    event = record_event(
        application=application,
        action=Action.DECIDE,
        on=OCT_10,
        actor=carol,
        outcome="partially_granted",
        reasons="学校名单予以公开；名单中学生家长的联系方式属于个人信息，不予公开",
        items=["granted", "withheld.third_party_rights"],
    )
    assert event.payload["items"] == ["granted", "withheld.third_party_rights"]
    assert Application.objects.get(pk=application.pk).outcome == "partially_granted"


def test_items_that_add_up_to_another_outcome_are_refused(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(ValidationError, match="应计为“（二）部分公开"):
        record_event(
            application=application,
            action=Action.DECIDE,
            on=OCT_10,
            actor=carol,
            outcome="granted",
            items=["granted", "unavailable.not_held"],
        )
    assert actions_of(application) == [Action.ACCEPT]


def test_items_that_disclose_nothing_and_differ_leave_the_choice_to_the_officer(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(DecisionError, match="请选定一项作为该申请的办理结果"):
        record_event(
            application=application,
            action=Action.DECIDE,
            on=OCT_10,
            actor=carol,
            outcome="unavailable.not_held",
            reasons="本机关未制作该信息",
            items=["unavailable.not_held", "withheld.state_secret"],
        )
