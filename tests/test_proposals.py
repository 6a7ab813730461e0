import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from gongkai.proposals import (
    REPLY_OUTCOMES,
    HandledProposal,
    HandlingStatus,
    ProposalError,
    ProposalKind,
    Satisfaction,
    check_dates,
    co_due,
    handling_figures,
    handling_status,
    lead_due,
    months_after,
    outcome_class,
)
from gongkai.rates import percent

NPC = ProposalKind.NPC
CPPCC = ProposalKind.CPPCC
D = dt.date


def test_kinds_are_named_as_the_offices_name_them():
    assert [(kind.label, kind.short, kind.proposer) for kind in ProposalKind] == [
        ("人大代表建议", "建议", "代表"),
        ("政协委员提案", "提案", "委员"),
    ]


def test_reply_outcomes_are_three_classes_a_b_c():
    assert [outcome.display for outcome in REPLY_OUTCOMES] == [
        "A类：所提问题已经解决或基本解决",
        "B类：所提问题正在解决或列入计划逐步解决",
        "C类：所提问题因条件限制或其他原因暂时不能解决",
    ]
    assert outcome_class("B").label == "所提问题正在解决或列入计划逐步解决"


def test_an_unknown_outcome_class_is_refused_with_its_code():
    with pytest.raises(ProposalError) as raised:
        outcome_class("D")
    assert raised.value.code == "outcome_unknown"
    assert raised.value.message == "办理结果类别应为A、B、C之一，实为“D”"


def test_the_reply_is_due_three_months_after_assignment():
    assert lead_due(D(2025, 3, 20)) == D(2025, 6, 20)


def test_a_co_handling_opinion_is_due_one_month_after_assignment():
    assert co_due(D(2025, 3, 20)) == D(2025, 4, 20)


def test_a_month_later_than_the_31st_ends_on_the_shorter_months_last_day():
    assert months_after(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert months_after(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert months_after(D(2025, 11, 30), 3) == D(2026, 2, 28)


def test_a_due_date_before_the_assignment_is_refused():
    with pytest.raises(ProposalError) as raised:
        check_dates(assigned_on=D(2025, 3, 20), due_on=D(2025, 3, 19))
    assert raised.value.code == "due_before_assigned"


def test_a_reply_before_the_assignment_is_refused():
    with pytest.raises(ProposalError) as raised:
        check_dates(assigned_on=D(2025, 3, 20), due_on=D(2025, 6, 20), replied_on=D(2025, 3, 1))
    assert raised.value.code == "reply_before_assigned"


def test_percent_rounds_half_up_to_one_decimal():
    assert percent(Fraction(2, 3)) == Decimal("66.7")
    assert percent(Fraction(1, 1)) == Decimal("100.0")
    assert percent(Fraction(1, 8)) == Decimal("12.5")  # exactly 12.5
    assert percent(Fraction(1, 16)) == Decimal("6.3")  # 6.25 rounds up
    assert percent(Fraction(0, 5)) == Decimal("0.0")
    assert str(percent(Fraction(4, 9))) == "44.4"


def _lingling() -> list[HandledProposal]:
    """4 建议 and 5 提案 as 零陵区民政局 reports them, with one 提案 replied late and one unreplied."""
    assigned = D(2021, 3, 15)
    due = lead_due(assigned)
    return [
        HandledProposal(NPC, assigned, due, D(2021, 5, 10), Satisfaction.SATISFIED),
        HandledProposal(NPC, assigned, due, D(2021, 6, 15), Satisfaction.SATISFIED),
        HandledProposal(NPC, assigned, due, D(2021, 6, 1), Satisfaction.BASICALLY_SATISFIED),
        HandledProposal(NPC, assigned, due, D(2021, 6, 10), None),
        HandledProposal(CPPCC, assigned, due, D(2021, 4, 30), Satisfaction.SATISFIED),
        HandledProposal(CPPCC, assigned, due, D(2021, 6, 16), Satisfaction.DISSATISFIED),
        HandledProposal(CPPCC, assigned, due, D(2021, 5, 20), Satisfaction.SATISFIED),
        HandledProposal(CPPCC, assigned, due, D(2022, 1, 5), Satisfaction.SATISFIED),
        HandledProposal(CPPCC, assigned, due, None, None),
    ]


def test_figures_count_per_kind_and_in_total():
    figures = handling_figures(_lingling(), as_of=D(2021, 12, 31))
    npc, cppcc, total = figures[NPC], figures[CPPCC], figures.total
    assert (npc.assigned, npc.replied, npc.due, npc.on_time) == (4, 4, 4, 4)
    assert (cppcc.assigned, cppcc.replied, cppcc.due, cppcc.on_time) == (5, 3, 5, 2)
    assert (total.assigned, total.replied, total.due, total.on_time) == (9, 7, 9, 6)
    assert npc.reply_rate == Fraction(1)
    assert cppcc.reply_rate == Fraction(3, 5)
    assert total.reply_rate == Fraction(7, 9)
    assert percent(total.reply_rate) == Decimal("77.8")
    assert cppcc.on_time_rate == Fraction(2, 5)
    assert percent(total.on_time_rate) == Decimal("66.7")


def test_a_reply_after_the_day_of_the_figures_is_not_yet_made():
    figures = handling_figures(_lingling(), as_of=D(2022, 1, 31))
    cppcc = figures[CPPCC]
    assert (cppcc.replied, cppcc.on_time) == (4, 2)
    assert cppcc.count(Satisfaction.SATISFIED) == 3


def test_a_proposal_not_yet_due_nor_replied_is_neither_on_time_nor_late():
    figures = handling_figures(_lingling(), as_of=D(2021, 6, 12))
    npc, cppcc = figures[NPC], figures[CPPCC]
    assert (npc.replied, npc.due, npc.on_time) == (3, 3, 3)
    assert (cppcc.replied, cppcc.due, cppcc.on_time) == (2, 2, 2)
    assert npc.on_time_rate == Fraction(1)


def test_satisfaction_counts_the_feedback_on_replies_made():
    figures = handling_figures(_lingling(), as_of=D(2021, 12, 31))
    total = figures.total
    assert [total.count(s) for s in Satisfaction] == [4, 1, 1]
    assert total.satisfaction_rate == Fraction(5, 6)
    assert percent(total.satisfaction_rate) == Decimal("83.3")


def test_no_proposals_have_no_rates():
    figures = handling_figures([], as_of=D(2021, 12, 31))
    assert figures.total.assigned == 0
    assert figures.total.reply_rate is None
    assert figures.total.on_time_rate is None
    assert figures.total.satisfaction_rate is None


@pytest.mark.parametrize(
    ("replied_on", "today", "status"),
    [
        (None, D(2025, 6, 20), HandlingStatus.OPEN),  # the due day itself is still in time
        (None, D(2025, 6, 21), HandlingStatus.OVERDUE),
        (D(2025, 6, 20), D(2025, 7, 1), HandlingStatus.REPLIED),
        (D(2025, 6, 23), D(2025, 7, 1), HandlingStatus.REPLIED_LATE),
        (D(2025, 6, 23), D(2025, 6, 22), HandlingStatus.OVERDUE),  # a reply dated later is not yet made
    ],
)
def test_the_status_follows_the_due_date_and_the_reply(replied_on, today, status):
    assert handling_status(due_on=D(2025, 6, 20), replied_on=replied_on, today=today) is status
