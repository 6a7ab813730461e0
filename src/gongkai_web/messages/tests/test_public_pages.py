"""The public pages: leaving a message, the writer's lookup, the published questions and answers,
and what a hostile visitor gets (markup shown as text, limits on size and rate)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.messages.models import Message
from gongkai_web.messages.services import answer_message, mark_spam, publish_answer, route_message
from gongkai_web.messages.tests.conftest import ANSWER, SCHOOL_BUS, leave
from gongkai_web.personas import Office
from gongkai_web.portal.throttle import SUBMISSIONS

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def form_key(client: Client, body_id: int) -> str:
    page = client.get(f"/messages/{body_id}/write/")
    match = re.search(r'name="submission_key" value="([^"]+)"', page.content.decode())
    assert match is not None
    return match.group(1)


def post(client: Client, office: Office, **overrides: str) -> object:
    data = {
        "kind": "consultation",
        "title": "城关镇第二小学是否开通校车",
        "text": SCHOOL_BUS,
        "contact": "13700001111",
        "consents_to_publication": "yes",
        "submission_key": form_key(client, office.county.pk),
    } | overrides
    return client.post(f"/messages/{office.county.pk}/write/", data)


def test_a_message_left_on_the_portal_gets_a_tracking_code(
    client: Client, office: Office, empty_cache: None
) -> None:
    response = post(client, office)
    message = Message.objects.get()
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == f"/messages/received/{message.tracking_code}/"  # type: ignore[index]
    page = client.get(response["Location"])  # type: ignore[index]
    html = page.content.decode()
    assert message.tracking_code in html and "5 个工作日" in html
    assert (message.kind, message.consents_to_publication, message.contact) == (
        "consultation",
        True,
        "13700001111",
    )


def test_the_writer_who_declines_publication_is_recorded_as_private(
    client: Client, office: Office, empty_cache: None
) -> None:
    post(client, office, consents_to_publication="no")
    assert Message.objects.get().publication == "private"


def test_a_missing_title_and_an_overlong_text_come_back_in_chinese(
    client: Client, office: Office, empty_cache: None
) -> None:
    response = post(client, office, title="", text="长" * 3001)
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "请填写标题" in html and "留言内容不能超过 3000 个字" in html
    assert not Message.objects.exists()


def test_a_request_larger_than_the_form_can_need_is_refused_whole(
    client: Client, office: Office, empty_cache: None
) -> None:
    response = post(client, office, text="长" * 30000)
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert "留言过长" in response.content.decode()  # type: ignore[attr-defined]
    assert not Message.objects.exists()


def test_one_address_is_stopped_after_the_portals_submission_rate(
    client: Client, office: Office, empty_cache: None
) -> None:
    codes = [
        client.post(f"/messages/{office.county.pk}/write/", {"title": "x"}).status_code
        for _ in range(SUBMISSIONS.requests + 1)
    ]
    assert codes == [400] * SUBMISSIONS.requests + [429]
    # Applications are counted apart: the same address may still apply.
    assert client.post(f"/apply/{office.county.pk}/?type=natural_person", {}).status_code == 400


def test_markup_in_a_message_is_shown_as_text_on_every_page(
    client: Client, office: Office, alice: User, bob: User, carol: User, empty_cache: None
) -> None:
    post(client, office, title=f"校车{SCRIPT}", text=f"请问{IMAGE}校车何时开通")
    message = Message.objects.get()
    route_message(message=message, department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=f"{ANSWER}{SCRIPT}", on=message.received_on)
    publish_answer(message=message, actor=carol)
    client.force_login(carol)
    for url in (
        f"/messages/track/{message.tracking_code}/",
        f"/messages/{office.county.pk}/{message.pk}/",
        f"/messages/{office.county.pk}/",
        f"/office/messages/item/{message.pk}/",
        f"/office/messages/{office.county.pk}/?view=answered",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html, url


def test_the_published_page_shows_question_and_answer_but_never_the_contact(
    client: Client, office: Office, alice: User, bob: User, carol: User
) -> None:
    message = leave(office.county)
    route_message(message=message, department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=ANSWER, on=message.received_on)
    assert client.get(f"/messages/{office.county.pk}/{message.pk}/").status_code == 404
    publish_answer(message=message, actor=carol)
    page = client.get(f"/messages/{office.county.pk}/{message.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert SCHOOL_BUS in html and ANSWER in html and "某县人民政府教育股" in html
    assert "13700001111" not in html
    assert "城关镇第二小学是否开通校车" in client.get(f"/messages/{office.county.pk}/").content.decode()


def test_the_writer_reads_the_answer_by_code_even_when_it_is_private(
    client: Client, office: Office, alice: User, bob: User, empty_cache: None
) -> None:
    message = leave(office.county, consents_to_publication=False)
    route_message(message=message, department=office.education, actor=alice)
    answer_message(message=message, actor=bob, answer=ANSWER, on=message.received_on)
    html = client.get(f"/messages/track/{message.tracking_code}/").content.decode()
    assert ANSWER in html and "留言人不同意公开" in html and "13700001111" not in html


@pytest.mark.parametrize("code", ["no-such-code", "x" * 200])
def test_an_unknown_code_is_not_found(client: Client, office: Office, code: str, empty_cache: None) -> None:
    assert client.get(f"/messages/track/{code}/").status_code == 404


def test_a_spam_message_is_not_found_by_its_code(
    client: Client, office: Office, alice: User, empty_cache: None
) -> None:
    message = mark_spam(message=leave(office.county), actor=alice, reason="广告")
    assert client.get(f"/messages/track/{message.tracking_code}/").status_code == 404


def test_the_portal_offers_leaving_a_message(client: Client, office: Office) -> None:
    html = client.get("/").content.decode()
    assert '<a href="/messages/">我要留言</a>' in html
