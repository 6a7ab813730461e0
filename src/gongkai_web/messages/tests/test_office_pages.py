"""The office's message pages: the queue, the message page and its steps, conversion, statistics."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.messages import MessageKind
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.messages.models import Message, MessageSettings
from gongkai_web.messages.services import answer_message, refer_as_petition, route_message
from gongkai_web.messages.tests.conftest import ANSWER, IDENTITY, RECEIVED, leave
from gongkai_web.personas import Office, logged_in


def test_the_registrar_sees_every_open_message_and_the_handler_only_his_departments(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    routed = route_message(message=leave(office.county), department=office.education, actor=alice)
    leave(office.county, title="建议增设城东公交站")
    queue = f"/office/messages/{office.county.pk}/"
    alice_sees = logged_in(client, alice).get(queue).content.decode()
    assert "城关镇第二小学是否开通校车" in alice_sees and "建议增设城东公交站" in alice_sees
    bob_sees = logged_in(client, bob).get(queue).content.decode()
    assert routed.title in bob_sees and "建议增设城东公交站" not in bob_sees


@pytest.mark.parametrize("who", ["dave", "olga"])
def test_an_officer_of_another_body_or_none_is_refused(
    client: Client, office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    message = leave(office.county)
    c = logged_in(client, request.getfixturevalue(who))
    for url in (
        f"/office/messages/{office.county.pk}/",
        f"/office/messages/item/{message.pk}/",
        f"/office/messages/{office.county.pk}/statistics/",
    ):
        assert c.get(url).status_code == 403, url


def test_a_handler_of_another_department_cannot_open_the_message(
    client: Client, office: Office, alice: User, erin: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    assert logged_in(client, erin).get(f"/office/messages/item/{message.pk}/").status_code == 403


def test_the_administrator_sees_the_contact_masked(
    client: Client, office: Office, frank: User, alice: User
) -> None:
    message = leave(office.county)
    frank_sees = logged_in(client, frank).get(f"/office/messages/item/{message.pk}/").content.decode()
    assert "13700001111" not in frank_sees and "137****1111" in frank_sees
    alice_sees = logged_in(client, alice).get(f"/office/messages/item/{message.pk}/").content.decode()
    assert "13700001111" in alice_sees


def test_route_answer_and_publish_through_the_pages(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    message = leave(office.county)
    item = f"/office/messages/item/{message.pk}/"
    logged_in(client, alice).post(f"{item}route/", {"department": office.education.pk})
    logged_in(client, bob).post(f"{item}answer/", {"answer": ANSWER, "answered_on": "2025-10-09"})
    response = logged_in(client, carol).post(f"{item}publish/", {})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.department, message.answered_on, message.publication) == (
        "answered",
        office.education,
        RECEIVED.replace(month=10, day=9),
        "published",
    )
    assert "已通过保密审查，留言和答复已公开" in client.get(item).content.decode()


def test_a_blocked_publication_shows_the_reason_code_and_masked_excerpt(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=f"张三（身份证号{IDENTITY}）已入学。", on=RECEIVED)
    c = logged_in(client, carol)
    c.post(f"/office/messages/item/{message.pk}/publish/", {})
    html = c.get(f"/office/messages/item/{message.pk}/").content.decode()
    assert "保密审查未通过：不得公开" in html
    assert "居民身份证号码" in html and "resident_id" in html and "110***********002X" in html
    assert "属于个人信息，公开前应删除或作隐名处理" in html
    message.refresh_from_db()
    assert message.publication == "pending"


def test_a_flagged_publication_asks_for_the_reviewers_reason(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=ANSWER + "咨询电话0373-5551234。", on=RECEIVED)
    c = logged_in(client, carol)
    asked = c.post(f"/office/messages/item/{message.pk}/publish/", {})
    assert asked.status_code == 409
    assert "需人工复核" in asked.content.decode() and "固定电话号码" in asked.content.decode()
    c.post(f"/office/messages/item/{message.pk}/publish/", {"confirmation": "县教育局公开的咨询电话"})
    message.refresh_from_db()
    assert message.publication == "published"


def test_a_step_no_longer_allowed_comes_back_as_a_message(
    client: Client, office: Office, alice: User
) -> None:
    message = refer_as_petition(message=leave(office.county), actor=alice, referral="转县信访局")
    c = logged_in(client, alice)
    c.post(f"/office/messages/item/{message.pk}/spam/", {"reason": "广告"})
    html = c.get(f"/office/messages/item/{message.pk}/").content.decode()
    assert "留言现为“已按信访事项转办”，不能标记为垃圾信息" in html


def test_the_handler_may_not_mark_spam(client: Client, office: Office, alice: User, bob: User) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    assert (
        logged_in(client, bob).post(f"/office/messages/item/{message.pk}/spam/", {"reason": "x"}).status_code
        == 403
    )


def test_the_registrar_converts_a_message_into_an_application_on_its_page(
    client: Client, office: Office, alice: User
) -> None:
    message = leave(office.county)
    c = logged_in(client, alice)
    form = c.get(f"/office/messages/item/{message.pk}/convert/").content.decode()
    assert "城关镇第二小学读书" in form and "13700001111" in form
    response = c.post(
        f"/office/messages/item/{message.pk}/convert/",
        {
            "applicant_type": "natural_person",
            "applicant_name": "王五",
            "identity_document": IDENTITY,
            "contact": "13700001111",
            "description": "2025年城关镇校车线路方案",
            "medium": "electronic",
            "delivery": "email",
            "department": office.education.pk,
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/cases/{application.pk}/"
    assert (application.received_on, application.department) == (RECEIVED, office.education)
    message.refresh_from_db()
    assert message.application == application


def test_the_reviewer_may_not_convert(client: Client, office: Office, carol: User) -> None:
    message = leave(office.county)
    assert logged_in(client, carol).get(f"/office/messages/item/{message.pk}/convert/").status_code == 403


def test_the_statistics_page_counts_by_type_and_tells_petitions_from_applications(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    answered = route_message(message=leave(office.county), department=office.education, actor=alice)
    answer_message(message=answered, actor=bob, answer=ANSWER, on=RECEIVED)
    refer_as_petition(
        message=leave(office.county, kind=MessageKind.COMPLAINT), actor=alice, referral="转县信访局"
    )
    html = (
        logged_in(client, alice)
        .get(f"/office/messages/{office.county.pk}/statistics/?year=2025")
        .content.decode()
    )
    assert (
        "收到留言 <strong>2</strong> 条，已答复 <strong>1</strong> 条，按期答复率 <strong>100.0%</strong>"
        in html
    )
    assert "<tr><td>咨询</td><td>1</td></tr>" in html and "<tr><td>投诉</td><td>1</td></tr>" in html
    assert "<tr><td>教育股</td><td>1</td></tr>" in html
    assert "<tr><td>按信访事项转办</td><td>1</td><td>不是政府信息公开申请，不计入第三项</td></tr>" in html
    assert "（五）不予处理 1.信访举报投诉类申请" in html


def test_the_administrator_sets_the_period_and_the_reviewer_may_not(
    client: Client, office: Office, frank: User, carol: User
) -> None:
    url = f"/office/messages/{office.county.pk}/settings/"
    assert logged_in(client, carol).get(url).status_code == 403
    assert logged_in(client, frank).post(url, {"answer_limit": "61"}).status_code == 400
    assert logged_in(client, frank).post(url, {"answer_limit": "10"}).status_code == 302
    assert MessageSettings.objects.get(body=office.county).answer_limit == 10
    assert Message.objects.count() == 0


def test_the_handler_revises_a_blocked_answer_and_the_refusal_gives_way_to_a_new_review(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=f"张三（身份证号{IDENTITY}）已入学。", on=RECEIVED)
    item = f"/office/messages/item/{message.pk}/"
    logged_in(client, carol).post(f"{item}publish/", {})
    bob_sees = logged_in(client, bob).get(item).content.decode()
    assert "保密审查未通过：不得公开" in bob_sees and "修改后的答复" in bob_sees
    client.post(f"{item}revise/", {"answer": "留言人反映的孩子已安排入学。"})
    assert "保密审查未通过：不得公开" not in client.get(item).content.decode()
    logged_in(client, carol).post(f"{item}publish/", {})
    message.refresh_from_db()
    assert (message.publication, message.answer, message.answered_on) == (
        "published",
        "留言人反映的孩子已安排入学。",
        RECEIVED,
    )


def test_an_answered_message_offers_no_referral_or_spam_marking(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    message = route_message(message=leave(office.county), department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=ANSWER, on=RECEIVED)
    html = logged_in(client, alice).get(f"/office/messages/item/{message.pk}/").content.decode()
    assert "按信访事项转办" not in html and "标记为垃圾信息" not in html and "不宜公开的理由" in html
