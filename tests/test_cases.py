"""The 依申请公开 case core: workflow transitions, decisions, and section 三 counted from cases."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.cases import (
    APPLICANT_TYPES,
    OUTCOMES,
    Action,
    ApplicantType,
    CaseState,
    Decision,
    DecisionError,
    Event,
    IllegalTransition,
    Outcome,
    RecordError,
    Status,
    allowed_actions,
    apply,
    open_actions,
    outcome_of_items,
    replay,
)
from gongkai.errors import GongkaiError
from gongkai.formats import FORMAT_2021, Article

DAY = date(2022, 3, 1)
GRANTED = Decision(Outcome("granted"), DAY)

# The procedure of spec §4, written out independently of the module's table.
ALLOWED = {
    (Status.REGISTERED, Action.REQUEST_CORRECTION): Status.AWAITING_CORRECTION,
    (Status.REGISTERED, Action.ACCEPT): Status.IN_PROGRESS,
    (Status.REGISTERED, Action.DECIDE): Status.DECIDED,
    (Status.REGISTERED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.AWAITING_CORRECTION, Action.RECEIVE_CORRECTION): Status.REGISTERED,
    (Status.AWAITING_CORRECTION, Action.CORRECTION_LAPSED): Status.LAPSED,
    (Status.AWAITING_CORRECTION, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.IN_PROGRESS, Action.START_CONSULTATION): Status.CONSULTING,
    (Status.IN_PROGRESS, Action.REQUEST_FEE): Status.AWAITING_PAYMENT,
    (Status.IN_PROGRESS, Action.EXTEND): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.DECIDE): Status.DECIDED,
    (Status.IN_PROGRESS, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.CONSULTING, Action.END_CONSULTATION): Status.IN_PROGRESS,
    (Status.CONSULTING, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.AWAITING_PAYMENT, Action.RECEIVE_PAYMENT): Status.IN_PROGRESS,
    (Status.AWAITING_PAYMENT, Action.PAYMENT_LAPSED): Status.LAPSED,
    (Status.AWAITING_PAYMENT, Action.WITHDRAW): Status.WITHDRAWN,
}
REFUSED = [(status, action) for status in Status for action in Action if (status, action) not in ALLOWED]


def event(action: Action, on: date = DAY) -> Event:
    return Event(action, on, GRANTED if action is Action.DECIDE else None)


# -- the workflow ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "action"), list(ALLOWED), ids=str)
def test_every_allowed_action_leads_to_the_status_the_procedure_names(status: Status, action: Action) -> None:
    assert apply(CaseState(status), event(action)).status is ALLOWED[status, action]


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=str)
def test_every_other_action_is_refused_naming_the_status_and_the_action(
    status: Status, action: Action
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        apply(CaseState(status), event(action))
    assert caught.value.code == "illegal_transition"
    assert caught.value.message == f"申请当前状态为“{status.label}”，不能{action.label}"
    assert (caught.value.status, caught.value.action) == (status, action)
    assert isinstance(caught.value, GongkaiError)


def test_allowed_actions_offer_exactly_the_procedure_of_each_status() -> None:
    for status in Status:
        expected = {action for (source, action) in ALLOWED if source is status}
        assert set(allowed_actions(status)) == expected


def test_closed_cases_allow_nothing() -> None:
    assert [allowed_actions(status) for status in Status if status.is_closed] == [(), (), ()]


def test_every_status_and_action_has_a_chinese_label() -> None:
    assert [status.label for status in Status] == [
        "已登记",
        "补正中",
        "办理中",
        "征求意见中",
        "待缴费",
        "已答复",
        "视为放弃",
        "已撤回",
    ]
    assert all(action.label for action in Action)


def test_illegal_transition_message_reads_in_chinese() -> None:
    with pytest.raises(IllegalTransition) as caught:
        apply(CaseState(Status.CONSULTING), event(Action.DECIDE))
    assert str(caught.value) == "申请当前状态为“征求意见中”，不能作出答复 [illegal_transition]"


def test_a_second_extension_is_refused() -> None:
    extended = apply(CaseState(Status.IN_PROGRESS), event(Action.EXTEND))
    with pytest.raises(IllegalTransition) as caught:
        apply(extended, event(Action.EXTEND))
    assert caught.value.code == "already_extended"
    assert caught.value.message == (
        "申请已延期一次，不能再次延期（条例第三十三条第一款：延长的期限最长不得超过20个工作日）"
    )


def test_a_case_extended_once_is_offered_no_second_extension() -> None:
    in_progress = CaseState(Status.IN_PROGRESS)
    assert Action.EXTEND in open_actions(in_progress)
    extended = apply(in_progress, event(Action.EXTEND))
    assert open_actions(extended) == tuple(
        a for a in allowed_actions(Status.IN_PROGRESS) if a is not Action.EXTEND
    )


def test_the_first_extension_is_allowed_and_remembered_through_a_consultation() -> None:
    state = replay(
        [
            event(Action.ACCEPT),
            event(Action.EXTEND),
            event(Action.START_CONSULTATION),
            event(Action.END_CONSULTATION),
        ]
    )
    assert state == CaseState(Status.IN_PROGRESS, extended=True)


def test_a_corrected_application_returns_to_registered_and_may_be_asked_again() -> None:
    state = replay([event(Action.REQUEST_CORRECTION), event(Action.RECEIVE_CORRECTION)])
    assert state == CaseState(Status.REGISTERED, correction_requested=True)
    assert apply(state, event(Action.REQUEST_CORRECTION)).status is Status.AWAITING_CORRECTION


def test_correction_lapse_closes_the_case_as_no_correction_under_article_30() -> None:
    state = replay([event(Action.REQUEST_CORRECTION), event(Action.CORRECTION_LAPSED, date(2022, 4, 1))])
    assert state.status is Status.LAPSED
    assert state.decision == Decision(Outcome("other.no_correction"), date(2022, 4, 1))
    assert state.decision.articles == (Article("第三十条"),)


def test_unpaid_fee_lapse_closes_the_case_as_unpaid_fee() -> None:
    state = replay(
        [event(Action.ACCEPT), event(Action.REQUEST_FEE), event(Action.PAYMENT_LAPSED, date(2022, 5, 6))]
    )
    assert (state.status, state.decision) == (
        Status.LAPSED,
        Decision(Outcome("other.unpaid_fee"), date(2022, 5, 6)),
    )


def test_withdrawal_closes_the_case_as_other() -> None:
    state = replay(
        [event(Action.ACCEPT), event(Action.START_CONSULTATION), event(Action.WITHDRAW, date(2022, 3, 9))]
    )
    assert (state.status, state.decision) == (
        Status.WITHDRAWN,
        Decision(Outcome("other.other"), date(2022, 3, 9)),
    )


def test_a_reply_records_its_decision() -> None:
    decision = Decision(Outcome("unavailable.not_held"), DAY, "经检索，本机关未制作或获取该信息")
    state = apply(CaseState(Status.IN_PROGRESS), Event(Action.DECIDE, DAY, decision))
    assert state == CaseState(Status.DECIDED, decision=decision)


@pytest.mark.parametrize(
    ("outcome_id", "action_label"),
    [("other.no_correction", "逾期未补正终止办理"), ("other.unpaid_fee", "逾期未缴费终止办理")],
)
def test_a_reply_cannot_record_a_lapse_outcome(outcome_id: str, action_label: str) -> None:
    outcome = Outcome(outcome_id)
    with pytest.raises(DecisionError) as caught:
        apply(CaseState(Status.IN_PROGRESS), Event(Action.DECIDE, DAY, Decision(outcome, DAY)))
    assert caught.value.code == "outcome_reserved"
    assert caught.value.message == f"“{outcome.label}”只能通过“{action_label}”记录，不能作为答复结果"


def test_a_reply_may_record_other_handling() -> None:
    state = apply(
        CaseState(Status.IN_PROGRESS), Event(Action.DECIDE, DAY, Decision(Outcome("other.other"), DAY))
    )
    assert state.status is Status.DECIDED


def test_still_unclear_after_correction_is_refused_without_a_correction_request() -> None:
    decision = Decision(Outcome("unavailable.still_unclear"), DAY, "补正后仍无法确定所需信息")
    with pytest.raises(DecisionError) as caught:
        apply(CaseState(Status.REGISTERED), Event(Action.DECIDE, DAY, decision))
    assert caught.value.code == "no_correction_requested"
    assert caught.value.message == (
        "“（四）无法提供 3.补正后申请内容仍不明确”须以告知补正为前提（条例第三十条），本申请未曾告知补正"
    )


def test_still_unclear_after_correction_is_allowed_once_a_correction_was_requested() -> None:
    decision = Decision(Outcome("unavailable.still_unclear"), DAY, "补正后仍无法确定所需信息")
    state = replay(
        [
            event(Action.REQUEST_CORRECTION),
            event(Action.RECEIVE_CORRECTION),
            Event(Action.DECIDE, DAY, decision),
        ]
    )
    assert state.decision == decision


def test_a_decide_event_needs_a_decision_and_no_other_event_has_one() -> None:
    with pytest.raises(ValueError, match="decide"):
        Event(Action.DECIDE, DAY)
    with pytest.raises(ValueError, match="accept"):
        Event(Action.ACCEPT, DAY, GRANTED)


# -- outcomes and decisions ----------------------------------------------------------------------


def test_outcomes_are_the_result_rows_of_the_2021_format_in_printed_order() -> None:
    assert [outcome.id for outcome in OUTCOMES] == [row.id for row in FORMAT_2021.applications.outcome_rows]
    assert len(OUTCOMES) == 21
    assert OUTCOMES[0].label == "（一）予以公开"
    assert OUTCOMES[-1].label == "（六）其他处理 3.其他"


def test_an_outcome_carries_its_articles_from_the_taxonomy() -> None:
    assert Outcome("withheld.third_party_rights").articles == (Article("第十五条"), Article("第三十二条"))
    assert Outcome("not_processed.confirmation").articles == ()


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(DecisionError) as caught:
        Outcome("withheld")
    assert caught.value.code == "unknown_outcome"
    assert caught.value.message.startswith(
        "“withheld”不是年度报告第三项的办理结果，应为：granted、partially_granted、"
    )


NEEDS_REASONS = {
    "partially_granted",
    "withheld.state_secret",
    "withheld.prohibited_by_law",
    "withheld.security_stability",
    "withheld.third_party_rights",
    "withheld.internal_affairs",
    "withheld.process_information",
    "withheld.enforcement_files",
    "withheld.inquiry_matters",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.still_unclear",
    "not_processed.complaint",
    "not_processed.repeated",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirmation",
}


def test_reasons_are_required_for_partial_withheld_unavailable_and_not_processed_outcomes() -> None:
    assert {outcome.id for outcome in OUTCOMES if outcome.requires_reasons} == NEEDS_REASONS


@pytest.mark.parametrize("outcome_id", sorted(NEEDS_REASONS))
@pytest.mark.parametrize("reasons", ["", "  \n"])
def test_a_decision_without_reasons_is_refused_where_the_law_requires_them(
    outcome_id: str, reasons: str
) -> None:
    outcome = Outcome(outcome_id)
    with pytest.raises(DecisionError) as caught:
        Decision(outcome, DAY, reasons)
    assert caught.value.code == "reasons_required"
    assert (
        caught.value.message
        == f"“{outcome.label}”的答复必须说明理由（条例第三十六条、第三十七条），实际未填写理由"
    )


@pytest.mark.parametrize("outcome_id", sorted(NEEDS_REASONS))
def test_a_decision_with_reasons_is_recorded_where_the_law_requires_them(outcome_id: str) -> None:
    assert Decision(Outcome(outcome_id), DAY, "理由").reasons == "理由"


@pytest.mark.parametrize("outcome_id", ["granted", "other.no_correction", "other.unpaid_fee", "other.other"])
def test_a_decision_without_reasons_is_recorded_where_the_law_does_not_require_them(outcome_id: str) -> None:
    assert Decision(Outcome(outcome_id), DAY).reasons == ""


def test_a_decision_cites_the_outcomes_articles_by_default() -> None:
    assert Decision(Outcome("granted"), DAY).articles == (
        Article("第三十六条第（一）项"),
        Article("第三十六条第（二）项"),
    )


def test_a_decision_may_cite_further_articles_beside_one_of_its_outcome() -> None:
    articles = (Article("第三十七条"), Article("第十五条"))
    assert (
        Decision(Outcome("partially_granted"), DAY, "涉及个人隐私部分不予公开", articles).articles == articles
    )


def test_a_decision_citing_none_of_its_outcomes_articles_is_refused() -> None:
    with pytest.raises(DecisionError) as caught:
        Decision(Outcome("withheld.state_secret"), DAY, "属于国家秘密", (Article("第十六条第一款"),))
    assert caught.value.code == "article_mismatch"
    assert caught.value.message == (
        "“（三）不予公开 1.属于国家秘密”的法律依据应包含条例第十四条之一，实际为条例第十六条第一款"
    )


def test_granted_and_withheld_items_make_one_partial_disclosure() -> None:
    items = [Outcome("granted"), Outcome("withheld.third_party_rights"), Outcome("granted")]
    assert outcome_of_items(items) == Outcome("partially_granted")


def test_partial_disclosure_wins_over_any_other_item() -> None:
    assert outcome_of_items([Outcome("unavailable.not_held"), Outcome("partially_granted")]) == Outcome(
        "partially_granted"
    )


def test_items_that_end_alike_give_that_outcome() -> None:
    assert outcome_of_items([Outcome("unavailable.not_held")] * 3) == Outcome("unavailable.not_held")


def test_items_that_disclose_nothing_and_differ_are_left_to_the_officer() -> None:
    with pytest.raises(DecisionError) as caught:
        outcome_of_items([Outcome("unavailable.not_held"), Outcome("withheld.state_secret")])
    assert caught.value.code == "ambiguous_items"
    assert caught.value.message == (
        "各申请事项的办理结果不同且均未公开（（三）不予公开 1.属于国家秘密、（四）无法提供 1.本机关不掌握相关政府信息），"
        "请选定一项作为该申请的办理结果"
    )


def test_an_application_without_items_has_no_outcome() -> None:
    with pytest.raises(DecisionError, match="no_items"):
        outcome_of_items([])


# -- applicant types ------------------------------------------------------------------------------


def test_applicant_types_are_the_applicant_columns_without_the_total() -> None:
    assert [(kind.id, kind.title) for kind in APPLICANT_TYPES] == [
        ("natural_person", "自然人"),
        ("commercial", "法人或其他组织·商业企业"),
        ("research", "法人或其他组织·科研机构"),
        ("social_welfare", "法人或其他组织·社会公益组织"),
        ("legal_services", "法人或其他组织·法律服务机构"),
        ("other", "法人或其他组织·其他"),
    ]


def test_the_total_column_is_not_an_applicant_type() -> None:
    with pytest.raises(RecordError) as caught:
        ApplicantType("total")
    assert caught.value.code == "unknown_applicant_type"
