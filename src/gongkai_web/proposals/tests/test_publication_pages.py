"""The 保密审查 on the proposal's office page: publish, the refusal shown, the reviewer's reason, refusals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.gate.models import PublicationReview
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Proposal, Publication, Reply
from gongkai_web.proposals.tests.conftest import IDENTITY, REPLY, requested


def urls(office: Office, suggestion: Proposal) -> tuple[str, str, str]:
    item = f"/office/proposals/{office.county.pk}/{suggestion.pk}/"
    return item, f"{item}publish/", f"{item}reply/revise/"


def test_the_reviewer_publishes_and_the_page_links_the_review_and_the_public_page(
    client: Client, office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    requested(suggestion, bob)
    item, publish, _ = urls(office, suggestion)
    client.force_login(carol)
    assert "保密审查并公开" in client.get(item).content.decode()

    response = client.post(publish)

    assert (response.status_code, response["Location"]) == (302, item)
    page = client.get(item).content.decode()
    review = PublicationReview.objects.get()
    assert '<dd id="reply-publication">已公开</dd>' in page
    at = f"{timezone.localtime(review.at):%Y-%m-%d %H:%M}"
    assert f"<li>{at} carol：准予公开（未发现个人信息或负面清单事项）</li>" in page
    assert "保密审查人：carol（准予公开，未发现个人信息或负面清单事项）" in page
    assert f'href="/proposals/{office.county.pk}/reply/{suggestion.pk}/"' in page
    assert f'href="/office/gate/{office.county.pk}/"' in page
    assert "已通过保密审查，答复已公开" in page and "保密审查并公开" not in page


def test_a_blocked_reply_shows_the_reason_and_is_revised_by_its_handler(
    client: Client, office: Office, suggestion: Proposal, bob: User, carol: User
) -> None:
    requested(suggestion, bob, REPLY + f"领衔代表李明（身份证号{IDENTITY}）。")
    item, publish, revise = urls(office, suggestion)
    client.force_login(carol)
    client.post(publish)

    page = client.get(item).content.decode()
    assert '<dd id="reply-publication">审查未通过</dd>' in page
    assert "保密审查未通过：不得公开" in page
    assert "<code>resident_id</code>" in page and "居民身份证号码" in page
    assert "（身份证号110***********002X）" in page
    assert page.count(IDENTITY) == 1  # in the reply text itself, shown to the office only
    assert "保密审查并公开" not in page

    client.force_login(bob)
    assert client.post(revise, {"text": REPLY}).status_code == 302
    page = client.get(item).content.decode()
    assert "已修改答复，请重新提交公开审查" in page and "答复已在审查后修改" in page
    assert IDENTITY not in page


def test_a_flagged_reply_asks_for_the_reason_before_it_is_published(
    client: Client, office: Office, suggestion: Proposal, bob: User, hana: User
) -> None:
    requested(suggestion, bob, REPLY + "联系电话：0373-5551234。")
    _, publish, _ = urls(office, suggestion)
    client.force_login(hana)

    asked = client.post(publish)

    assert asked.status_code == 409
    assert "需人工复核" in asked.content.decode() and "确认可以公开" in asked.content.decode()
    assert not PublicationReview.objects.exists()
    assert client.post(publish, {"confirmation": "县教育局公开的办公电话"}).status_code == 302
    assert Reply.objects.get().publication == Publication.PUBLISHED


@pytest.mark.parametrize("who", ["bob", "alice", "erin", "dave", "olga"])
def test_handlers_registrars_and_outsiders_do_not_publish(
    client: Client, office: Office, suggestion: Proposal, bob: User, who: str, request: pytest.FixtureRequest
) -> None:
    requested(suggestion, bob)
    item, publish, _ = urls(office, suggestion)
    client.force_login(request.getfixturevalue(who))
    assert client.post(publish).status_code == 403
    if who in ("bob", "alice", "erin"):
        assert "保密审查并公开" not in client.get(item).content.decode()
    assert (Reply.objects.get().publication, PublicationReview.objects.count()) == (Publication.REQUESTED, 0)


def test_outsiders_and_the_reviewer_do_not_revise_a_reply(
    client: Client, office: Office, suggestion: Proposal, bob: User, request: pytest.FixtureRequest
) -> None:
    requested(suggestion, bob)
    _, publish, revise = urls(office, suggestion)
    for who in ("carol", "erin", "dave", "olga"):
        client.force_login(request.getfixturevalue(who))
        assert client.post(revise, {"text": "改"}).status_code == 403, who
    client.logout()
    assert client.post(publish)["Location"].startswith("/office/login/")
    assert Reply.objects.get().text == REPLY
