"""The gate's office pages: the rules and recent reviews, the trial scan, and who is refused."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.gate.models import GateRules
from gongkai_web.gate.services import review_for_publication
from gongkai_web.personas import Office, logged_in

IDENTITY = "11010519491231002X"


def test_the_administrator_saves_the_negative_list_on_the_rules_page(
    client: Client, office: Office, frank: User
) -> None:
    page = logged_in(client, frank).post(
        f"/office/gate/{office.county.pk}/",
        {"negative_terms": "内部讨论稿\r\n招标控制价\r\n", "allowed_contacts": "0373-5551234"},
    )
    assert page.status_code == 302
    rules = GateRules.objects.get()
    assert (rules.negative_terms, rules.allowed_contacts, rules.changed_by) == (
        ["内部讨论稿", "招标控制价"],
        ["0373-5551234"],
        frank,
    )


def test_an_unreadable_contact_comes_back_with_the_reason(
    client: Client, office: Office, frank: User
) -> None:
    page = logged_in(client, frank).post(
        f"/office/gate/{office.county.pk}/", {"negative_terms": "", "allowed_contacts": "值班室"}
    )
    assert page.status_code == 400
    assert "“值班室”不是电话号码或电子邮箱" in page.content.decode()
    assert not GateRules.objects.exists()


def test_a_reviewer_reads_the_rules_and_the_masked_reviews_but_cannot_change_the_rules(
    client: Client, office: Office, carol: User, application: Application
) -> None:
    review_for_publication(body=office.county, subject=application, text=f"身份证号{IDENTITY}", actor=carol)
    c = logged_in(client, carol)
    page = c.get(f"/office/gate/{office.county.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "不得公开" in html and "110***********002X" in html and IDENTITY not in html
    assert "保存审查规则" not in html
    assert c.post(f"/office/gate/{office.county.pk}/", {"negative_terms": "x"}).status_code == 403


def test_the_trial_scan_shows_the_verdict_and_masked_hits_without_recording(
    client: Client, office: Office, carol: User
) -> None:
    page = logged_in(client, carol).post(
        f"/office/gate/{office.county.pk}/check/",
        {"text": f"投诉人李四，身份证号{IDENTITY}，手机13912345678。"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "不得公开：含有个人信息或负面清单事项" in html
    assert "居民身份证号码" in html and "手机号码" in html
    assert IDENTITY not in html.split("</textarea>")[-1]  # the form echoes the text; the findings do not
    assert "139****5678" in html


@pytest.mark.parametrize("who", ["bob", "dave", "olga"])
def test_officers_who_do_not_oversee_the_body_are_refused(
    client: Client, office: Office, who: str, request: pytest.FixtureRequest
) -> None:
    c = logged_in(client, request.getfixturevalue(who))
    assert c.get(f"/office/gate/{office.county.pk}/").status_code == 403
    assert c.get(f"/office/gate/{office.county.pk}/check/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, office: Office) -> None:
    page = client.get(f"/office/gate/{office.county.pk}/")
    assert page.status_code == 302 and page["Location"].startswith("/office/login/")


def test_the_index_opens_the_only_body(client: Client, office: Office, hana: User) -> None:
    page = logged_in(client, hana).get("/office/gate/")
    assert page.status_code == 302 and page["Location"] == f"/office/gate/{office.county.pk}/"
