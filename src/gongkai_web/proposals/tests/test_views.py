"""The 建议提案 pages: who reads, who records, and every page refused to outsiders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.proposals.models import Feedback, Proposal, Reply
from gongkai_web.proposals.services import record_reply


def as_(client: Client, request: pytest.FixtureRequest, who: str) -> Client:
    client.force_login(request.getfixturevalue(who))
    return client


def pages(
    office: Office, suggestion: Proposal
) -> tuple[list[str], list[str], list[tuple[str, dict[str, str]]]]:
    base = f"/office/proposals/{office.county.pk}"
    item = f"{base}/{suggestion.pk}"
    co = suggestion.co_handlings.get()
    read = [f"{base}/year/2025/", f"{item}/"]
    keep = [f"{base}/add/", f"{base}/import/"]
    posts = [
        (
            f"{item}/co/{co.pk}/opinion/",
            {f"co{co.pk}-opinion": "同意", f"co{co.pk}-opinion_on": "2025-04-10"},
        ),
        (f"{item}/reply/", {"text": "答复", "replied_on": "2025-06-01", "outcome": "A"}),
        (f"{item}/feedback/", {"satisfaction": "satisfied", "received_on": "2025-06-10", "note": ""}),
        (f"{item}/publication/", {}),
    ]
    return read, keep, posts


@pytest.mark.parametrize("who", ["dave", "olga"])
def test_an_officer_of_another_body_is_refused_every_page(
    client: Client, office: Office, suggestion: Proposal, who: str, request: pytest.FixtureRequest
) -> None:
    c = as_(client, request, who)
    read, keep, posts = pages(office, suggestion)
    for url in read + keep:
        assert c.get(url).status_code == 403, url
    for url, data in posts:
        assert c.post(url, data).status_code == 403, url
    assert not Reply.objects.exists() and suggestion.co_handlings.get().opinion == ""


def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, office: Office, suggestion: Proposal
) -> None:
    read, keep, posts = pages(office, suggestion)
    for url in ["/office/proposals/", *read, *keep, *(url for url, _ in posts)]:
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert "login" in response["Location"], url


def test_a_reviewer_reads_but_records_nothing(
    client: Client, office: Office, suggestion: Proposal, carol: User
) -> None:
    client.force_login(carol)
    read, keep, posts = pages(office, suggestion)
    for url in read:
        assert client.get(url).status_code == 200, url
    for url in keep:
        assert client.get(url).status_code == 403, url
    for url, data in posts[:3]:
        assert client.post(url, data).status_code == 403, url
    assert not Reply.objects.exists()


def test_the_registrar_registers_a_proposal_with_the_usual_due_dates(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    response = client.post(
        f"/office/proposals/{office.county.pk}/add/",
        {
            "kind": "cppcc", "session": "十届政协三次会议", "number": "19", "title": "关于加强耕地保护信息公开的提案",
            "proposer": "孙伟委员", "assigned_on": "2025-01-31", "due_on": "",
            "lead_department": office.general_office.pk, "co_departments": [office.education.pk], "co_due_on": "",
        },
    )  # fmt: skip
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{proposal.pk}/")
    assert (proposal.kind, proposal.due_on) == ("cppcc", dt.date(2025, 4, 30))
    assert proposal.co_handlings.get().due_on == dt.date(2025, 2, 28)


def test_a_due_date_before_the_assignment_is_shown_on_its_field(
    client: Client, office: Office, alice: User
) -> None:
    client.force_login(alice)
    response = client.post(
        f"/office/proposals/{office.county.pk}/add/",
        {
            "kind": "npc", "session": "十届人大三次会议", "number": "1", "title": "t", "proposer": "p",
            "assigned_on": "2025-03-20", "due_on": "2025-03-01", "lead_department": office.education.pk,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "办理期限 2025-03-01 早于交办日期 2025-03-20（due_before_assigned）" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_lead_handler_replies_and_the_registrar_records_feedback(
    client: Client, office: Office, suggestion: Proposal, bob: User, alice: User
) -> None:
    _, _, posts = pages(office, suggestion)
    client.force_login(bob)
    url, data = posts[1]
    assert client.post(url, {**data, "outcome": "B"}).status_code == 302
    assert client.post(posts[2][0], posts[2][1]).status_code == 403  # feedback is the keepers'
    client.force_login(alice)
    assert client.post(posts[2][0], {**posts[2][1], "satisfaction": "dissatisfied"}).status_code == 302
    assert Feedback.objects.get().satisfaction == "dissatisfied"
    page = client.get(f"/office/proposals/{office.county.pk}/{suggestion.pk}/").content.decode()
    assert "B类：所提问题正在解决或列入计划逐步解决" in page and "不满意" in page


def test_a_handler_of_another_department_may_not_reply(
    client: Client, office: Office, suggestion: Proposal, erin: User
) -> None:
    _, _, posts = pages(office, suggestion)
    client.force_login(erin)
    assert client.post(*posts[1]).status_code == 403
    assert client.post(*posts[0]).status_code == 302  # erin's 办公室 co-handles
    assert suggestion.co_handlings.get().opinion == "同意"


def test_the_list_shows_the_years_figures_and_filters(
    client: Client, office: Office, suggestion: Proposal, alice: User, bob: User
) -> None:
    record_reply(proposal=suggestion, text="答复", replied_on=dt.date(2025, 6, 23), outcome="A", actor=bob)
    client.force_login(alice)
    base = f"/office/proposals/{office.county.pk}/year/2025/"
    page = client.get(base).content.decode()
    assert (
        '<th scope="row">人大代表建议</th><td>1</td><td>1</td><td>100.0%</td><td>0</td><td>0.0%</td>' in page
    )
    assert "逾期答复" in page
    assert "关于加快城区学校扩容建设的建议" not in client.get(base, {"kind": "cppcc"}).content.decode()
    assert (
        "关于加快城区学校扩容建设的建议"
        in client.get(base, {"department": office.general_office.pk}).content.decode()
    )  # co-handled by 办公室
    assert "关于加快城区学校扩容建设的建议" not in client.get(base, {"status": "open"}).content.decode()
    assert client.get(f"/office/proposals/{office.county.pk}/year/99999/").status_code == 404


def test_the_office_navigation_links_to_the_proposals(client: Client, office: Office, bob: User) -> None:
    client.force_login(bob)
    page = client.get("/office/").content.decode()
    assert '<a href="/office/proposals/">建议提案</a>' in page
