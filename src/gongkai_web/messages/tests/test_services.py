"""Receiving, routing, answering, publishing, moderating, converting and referring a message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import Action, ApplicantType, Status
from gongkai.messages import MessageError, MessageKind
from gongkai.workdays import YearCalendar
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, CaseLogEntry, Delivery, Medium
from gongkai_web.applications.services import NotPermitted, record_event
from gongkai_web.bodies.models import Department
from gongkai_web.gate.models import PublicationReview
from gongkai_web.gate.services import ConfirmationRequired, save_rules
from gongkai_web.messages.models import Message, MessageLogEntry
from gongkai_web.messages.queries import published_messages, year_figures
from gongkai_web.messages.services import (
    answer_message,
    convert_to_application,
    mark_spam,
    publish_answer,
    refer_as_petition,
    revise_answer,
    route_message,
    set_answer_limit,
    submit_message,
    withhold_publication,
)
from gongkai_web.messages.tests.conftest import ANSWER, DUE, IDENTITY, RECEIVED, leave
from gongkai_web.personas import Office
from gongkai_web.workcalendar.services import store_year

ANSWERED_ON = dt.date(2025, 10, 10)


def answered(office: Office, alice: User, bob: User, answer: str = ANSWER, **overrides: object) -> Message:
    message = leave(office.county, **overrides)
    route_message(message=message, department=office.education, actor=alice)
    return answer_message(message=message, actor=bob, answer=answer, on=ANSWERED_ON)


def _log(message: Message) -> list[tuple[str, str]]:
    return list(MessageLogEntry.objects.filter(message=message).order_by("pk").values_list("kind", "summary"))


def test_a_message_is_received_today_and_due_in_the_bodys_five_working_days(office: Office) -> None:
    message = leave(office.county)
    assert (message.received_on, message.answer_limit, message.due_on, message.due_provisional) == (
        RECEIVED,
        5,
        DUE,
        False,
    )
    assert (message.status, message.publication, len(message.tracking_code)) == ("received", "pending", 22)
    assert _log(message) == [("received", "收到咨询留言，5 个工作日内答复")]


def test_a_writer_who_asks_for_privacy_is_never_published(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(office, alice, bob, consents_to_publication=False)
    assert message.publication == "private"
    with pytest.raises(MessageError) as refused:
        publish_answer(message=message, actor=carol)
    assert refused.value.code == "message_private"
    assert not PublicationReview.objects.exists()


def test_the_same_form_sent_twice_makes_one_message(office: Office) -> None:
    first = leave(office.county, submission_key="k-1")
    again = submit_message(
        body=office.county,
        kind=MessageKind.SUGGESTION,
        title="另一个标题",
        text="另一段内容",
        contact="x@example.cn",
        consents_to_publication=True,
        submission_key="k-1",
        today=RECEIVED,
    )
    assert (again.message, again.repeated, Message.objects.count()) == (first, True, 1)
    with pytest.raises(ValidationError) as refused:
        leave(office.finance_bureau, submission_key="k-1")
    assert refused.value.code == "submission_key_reused"


def test_a_body_sets_its_own_period_for_messages_received_afterwards(office: Office, frank: User) -> None:
    earlier = leave(office.county)
    set_answer_limit(body=office.county, actor=frank, days=10)
    later = leave(office.county)
    earlier.refresh_from_db()
    assert (earlier.answer_limit, earlier.due_on) == (5, DUE)
    # 10月9日, 10日, 11日（调休）, 13日至17日, 20日, 21日.
    assert (later.answer_limit, later.due_on) == (10, dt.date(2025, 10, 21))


def test_only_the_administrator_or_head_sets_the_period_and_only_within_range(
    office: Office, carol: User, hana: User
) -> None:
    with pytest.raises(NotPermitted) as refused:
        set_answer_limit(body=office.county, actor=carol, days=10)
    assert refused.value.code == "message_not_settings_editor"
    with pytest.raises(MessageError) as out_of_range:
        set_answer_limit(body=office.county, actor=hana, days=0)
    assert out_of_range.value.code == "message_limit_out_of_range"


def test_the_registrar_routes_and_a_move_to_another_department_needs_a_reason(
    office: Office, alice: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    assert (message.status, message.department) == ("routed", office.education)
    with pytest.raises(ValidationError) as refused:
        route_message(message=message, department=office.general_office, actor=alice)
    assert refused.value.code == "message_reroute_reason_required"
    route_message(
        message=message,
        department=office.general_office,
        actor=alice,
        reason="涉及校车线路审批，由办公室牵头",
    )
    assert _log(message)[1:] == [
        ("routed", "分办至教育股"),
        ("rerouted", "由教育股改派至办公室：涉及校车线路审批，由办公室牵头"),
    ]


@pytest.mark.parametrize("who", ["bob", "frank", "dave"])
def test_a_handler_an_administrator_or_another_body_does_not_route(
    office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(NotPermitted) as refused:
        route_message(
            message=leave(office.county), department=office.education, actor=request.getfixturevalue(who)
        )
    assert refused.value.code == "message_not_moderator"


def test_the_handler_of_the_department_answers_and_the_log_says_so(
    office: Office, alice: User, bob: User
) -> None:
    message = answered(office, alice, bob)
    assert (message.status, message.answer, message.answered_on, message.answered_by) == (
        "answered",
        ANSWER,
        ANSWERED_ON,
        bob,
    )
    assert _log(message)[-1] == ("answered", "2025-10-10 答复")


def test_a_late_answer_is_logged_as_late(office: Office, alice: User, bob: User) -> None:
    message = leave(office.county)
    route_message(message=message, department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=ANSWER, on=dt.date(2025, 10, 15))
    assert _log(message)[-1] == ("answered", "2025-10-15 答复（超过答复期限）")


def test_a_handler_of_another_department_does_not_answer(office: Office, alice: User, erin: User) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    with pytest.raises(NotPermitted) as refused:
        answer_message(message=message, actor=erin, answer=ANSWER, on=ANSWERED_ON)
    assert refused.value.code == "message_not_handler"


def test_an_unrouted_message_is_not_answered(office: Office, carol: User) -> None:
    with pytest.raises(MessageError) as refused:
        answer_message(message=leave(office.county), actor=carol, answer=ANSWER, on=ANSWERED_ON)
    assert refused.value.code == "message_not_routed"


def test_an_answer_dated_before_the_message_is_refused(office: Office, alice: User, bob: User) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    with pytest.raises(ValidationError) as refused:
        answer_message(message=message, actor=bob, answer=ANSWER, on=dt.date(2025, 9, 29))
    assert refused.value.code == "message_answer_before_receipt"
    message.refresh_from_db()
    assert message.status == "routed"


def test_a_clean_answer_is_published_after_the_review(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(office, alice, bob)
    review = publish_answer(message=message, actor=carol)
    message.refresh_from_db()
    assert (review.outcome, review.subject, message.publication) == ("approved", message, "published")
    assert list(published_messages(office.county)) == [message]
    assert _log(message)[-1] == ("published", "经保密审查，公开留言及答复")


def test_an_answer_naming_an_identity_number_is_blocked_and_stays_unpublished(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(
        office, alice, bob, answer=f"经核实，申请人张三（身份证号{IDENTITY}）的孩子已安排入学。"
    )
    review = publish_answer(message=message, actor=carol)
    message.refresh_from_db()
    assert (review.outcome, message.publication) == ("blocked", "pending")
    assert [hit["code"] for hit in review.hits] == ["resident_id"]
    assert _log(message)[-1] == ("gate_blocked", "保密审查不得公开（resident_id）")
    assert not published_messages(office.county).exists()


def test_a_term_of_the_negative_list_in_the_question_blocks_too(
    office: Office, alice: User, bob: User, carol: User, frank: User
) -> None:
    save_rules(body=office.county, actor=frank, negative_terms=["校车线路方案"], allowed_contacts=[])
    review = publish_answer(message=answered(office, alice, bob), actor=carol)
    assert [(hit["code"], hit["masked"]) for hit in review.hits] == [("negative_term", "校车线路方案")]


def test_a_landline_in_the_answer_needs_the_reviewers_reason(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(office, alice, bob, answer=ANSWER + "详情请咨询0373-5551234。")
    with pytest.raises(ConfirmationRequired):
        publish_answer(message=message, actor=carol)
    message.refresh_from_db()
    assert message.publication == "pending"
    publish_answer(message=message, actor=carol, confirmation="县教育局公开的咨询电话")
    message.refresh_from_db()
    assert message.publication == "published"


def test_a_handler_does_not_publish(office: Office, alice: User, bob: User) -> None:
    with pytest.raises(NotPermitted) as refused:
        publish_answer(message=answered(office, alice, bob), actor=bob)
    assert refused.value.code == "message_not_publisher"


def test_a_moderator_withholds_a_published_message_with_a_reason(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(office, alice, bob)
    publish_answer(message=message, actor=carol)
    with pytest.raises(ValidationError) as refused:
        withhold_publication(message=message, actor=alice, reason=" ")
    assert refused.value.code == "message_unsuitable_reason_required"
    withhold_publication(message=message, actor=alice, reason="留言涉及未成年人的具体就学情况")
    message.refresh_from_db()
    assert (message.publication, message.publication_reason, message.published_at) == (
        "unsuitable",
        "留言涉及未成年人的具体就学情况",
        None,
    )
    assert not published_messages(office.county).exists()
    with pytest.raises(MessageError) as again:
        publish_answer(message=message, actor=carol)
    assert again.value.code == "message_unsuitable"


def test_spam_is_hidden_and_takes_no_further_step(office: Office, alice: User) -> None:
    message = mark_spam(message=leave(office.county, title="低价代开发票"), actor=alice, reason="广告")
    assert message.status == "spam"
    with pytest.raises(MessageError):
        route_message(message=message, department=office.education, actor=alice)


def test_a_complaint_is_referred_as_a_petition_not_an_application(office: Office, alice: User) -> None:
    message = refer_as_petition(
        message=leave(office.county, kind=MessageKind.COMPLAINT, title="投诉某学校乱收费"),
        actor=alice,
        referral="转县信访局按信访程序办理",
    )
    assert (message.status, message.referral, message.application) == (
        "petition",
        "转县信访局按信访程序办理",
        None,
    )


def _convert(message: Message, actor: User, department: Department | None = None) -> Application:
    return convert_to_application(
        message=message,
        actor=actor,
        applicant_type=ApplicantType("natural_person"),
        applicant_name="王五",
        identity_document=IDENTITY,
        contact=message.contact,
        description="2025年城关镇校车线路方案",
        medium=Medium.ELECTRONIC,
        delivery=Delivery.EMAIL,
        department=department,
    )


def test_a_message_asking_for_information_becomes_an_application_received_on_the_messages_day(
    office: Office, alice: User
) -> None:
    message = leave(office.county)
    application = _convert(message, alice)
    message.refresh_from_db()
    assert message.status == "converted" and message.application == application
    assert Message.objects.get(application=application) == message
    assert (
        application.received_on,
        application.submitted_on,
        application.channel,
        application.receipt_basis,
    ) == (
        RECEIVED,
        RECEIVED,
        "online",
        "confirmed_by_both",
    )
    assert application.registered_by == alice
    summaries = list(CaseLogEntry.objects.filter(application=application).values_list("summary", flat=True))
    assert summaries == [
        "收到申请 2025-09-30（网上，由alice登记）",
        f"由网上留言（第 {message.pk} 号，2025-09-30 收到）转为政府信息公开申请",
    ]


def test_only_a_registrar_converts_and_a_refusal_registers_nothing(office: Office, carol: User) -> None:
    message = leave(office.county)
    with pytest.raises(NotPermitted) as refused:
        _convert(message, carol)
    assert refused.value.code == "message_not_registrar"
    message.refresh_from_db()
    assert (message.status, message.application) == ("received", None)


def test_an_answered_message_is_not_converted(office: Office, alice: User, bob: User) -> None:
    with pytest.raises(MessageError) as refused:
        _convert(answered(office, alice, bob), alice)
    assert refused.value.code == "message_step_not_allowed"


def test_the_years_figures_count_what_the_reports_row_needs(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    answered(office, alice, bob)
    refer_as_petition(
        message=leave(office.county, kind=MessageKind.COMPLAINT), actor=alice, referral="转县信访局"
    )
    complaint = _convert(leave(office.county, kind=MessageKind.COMPLAINT), alice, office.education)
    _convert(leave(office.county), alice)
    mark_spam(message=leave(office.county), actor=alice, reason="广告")
    record_event(application=complaint, action=Action.ACCEPT, on=RECEIVED, actor=bob)
    record_event(
        application=complaint,
        action=Action.DECIDE,
        on=dt.date(2025, 10, 9),
        actor=carol,
        outcome="not_processed.complaint",
        reasons="所提事项属于投诉举报，应通过信访渠道反映。",
    )
    complaint.refresh_from_db()
    assert complaint.case_status is Status.DECIDED
    figures = year_figures(office.county, 2025, today=dt.date(2025, 10, 20)).figures
    assert (figures.received, figures.answered, figures.spam) == (4, 1, 1)
    assert (figures.converted, figures.converted_complaints, figures.petitions) == (2, 1, 1)
    assert dict(figures.by_kind) == {
        MessageKind.CONSULTATION: 2,
        MessageKind.SUGGESTION: 0,
        MessageKind.COMPLAINT: 2,
    }
    assert dict(figures.by_department) == {"教育股": 1}
    assert figures.answered_on_time_rate == 1
    assert figures.answered_on_time_percent == Decimal("100.0")


def test_a_blocked_answer_is_revised_keeping_its_date_and_then_passes(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    message = answered(office, alice, bob, answer=f"经核实，张三（身份证号{IDENTITY}）的孩子已安排入学。")
    assert not publish_answer(message=message, actor=carol).approved
    revise_answer(message=message, actor=bob, answer="经核实，留言人反映的孩子已安排入学。")
    message.refresh_from_db()
    assert (message.answered_on, message.status) == (ANSWERED_ON, "answered")
    assert publish_answer(message=message, actor=carol).approved
    assert [kind for kind, _ in _log(message)][-3:] == ["gate_blocked", "revised", "published"]
    with pytest.raises(MessageError) as refused:
        revise_answer(message=message, actor=bob, answer="再改一次")
    assert refused.value.code == "message_already_published"


def test_an_open_messages_due_date_follows_the_holidays_once_they_are_stored(office: Office) -> None:
    # 2031 has no holiday data yet: 2031-09-30 (Tuesday) plus five weekdays is 2031-10-07, provisional.
    message = leave(office.county, today=dt.date(2031, 9, 30))
    assert (message.due_on, message.due_provisional) == (dt.date(2031, 10, 7), True)
    national_day = frozenset(dt.date(2031, 10, day) for day in range(1, 8))
    store_year(
        calendar=YearCalendar(year=2031, holidays=national_day, workdays=frozenset(), source="测试安排")
    )
    message.refresh_from_db()
    # 10月8日, 9日, 10日, 13日, 14日.
    assert (message.due_on, message.due_provisional) == (dt.date(2031, 10, 14), False)
