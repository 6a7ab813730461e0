"""Registering, co-handling, replying and feedback: what the services allow and refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.proposals import ProposalError, ProposalKind, Satisfaction
from gongkai_web.accounts.models import User
from gongkai_web.appendonly import AppendOnlyError
from gongkai_web.applications.services import NotPermitted
from gongkai_web.personas import Office
from gongkai_web.proposals import services
from gongkai_web.proposals.models import CoHandling, Feedback, Proposal, Publication
from gongkai_web.proposals.queries import figures_for
from gongkai_web.proposals.tests.conftest import fields


def test_registering_stores_the_due_dates_and_the_co_handling_department(suggestion: Proposal) -> None:
    assert suggestion.due_on == dt.date(2025, 6, 20)
    assert [(co.department.name, co.due_on) for co in suggestion.co_handlings.all()] == [
        ("办公室", dt.date(2025, 4, 20))
    ]


def test_the_same_number_in_the_same_session_is_refused(
    office: Office, alice: User, suggestion: Proposal
) -> None:
    with pytest.raises(ProposalError) as raised:
        services.register_proposal(body=office.county, fields=fields(office, title="另一件"), actor=alice)
    assert raised.value.code == "duplicate_number"


def test_the_same_number_as_a_cppcc_proposal_is_another_proposal(
    office: Office, alice: User, suggestion: Proposal
) -> None:
    proposal = services.register_proposal(
        body=office.county,
        fields=fields(office, kind=ProposalKind.CPPCC, session="十届政协三次会议"),
        actor=alice,
    )
    assert proposal.kind == "cppcc"


def test_the_lead_department_cannot_also_co_handle(office: Office, alice: User) -> None:
    with pytest.raises(ProposalError) as raised:
        services.register_proposal(
            body=office.county, fields=fields(office, co_departments=(office.education,)), actor=alice
        )
    assert raised.value.code == "lead_also_co_handling"
    assert not Proposal.objects.exists()


def test_a_handler_may_not_register(office: Office, bob: User) -> None:
    with pytest.raises(NotPermitted):
        services.register_proposal(body=office.county, fields=fields(office), actor=bob)


def test_the_co_handling_department_records_its_opinion_once(suggestion: Proposal, erin: User) -> None:
    co = suggestion.co_handlings.get()
    services.record_co_opinion(
        co_handling=co, opinion="同意主办意见。", opinion_on=dt.date(2025, 4, 10), actor=erin
    )
    with pytest.raises(ProposalError) as raised:
        services.record_co_opinion(
            co_handling=co, opinion="再次", opinion_on=dt.date(2025, 4, 11), actor=erin
        )
    assert raised.value.code == "opinion_recorded"
    assert CoHandling.objects.get().opinion == "同意主办意见。"


def test_a_handler_of_the_lead_department_may_not_write_the_co_handling_opinion(
    suggestion: Proposal, bob: User
) -> None:
    with pytest.raises(NotPermitted):
        services.record_co_opinion(
            co_handling=suggestion.co_handlings.get(), opinion="x", opinion_on=dt.date(2025, 4, 10), actor=bob
        )


def test_the_lead_handler_replies_once_and_a_co_handler_may_not(
    suggestion: Proposal, bob: User, erin: User
) -> None:
    with pytest.raises(NotPermitted):
        services.record_reply(
            proposal=suggestion, text="答复", replied_on=dt.date(2025, 6, 1), outcome="A", actor=erin
        )
    reply = services.record_reply(
        proposal=suggestion, text="李明代表：……", replied_on=dt.date(2025, 6, 1), outcome="B", actor=bob
    )
    assert (reply.get_outcome_display(), reply.publication) == (
        "B类：所提问题正在解决或列入计划逐步解决",
        Publication.NOT_REQUESTED,
    )
    with pytest.raises(ProposalError) as raised:
        services.record_reply(
            proposal=suggestion, text="又一", replied_on=dt.date(2025, 6, 2), outcome="A", actor=bob
        )
    assert raised.value.code == "reply_recorded"


def test_an_unknown_outcome_class_is_refused(suggestion: Proposal, bob: User) -> None:
    with pytest.raises(ProposalError) as raised:
        services.record_reply(
            proposal=suggestion, text="答复", replied_on=dt.date(2025, 6, 1), outcome="D", actor=bob
        )
    assert raised.value.code == "outcome_unknown"


def test_feedback_needs_a_reply_and_is_kept_unchanged(suggestion: Proposal, alice: User, bob: User) -> None:
    with pytest.raises(ProposalError) as raised:
        services.record_feedback(
            proposal=suggestion, satisfaction=Satisfaction.SATISFIED, received_on=dt.date(2025, 6, 5), note="",
            actor=alice,
        )  # fmt: skip
    assert raised.value.code == "feedback_before_reply"
    services.record_reply(
        proposal=suggestion, text="答复", replied_on=dt.date(2025, 6, 1), outcome="A", actor=bob
    )
    feedback = services.record_feedback(
        proposal=suggestion, satisfaction=Satisfaction.BASICALLY_SATISFIED, received_on=dt.date(2025, 6, 5),
        note="希望加快进度", actor=alice,
    )  # fmt: skip
    feedback.note = "改"
    with pytest.raises(AppendOnlyError):
        feedback.save()
    assert Feedback.objects.get().note == "希望加快进度"


def test_publication_is_requested_for_the_gate_with_the_reply_text(suggestion: Proposal, bob: User) -> None:
    reply = services.record_reply(
        proposal=suggestion, text="李明代表：经研究……", replied_on=dt.date(2025, 6, 1), outcome="A", actor=bob
    )
    reply = services.request_reply_publication(reply=reply, actor=bob)
    assert reply.publication == Publication.REQUESTED
    assert reply.publishable_text() == (
        "对十届人大三次会议第58号建议的答复\n标题：关于加快城区学校扩容建设的建议\n代表：李明等5名代表\n"
        "主办单位：教育股\n答复日期：2025年6月1日\n办理结果：A类：所提问题已经解决或基本解决\n\n李明代表：经研究……"
    )
    with pytest.raises(ProposalError) as raised:
        services.request_reply_publication(reply=reply, actor=bob)
    assert raised.value.code == "publication_requested"


def test_the_years_figures_come_from_the_replies(office: Office, alice: User, bob: User) -> None:
    late = services.register_proposal(body=office.county, fields=fields(office, number="59"), actor=alice)
    on_time = services.register_proposal(body=office.county, fields=fields(office, number="60"), actor=alice)
    services.register_proposal(body=office.county, fields=fields(office, number="61"), actor=alice)
    services.record_reply(proposal=late, text="答复", replied_on=dt.date(2025, 6, 23), outcome="A", actor=bob)
    services.record_reply(
        proposal=on_time, text="答复", replied_on=dt.date(2025, 6, 20), outcome="B", actor=bob
    )
    figures = figures_for(body=office.county, year=2025, as_of=dt.date(2025, 12, 31))
    npc = figures[ProposalKind.NPC]
    assert (npc.assigned, npc.replied, npc.due, npc.on_time) == (3, 2, 3, 1)
    assert figures[ProposalKind.CPPCC].assigned == 0
